import Foundation

/// The Analysis stage: summaries from raw samples, changes against the previous run, contradictions.
public enum Analyzer {
    /// Metrics followed over time for change points.
    static let trackedMetrics: [Metric] = [.latency, .timeToFirstToken, .throughput]

    /// The most earlier runs a verdict looks back at (a month of nightlies).
    public static let historyWindow = 20

    /// - Parameter known: each result's figures computed before, by its run's `RunOrigin.key`.
    public static func analyze(
        _ history: History, options: AnalysisOptions = AnalysisOptions(), known: [String: [ResultFigures]] = [:]
    ) -> SiteAnalysis {
        // Each result's figures from its own samples, on all cores; then each run against the
        // previous one of its lineage, in time order.
        // Figures computed when the run was read (or kept from an earlier build) are taken as they are.
        var perRun = parallelMap(history.runs.count) { runIndex in
            let run = history.runs[runIndex]
            let known = run.origin.flatMap { known[$0.key] }
            return run.results.indices.map { index in
                ResultAnalysis(
                    runIndex: runIndex, result: run.results[index],
                    figures: known.flatMap { index < $0.count ? $0[index] : nil } ?? Self.figures(run.results[index]))
            }
        }
        let positions = SiteAnalysis.positions(of: history.runs.map { $0.results.map(\.seriesKey) })
        // The previous run of a series counts only on the same hardware (host, CPU, GPU): each series
        // on its own (on all cores), its lineages told apart by the runs' hardware, in time order.
        let seriesKeys = history.series
        // Each run's hardware numbered once (not hashed again for each of its results).
        struct Hardware: Hashable {
            var host: String?, cpu: String?, gpu: String?
        }
        var hardwareNumbers: [Hardware: Int] = [:]
        let hardware = history.runs.map { run in
            let key = Hardware(host: run.environment.host, cpu: run.environment.cpu, gpu: run.environment.gpu)
            if let number = hardwareNumbers[key] { return number }
            hardwareNumbers[key] = hardwareNumbers.count
            return hardwareNumbers.count - 1
        }
        let walked = { (figured: [[ResultAnalysis]]) in
            // Gone once walked, so that setting the steps below changes `perRun` in place.
            parallelMap(seriesKeys.count) { index in
                lineages(of: positions[seriesKeys[index]] ?? [], hardware: hardware, figured)
            }
        }(perRun)
        for series in walked {
            for step in series.steps {
                perRun[step.run][step.result].previousRunIndex = step.previousRun
                perRun[step.run][step.result].changes = step.changes
            }
        }
        // Levels comparable along each series (prompts related to their typical level), worked on
        // in a table of their own: reading one field of a result in `perRun` copies the whole result
        // (a dozen references retained and released), for every series, metric and run.
        var levels = perRun.map { results in
            results.withUnsafeBufferPointer { buffer in buffer.indices.map { buffer[$0].levels } }
        }
        // Each series on its own (on all cores), then set in place.
        let normalized = normalizedLevels(levels, keys: seriesKeys, positions: positions)
        for (index, key) in seriesKeys.enumerated() {
            let members = positions[key] ?? []
            for (metric, series) in zip(Metric.allCases, normalized[index]) {
                for (position, level) in zip(members, series) {
                    levels[position.run][position.result][metric] = level
                }
            }
        }
        for runIndex in perRun.indices {
            for resultIndex in perRun[runIndex].indices {
                perRun[runIndex][resultIndex].levels = levels[runIndex][resultIndex]
            }
        }
        let changePoints = changePoints(
            history.series, positions: positions, levels: levels, settings: options.changePoints,
            metrics: options.comparison.metrics)
        // Each run against the earlier runs of its lineage since the series last changed level.
        let runSettings: ComparisonSettings = {
            var settings = options.comparison
            settings.intervalsForAll = false
            return settings
        }()
        let lineageList = walked.flatMap(\.lineages)
        let metrics = runSettings.metrics.sorted()
        // Each lineage's levels per metric, read once (a run is judged against up to 20 earlier
        // ones), so that nothing but `perRun` holds the results when the verdicts are set.
        let lineageLevels = { (levels: [[[Metric: RunLevel]]]) in
            parallelMap(lineageList.count) { index in
                metrics.map { metric in lineageList[index].map { levels[$0.run][$0.result][metric] } }
            }
        }(levels)
        let verdicts = parallelMap(lineageList.count) {
            index -> [(run: Int, result: Int, comparisons: [SeriesComparison])] in
            let members = lineageList[index]
            guard let first = members.first else { return [] }
            let key = history.runs[first.run].results[first.result].seriesKey
            let points = changePoints[key] ?? []
            let levels = lineageLevels[index]
            return members.enumerated().map { position, member in
                let comparisons = metrics.indices.compactMap { metricIndex -> SeriesComparison? in
                    let metric = metrics[metricIndex]
                    guard let level = levels[metricIndex][position] else { return nil }
                    // The window starts at the latest change of level before this run.
                    let start =
                        points.filter { $0.metric == metric && $0.runIndex <= member.run - 1 }.map(\.runIndex).max()
                        ?? Int.min
                    // Members are in run order: the runs since `start` are the ones from the first at or after it.
                    var first = position
                    while first > 0 && members[first - 1].run >= start && position - first < historyWindow {
                        first -= 1
                    }
                    let earlier = levels[metricIndex][first..<position].compactMap { $0 }
                    guard earlier.count >= Comparator.minimumHistory else {
                        var none = SeriesComparison(
                            key: key, metric: metric, statistic: .p50, baseline: nil, contender: level.value,
                            baselineCount: earlier.count,
                            contenderCount: 1, change: nil, interval: nil, pValue: nil, adjustedPValue: nil,
                            method: .history,
                            verdict: .insufficientData)
                        none.note =
                            "\(earlier.count) earlier comparable run\(earlier.count == 1 ? "" : "s") at this level; a verdict needs \(Comparator.minimumHistory) to know how much runs vary"
                        return none
                    }
                    return HistoryTest.compare(key, metric, earlier: Array(earlier), current: level)
                }
                return (member.run, member.result, Comparator.decide(comparisons, runSettings) { _ in nil })
            }
        }
        for lineage in verdicts {
            for entry in lineage {
                for comparison in entry.comparisons {
                    perRun[entry.run][entry.result].verdicts[comparison.metric] = comparison
                }
            }
        }
        var analysis = SiteAnalysis(history: history, runs: perRun, positions: positions)
        analysis.comparisonSettings = options.comparison
        analysis.changePointSettings = options.changePoints
        analysis.changePoints = changePoints
        if let baseline = options.baselineRunIndex, let latest = analysis.latestRunIndex, baseline != latest {
            let comparisons = Comparator.compare(
                baseline: history.runs[baseline].results, contender: history.runs[latest].results,
                settings: options.comparison,
                spreads: runSpreads(analysis))
            analysis.baselineComparison = (baseline, comparisons)
        }
        return analysis
    }

