/// The analysis of one result (a model under a scenario in one run).
public struct ResultAnalysis: Sendable {
    public var runIndex: Int
    public var result: RunResult
    public var key: SeriesKey { result.seriesKey }
    public var metrics: [Metric: MetricFigures]
    /// Requests made, when known.
    public var requests: Int?
    /// Requests that failed, when known.
    public var failures: Int?
    /// Reported figures that contradict each other or the raw samples.
    public var contradictions: [String]
    public var prompts: [PromptBreakdown]
    /// The same series in the previous run that has it, with the change of each metric's headline.
    public var previousRunIndex: Int?
    public var changes: [Metric: Change]

    public func figures(_ metric: Metric) -> MetricFigures? { metrics[metric] }

    public var hasData: Bool { metrics.values.contains { $0.headline != nil } }
}

/// A change of a headline figure since the previous run.
public struct Change: Sendable {
    public var statistic: Statistic
    public var previous: Double
    public var current: Double
    /// (current - previous) / previous.
    public var relative: Double
    public var metric: Metric

    /// True when the change is for the worse given the metric's direction.
    public var isWorse: Bool { metric.lowerIsBetter ? relative > 0 : relative < 0 }
}

/// Figures per prompt within one result.
public struct PromptBreakdown: Sendable {
    public var prompt: String
    public var requests: Int
    public var failures: Int
    public var latency: SampleStatistics?
    public var timeToFirstToken: SampleStatistics?
    public var throughput: SampleStatistics?
}

/// The analysis of the whole history.
public struct SiteAnalysis: Sendable {
    public var history: History
    /// Per run (same order as `history.runs`), per result (same order as the run's results).
    public var runs: [[ResultAnalysis]]

    /// All analyses of one series, oldest first.
    public func series(_ key: SeriesKey) -> [ResultAnalysis] {
        runs.flatMap { $0.filter { $0.key == key } }
    }

    public var latestRunIndex: Int? { history.runs.isEmpty ? nil : history.runs.count - 1 }
}

/// The Analysis stage: summaries from raw samples, changes against the previous run, contradictions.
public enum Analyzer {
    public static func analyze(_ history: History) -> SiteAnalysis {
        var perRun: [[ResultAnalysis]] = []
        var lastSeen: [SeriesKey: (run: Int, analysis: ResultAnalysis)] = [:]
        for (runIndex, run) in history.runs.enumerated() {
            var analyses: [ResultAnalysis] = []
            for result in run.results {
                var analysis = analyze(result, runIndex: runIndex)
                if let previous = lastSeen[result.seriesKey] {
                    analysis.previousRunIndex = previous.run
                    for (metric, figures) in analysis.metrics {
                        guard let before = previous.analysis.metrics[metric],
                            let pair = figures.comparableHeadline(with: before), pair.previous > 0
                        else { continue }
                        analysis.changes[metric] = Change(
                            statistic: pair.statistic, previous: pair.previous, current: pair.value,
                            relative: (pair.value - pair.previous) / pair.previous, metric: metric)
                    }
                }
                if analysis.hasData { lastSeen[result.seriesKey] = (runIndex, analysis) }
                analyses.append(analysis)
            }
            perRun.append(analyses)
        }
        return SiteAnalysis(history: history, runs: perRun)
    }

    static func analyze(_ result: RunResult, runIndex: Int) -> ResultAnalysis {
        var metrics: [Metric: MetricFigures] = [:]
        var contradictions: [String] = []
        let okSamples = result.samples.filter(\.ok)
        for metric in Metric.allCases {
            let values = okSamples.compactMap { $0.value(of: metric) }
            let computed = SampleStatistics(values)
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
            failures = result.samples.count - okSamples.count
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
        return ResultAnalysis(
            runIndex: runIndex, result: result, metrics: metrics, requests: requests, failures: failures,
            contradictions: contradictions, prompts: promptBreakdown(result.samples), previousRunIndex: nil, changes: [:])
    }

    /// Reported figures that cannot all be true, and reported figures far from what the samples say.
    static func contradictions(in figures: MetricFigures) -> [String] {
        var found: [String] = []
        let name = figures.metric.title.lowercased()
        if let reported = figures.reported {
            func field(_ s: Statistic) -> String { reported.fields[s] ?? s.rawValue }
            let order: [Statistic] = [.min, .p50, .p90, .p95, .p99, .max]
            let present = order.filter { reported[$0] != nil }
            for (i, low) in present.enumerated() {
                for high in present[(i + 1)...] where reported[low]! > reported[high]! * (1 + 1e-9) {
                    found.append(
                        "reported \(name) \(field(low)) (\(NumberFormatting.significant(reported[low]!, 4))) is above the reported \(field(high)) (\(NumberFormatting.significant(reported[high]!, 4)))"
                    )
                }
            }
            if let mean = reported[.mean] {
                if let max = reported[.max], mean > max * (1 + 1e-9) {
                    found.append("reported \(name) \(field(.mean)) (\(NumberFormatting.significant(mean, 4))) is above the reported \(field(.max)) (\(NumberFormatting.significant(max, 4)))")
                }
                if let min = reported[.min], mean < min * (1 - 1e-9) {
                    found.append("reported \(name) \(field(.mean)) (\(NumberFormatting.significant(mean, 4))) is below the reported \(field(.min)) (\(NumberFormatting.significant(min, 4)))")
                }
            }
            if let computed = figures.computed {
                for statistic in [Statistic.mean, .p50, .p95, .p99, .min, .max] {
                    guard let r = reported[statistic], let c = computed[statistic] else { continue }
                    let scale = Swift.max(abs(c), abs(r), 1e-12)
                    if abs(r - c) / scale > 0.01 {
                        found.append(
                            "reported \(name) \(field(statistic)) (\(NumberFormatting.significant(r, 4))) differs from the value computed from the samples (\(NumberFormatting.significant(c, 4)))"
                        )
                    }
                }
            }
        }
        return found
    }

    static func promptBreakdown(_ samples: [Sample]) -> [PromptBreakdown] {
        var order: [String] = []
        var groups: [String: [Sample]] = [:]
        for sample in samples {
            guard let prompt = sample.prompt else { continue }
            if groups[prompt] == nil { order.append(prompt) }
            groups[prompt, default: []].append(sample)
        }
        return order.map { prompt in
            let group = groups[prompt]!
            let ok = group.filter(\.ok)
            return PromptBreakdown(
                prompt: prompt, requests: group.count, failures: group.count - ok.count,
                latency: SampleStatistics(ok.compactMap(\.latency)),
                timeToFirstToken: SampleStatistics(ok.compactMap(\.timeToFirstToken)),
                throughput: SampleStatistics(ok.compactMap(\.tokensPerSecond)))
        }
    }
}