    /// A change of one result against the previous run of its lineage.
    struct LineageStep {
        var run: Int, result: Int
        var previousRun: Int
        var changes: [Metric: Change]
    }

    /// One series' results (`members`, oldest first) in lineages: the runs on the same hardware (host,
    /// CPU, GPU), each result with data in one. Each result after the first of its lineage gets its
    /// change against the previous one with data (`steps`).
    /// - Parameter hardware: each run's hardware (host, CPU, GPU) as a number, equal for equal hardware.
    static func lineages(
        of members: [(run: Int, result: Int)], hardware: [Int], _ perRun: [[ResultAnalysis]]
    ) -> (steps: [LineageStep], lineages: [[(run: Int, result: Int)]]) {
        var lastSeen: [Int: (run: Int, metrics: [Metric: MetricFigures])] = [:]
        var lineageOf: [Int: Int] = [:]
        var lineages: [[(run: Int, result: Int)]] = []
        var steps: [LineageStep] = []
        for member in members {
            let hardware = hardware[member.run]
            let result = perRun[member.run][member.result]
            if let previous = lastSeen[hardware] {
                var changes: [Metric: Change] = [:]
                for (metric, figures) in result.metrics {
                    guard let before = previous.metrics[metric],
                        let pair = figures.comparableHeadline(with: before), pair.previous > 0
                    else { continue }
                    changes[metric] = Change(
                        statistic: pair.statistic, previous: pair.previous, current: pair.value,
                        relative: (pair.value - pair.previous) / pair.previous, metric: metric)
                }
                steps.append(
                    LineageStep(run: member.run, result: member.result, previousRun: previous.run, changes: changes))
            }
            if result.hasData {
                lastSeen[hardware] = (member.run, result.metrics)
                if let lineage = lineageOf[hardware] {
                    lineages[lineage].append(member)
                } else {
                    lineageOf[hardware] = lineages.count
                    lineages.append([member])
                }
            }
        }
        return (steps, lineages)
    }

    /// Each series' levels per metric (`Metric.allCases`), related along the series
    /// (`SeriesLevels.normalize`): `levels` as `[run][result]`, the series' results at `positions`.
    private static func normalizedLevels(
        _ levels: [[[Metric: RunLevel]]], keys: [SeriesKey], positions: [SeriesKey: [(run: Int, result: Int)]]
    ) -> [[[RunLevel?]]] {
        parallelMap(keys.count) { index in
            let members = positions[keys[index]] ?? []
            return Metric.allCases.map { metric in
                SeriesLevels.normalize(members.map { levels[$0.run][$0.result][metric] })
            }
        }
    }

    /// How much each series' level varies from run to run (log scale), from its whole history:
    /// 1.4826 · MAD of consecutive differences / √2, robust to the steps change points look for.
    /// Series with fewer than `Comparator.minimumHistory + 1` runs have none.
    static func runSpreads(_ analysis: SiteAnalysis) -> [SeriesKey: [Metric: RunSpread]] {
        var out: [SeriesKey: [Metric: RunSpread]] = [:]
        for key in analysis.history.series {
            let series = analysis.series(key)
            for metric in Metric.allCases {
                let logs = series.compactMap { $0.levels[metric].map { log($0.value) } }
                guard logs.count > Comparator.minimumHistory else { continue }
                out[key, default: [:]][metric] = RunSpread(logSpread: ChangePointDetector.noise(logs), runs: logs.count)
            }
        }
        return out
    }

    /// The same from a history alone, without analyzing it (for `compare --history`): each series'
    /// levels from its requests, prompts related to their typical level.
    public static func runSpreads(history: History) -> [SeriesKey: [Metric: RunSpread]] {
        var bySeries: [SeriesKey: [RunResult]] = [:]
        for run in history.runs {
            for result in run.results { bySeries[result.seriesKey, default: []].append(result) }
        }
        var out: [SeriesKey: [Metric: RunSpread]] = [:]
        for (key, results) in bySeries where results.count > Comparator.minimumHistory {
            for metric in Metric.allCases {
                let levels = SeriesLevels.normalize(results.map { RunLevel.of($0, metric, figures: nil) }).compactMap {
                    $0
                }
                guard levels.count > Comparator.minimumHistory else { continue }
                out[key, default: [:]][metric] = RunSpread(
                    logSpread: ChangePointDetector.noise(levels.map { log($0.value) }), runs: levels.count)
            }
        }
        return out
    }

    /// Change points of each series' levels over its runs, with the levels' own sampling error as a
    /// noise floor: `keys` the series, `positions` where each one's results are, `levels` each
    /// result's levels (`[run][result]`).
    static func changePoints(
        _ keys: [SeriesKey], positions: [SeriesKey: [(run: Int, result: Int)]], levels: [[[Metric: RunLevel]]],
        settings: ChangePointSettings, metrics: [Metric] = Metric.allCases
    ) -> [SeriesKey: [RunChangePoint]] {
        let perSeries = parallelMap(keys.count) { index -> [RunChangePoint] in
            let members = positions[keys[index]] ?? []
            var found: [RunChangePoint] = []
            for metric in trackedMetrics where metrics.contains(metric) {
                let points = members.compactMap { position -> (run: Int, value: Double, spread: Double?)? in
                    guard let level = levels[position.run][position.result][metric], level.value > 0 else { return nil }
                    return (position.run, level.value, level.logStandardError)
                }
                let detected = ChangePointDetector.detect(
                    points.map(\.value), spreads: points.compactMap(\.spread), settings: settings)
                found += detected.map { RunChangePoint(metric: metric, runIndex: points[$0.index].run, point: $0) }
            }
            return found
        }
        var out: [SeriesKey: [RunChangePoint]] = [:]
        for (index, points) in perSeries.enumerated() where !points.isEmpty { out[keys[index]] = points }
        return out
    }

    /// What a result's own samples give (no other run needed).
    public static func figures(_ result: RunResult) -> ResultFigures {
        var metrics: [Metric: MetricFigures] = [:]
        var contradictions: [Contradiction] = []
        let prompts = SamplePrompts(result.samples)
        let okCount = result.samples.okCount
        // When no request succeeded, the figures a tool still writes (zeros, or means over nothing) say nothing.
        let nothingSucceeded = (!result.samples.isEmpty && okCount == 0) || result.reportedSuccesses == 0
        // Each metric's values sorted once, for its statistics and its level.
        var sortedValues: [Metric: [Double]] = [:]
        for metric in Metric.allCases where !nothingSucceeded {
            let values = result.sampleValues(metric)
            var computed: SampleStatistics?
            if !values.isEmpty, values.allSatisfy(\.isFinite) {
                let sorted = values.sortedAscending()
                computed = SampleStatistics(sorted: sorted)
                sortedValues[metric] = sorted
            }
            let reported = result.reported[metric]
            if computed == nil && reported == nil { continue }
            let figures = MetricFigures(metric: metric, computed: computed, reported: reported)
            contradictions += Self.contradictions(in: figures)
            metrics[metric] = figures
        }
        var requests: Int?
        var failures: Int?
        if !result.samples.isEmpty {
            requests = result.samples.count
            failures = result.samples.count - okCount
        } else if let planned = result.configuredRequests {
            requests = planned
            failures = result.reportedSuccesses.map { Swift.max(0, planned - $0) }
        } else if let ok = result.reportedSuccesses {
            requests = ok
            failures = 0
        }
        if result.status == .failed, result.samples.isEmpty, failures == nil {
            failures = requests
        }
        let hasGaps = result.samples.contains { $0.interTokenGaps != nil }
        // Each prompt's values of the metrics the prompt table shows, sorted once for it and for levels.
        var byPrompt: [Metric: SamplePrompts.Values] = [:]
        if !prompts.names.isEmpty {
            for metric in PromptBreakdown.metrics { byPrompt[metric] = prompts.values(result.samples, metric) }
        }
        var levels: [Metric: RunLevel] = [:]
        for (metric, figures) in metrics {
            // A request's gaps are not independent: the level of inter-token latency is over requests.
            let sorted = metric == .interTokenLatency && hasGaps ? nil : sortedValues[metric]
            if let level = RunLevel.of(
                result, metric, figures: figures, prompts: prompts, sortedValues: sorted, byPrompt: byPrompt[metric])
            {
                levels[metric] = level
            }
        }
        var figures = ResultFigures(
            metrics: metrics, requests: requests, failures: failures, contradictions: contradictions,
            prompts: promptBreakdown(result.samples, prompts: prompts, byPrompt: byPrompt), levels: levels,
            sampleCount: result.samples.count, okSampleCount: okCount, hasInterTokenGaps: hasGaps)
        for metric in ResultFigures.chartedMetrics { figures.sortedSamples[metric] = sortedValues[metric] }
        return figures
    }

    /// Reported figures that cannot all be true, and reported figures far from what the samples say.
    static func contradictions(in figures: MetricFigures) -> [Contradiction] {
        var found: [Contradiction] = []
        let metric = figures.metric
        if let reported = figures.reported {
            func field(_ s: Statistic) -> String { reported.fields[s] ?? s.rawValue }
            func entry(_ s: Statistic, _ value: Double, _ kind: Contradiction.Kind) -> Contradiction {
                Contradiction(metric: metric, field: field(s), value: value, kind: kind)
            }
            let order: [Statistic] = [.min, .p50, .p90, .p95, .p99, .max]
            let present = order.compactMap { s in reported[s].map { (s, $0) } }
            for (i, (low, lowValue)) in present.enumerated() {
                for (high, highValue) in present[(i + 1)...] where lowValue > highValue * (1 + 1e-9) {
                    found.append(entry(low, lowValue, .above(field: field(high), value: highValue)))
                }
            }
            if let mean = reported[.mean] {
                if let max = reported[.max], mean > max * (1 + 1e-9) {
                    found.append(entry(.mean, mean, .above(field: field(.max), value: max)))
                }
                if let min = reported[.min], mean < min * (1 - 1e-9) {
                    found.append(entry(.mean, mean, .below(field: field(.min), value: min)))
                }
            }
            if let computed = figures.computed {
                let percentiles: Set<Statistic> = [.p50, .p90, .p95, .p99]
                for statistic in [Statistic.mean, .p50, .p95, .p99, .min, .max]
                where !(reported.approximatePercentiles && percentiles.contains(statistic)) {
                    guard let r = reported[statistic], let c = computed[statistic] else { continue }
                    let scale = Swift.max(abs(c), abs(r), 1e-12)
                    if abs(r - c) / scale > 0.01 { found.append(entry(statistic, r, .differsFromSamples(computed: c))) }
                }
            }
        }
        return found
    }

    /// - Parameter byPrompt: each prompt's sorted values of `PromptBreakdown.metrics`, when known.
    static func promptBreakdown(
        _ samples: [Sample], prompts: SamplePrompts? = nil, byPrompt: [Metric: SamplePrompts.Values] = [:]
    ) -> [PromptBreakdown] {
        let prompts = prompts ?? SamplePrompts(samples)
        guard !prompts.names.isEmpty else { return [] }
        var requests = [Int](repeating: 0, count: prompts.names.count)
        var succeeded = requests
        for (index, prompt) in prompts.ids.enumerated() where prompt >= 0 {
            requests[prompt] += 1
            if samples[index].ok { succeeded[prompt] += 1 }
        }
        let sorted = PromptBreakdown.metrics.map { byPrompt[$0]?.sorted ?? prompts.values(samples, $0).sorted }
        return prompts.names.indices.map { prompt in
            PromptBreakdown(
                prompt: prompts.names[prompt], requests: requests[prompt],
                failures: requests[prompt] - succeeded[prompt],
                latency: SampleStatistics(sorted: sorted[0][prompt]),
                timeToFirstToken: SampleStatistics(sorted: sorted[1][prompt]),
                throughput: SampleStatistics(sorted: sorted[2][prompt]))
        }
    }
}

extension PromptBreakdown {
    /// The metrics a prompt's row shows, in the order of its fields.
    static let metrics: [Metric] = [.latency, .timeToFirstToken, .throughput]
}

/// The prompt of each sample as a number (its place among the samples' prompts, in order of first
/// appearance; -1 for none), so figures per prompt group numbers instead of hashing each sample's text.
struct SamplePrompts {
    /// The distinct prompts, in the order they first appear.
    var names: [String] = []
    /// Per sample, its prompt's place in `names`, or -1.
    var ids: [Int]

    /// A metric's values per prompt: the successful samples' (`Sample.value(of:)`), sorted.
    struct Values {
        /// By the prompt's place in `names`.
        var sorted: [[Double]]
        /// Every successful sample with a value names a prompt, and every value is positive and
        /// finite: what a level within prompts (`RunLevel`) needs.
        var complete: Bool
    }

    func values(_ samples: [Sample], _ metric: Metric) -> Values {
        var byPrompt = [[Double]](repeating: [], count: names.count)
        var complete = true
        for index in samples.indices where samples[index].ok {
            guard let value = samples[index].value(of: metric) else { continue }
            if !(value > 0 && value.isFinite) { complete = false }
            let prompt = ids[index]
            guard prompt >= 0 else {
                complete = false
                continue
            }
            byPrompt[prompt].append(value)
        }
        return Values(sorted: byPrompt.map { $0.sortedAscending() }, complete: complete)
    }

    init(_ samples: [Sample]) {
        ids = [Int](repeating: -1, count: samples.count)
        var byName: [String: Int] = [:]
        for (index, sample) in samples.enumerated() {
            guard let prompt = sample.prompt else { continue }
            // The previous sample's prompt first: runs hold a few prompts, often in turn or in blocks.
            if index > 0, ids[index - 1] >= 0, names[ids[index - 1]] == prompt {
                ids[index] = ids[index - 1]
                continue
            }
            // Then the first few by comparison (the samples share their run's strings, so that is
            // a pointer check): hashing every sample's prompt was most of this.
            if let known = names.prefix(8).firstIndex(of: prompt) {
                ids[index] = known
            } else if let known = byName[prompt] {
                ids[index] = known
            } else {
                byName[prompt] = names.count
                ids[index] = names.count
                names.append(prompt)
            }
        }
    }
}
