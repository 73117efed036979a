import Foundation

/// Compares two sides series by series: the statistics a team can act on.
///
/// Each side is one or more runs. With several runs a side, runs are the unit (Welch's t-test on
/// their levels), so run-to-run variation counts; with one run a side, the requests are compared,
/// within prompts when the samples name them (van Elteren), else pooled (Mann-Whitney U). The
/// false-discovery correction (Benjamini-Hochberg) runs over each series' own metrics, so a
/// series' verdict never depends on how many other models share the page.
public enum Comparator {
    /// Several runs a side are compared as runs from this many on each side.
    public static let runsPerSideForRunTest = 2
    /// A run against earlier ones needs at least this many of them to know their spread.
    public static let minimumHistory = 4

    /// - Parameters:
    ///   - baseline, contender: results by series on each side, one per run.
    ///   - spreads: how much each series varies from run to run, from a history: one run a side is
    ///     then judged against that spread rather than its requests alone.
    public static func compare(
        baseline: [RunResult], contender: [RunResult], settings: ComparisonSettings = ComparisonSettings(),
        parallel: Bool = true,
        spreads: [SeriesKey: [Metric: RunSpread]] = [:]
    ) -> [SeriesComparison] {
        let a = Dictionary(grouping: baseline, by: \.seriesKey)
        let b = Dictionary(grouping: contender, by: \.seriesKey)
        // Series are independent (each bootstrap has its own fixed seed): compare them on all cores.
        let keys = Set(a.keys).intersection(b.keys).sorted()
        return parallelMap(keys.count, parallel: parallel) { index in
            let key = keys[index]
            let compared = settings.metrics.sorted().compactMap {
                compare(key, $0, a[key] ?? [], b[key] ?? [], settings, spread: spreads[key]?[$0])
            }
            return decide(compared, settings, interval: { c in interval(c, a[key] ?? [], b[key] ?? [], settings) })
        }.flatMap { $0 }
    }

    /// Adjusts the p-values of one series' comparisons together, reaches the verdicts, and adds the
    /// intervals (for every test, or only regressions and improvements).
    static func decide(
        _ comparisons: [SeriesComparison], _ settings: ComparisonSettings,
        interval: (SeriesComparison) -> (lower: Double, upper: Double)?
    ) -> [SeriesComparison] {
        var out = comparisons
        let tested = out.indices.filter { out[$0].pValue != nil }
        let adjusted = benjaminiHochberg(tested.map { out[$0].pValue ?? 1 })
        for (offset, index) in tested.enumerated() {
            out[index].adjustedPValue = adjusted[offset]
            out[index].verdict = verdict(out[index], settings)
        }
        for index in tested
        where out[index].interval == nil
            && (settings.intervalsForAll || [.regression, .improvement].contains(out[index].verdict))
        {
            out[index].interval = interval(out[index])
        }
        return out
    }

    /// Levels of one side's runs, made comparable across both sides (prompts normalized together).
    static func levels(_ results: [RunResult], _ other: [RunResult], _ metric: Metric) -> [RunLevel] {
        let all = (results + other).map { RunLevel.of($0, metric, figures: nil) }
        return Array(SeriesLevels.normalize(all).prefix(results.count).compactMap { $0 })
    }

    static func values(_ results: [RunResult], _ metric: Metric) -> [Double] {
        results.flatMap { $0.requestValues(metric) }
    }

    /// The values of each prompt on both sides, when both sides' samples name their prompts.
    static func strata(
        _ before: [RunResult], _ after: [RunResult], _ metric: Metric
    ) -> [(baseline: [Double], contender: [Double])]? {
        func byPrompt(_ results: [RunResult]) -> [String: [Double]]? {
            var out: [String: [Double]] = [:]
            for sample in results.flatMap(\.samples) where sample.ok {
                guard let value = metric == .interTokenLatency ? sample.interTokenLatency : sample.value(of: metric)
                else { continue }
                guard let prompt = sample.prompt else { return nil }
                out[prompt, default: []].append(value)
            }
            return out
        }
        guard let x = byPrompt(before), let y = byPrompt(after) else { return nil }
        let common = Set(x.keys).intersection(y.keys).sorted()
        guard common.count >= 2 else { return nil }
        return common.map { (x[$0] ?? [], y[$0] ?? []) }
    }

    static func compare(
        _ key: SeriesKey, _ metric: Metric, _ before: [RunResult], _ after: [RunResult], _ settings: ComparisonSettings,
        spread: RunSpread? = nil
    ) -> SeriesComparison? {
        // Several runs a side: runs are the unit.
        if before.count >= runsPerSideForRunTest, after.count >= runsPerSideForRunTest {
            let x = levels(before, after, metric), y = levels(after, before, metric)
            if x.count >= runsPerSideForRunTest, y.count >= runsPerSideForRunTest,
                let test = WelchTest(x.map { log($0.value) }, y.map { log($0.value) })
            {
                let mx = exp(x.map { log($0.value) }.reduce(0, +) / Double(x.count)),
                    my = exp(y.map { log($0.value) }.reduce(0, +) / Double(y.count))
                let t = StudentT.quantile(0.975, degreesOfFreedom: test.degreesOfFreedom)
                return SeriesComparison(
                    key: key, metric: metric, statistic: .p50, baseline: mx, contender: my, baselineCount: x.count,
                    contenderCount: y.count,
                    change: my / mx - 1,
                    interval: (
                        exp(test.difference - t * test.standardError) - 1,
                        exp(test.difference + t * test.standardError) - 1
                    ),
                    pValue: test.pValue, adjustedPValue: nil, method: .runs, verdict: .insufficientData)
            }
        }
        // One run against enough earlier ones: what their spread predicts.
        if after.count == 1, before.count >= minimumHistory {
            let x = levels(before, after, metric), y = levels(after, before, metric)
            if x.count >= minimumHistory, let current = y.first {
                return HistoryTest.compare(key, metric, earlier: x, current: current)
            }
        }
        // One run a side, and a history that tells how much runs vary: the two levels against that spread.
        if before.count == 1, after.count == 1, let spread, let x = levels(before, after, metric).first,
            let y = levels(after, before, metric).first
        {
            return HistoryTest.pair(key, metric, baseline: x, current: y, spread: spread)
        }
        // One run a side (or too few runs): the requests, within prompts when they are named.
        let x = values(before, metric), y = values(after, metric)
        if x.count >= settings.minimumSamples && y.count >= settings.minimumSamples,
            let mx = SampleStatistics(x)?.p50, let my = SampleStatistics(y)?.p50
        {
            if let strata = strata(before, after, metric), let change = StratifiedMedianChange.change(strata) {
                let test = VanElteren(strata)
                let levelBefore = levels(before, after, metric).first?.value ?? mx
                return SeriesComparison(
                    key: key, metric: metric, statistic: .p50, baseline: levelBefore,
                    contender: levelBefore * (1 + change), baselineCount: x.count,
                    contenderCount: y.count, change: change, interval: nil, pValue: test.pValue, adjustedPValue: nil,
                    method: .stratified,
                    verdict: .insufficientData)
            }
            // The verdict and the interval come after the false-discovery adjustment of the series' metrics.
            return SeriesComparison(
                key: key, metric: metric, statistic: .p50, baseline: mx, contender: my, baselineCount: x.count,
                contenderCount: y.count,
                change: mx != 0 ? (my - mx) / mx : nil, interval: nil, pValue: MannWhitneyU(x, y).pValue,
                adjustedPValue: nil,
                method: .samples, verdict: .insufficientData)
        }
        // Aggregates: the same statistic on both sides, judged by the threshold alone.
        let reportedBefore = before.last?.reported[metric], reportedAfter = after.last?.reported[metric]
        // Too few raw samples to test: use them only if there are enough to summarize.
        let headlineBefore = x.count >= settings.minimumSamples ? SampleStatistics(x) : nil
        let headlineAfter = y.count >= settings.minimumSamples ? SampleStatistics(y) : nil
        if x.isEmpty && reportedBefore == nil && y.isEmpty && reportedAfter == nil { return nil }
        for statistic in [Statistic.p50, .mean] {
            let vb = headlineBefore?[statistic] ?? reportedBefore?[statistic]
            let va = headlineAfter?[statistic] ?? reportedAfter?[statistic]
            guard let vb, let va else { continue }
            let change = vb != 0 ? (va - vb) / vb : nil
            var verdict = Verdict.insufficientData
            if let change {
                verdict =
                    effectSize(change) < settings.minimumEffect(for: key, metric)
                    ? .noChange : (isWorse(change, metric) ? .regression : .improvement)
            }
            return SeriesComparison(
                key: key, metric: metric, statistic: statistic, baseline: vb, contender: va, baselineCount: x.count,
                contenderCount: y.count,
                change: change, interval: nil, pValue: nil, adjustedPValue: nil, method: .thresholdOnly,
                verdict: verdict)
        }
        return SeriesComparison(
            key: key, metric: metric, statistic: .p50, baseline: SampleStatistics(x)?.p50,
            contender: SampleStatistics(y)?.p50,
            baselineCount: x.count, contenderCount: y.count, change: nil, interval: nil, pValue: nil,
            adjustedPValue: nil,
            method: .samples, verdict: .insufficientData)
    }

    /// The interval of a sample comparison (the tests across runs carry theirs).
    static func interval(
        _ c: SeriesComparison, _ before: [RunResult], _ after: [RunResult], _ settings: ComparisonSettings
    ) -> (lower: Double, upper: Double)? {
        switch c.method {
        case .stratified:
            guard let strata = strata(before, after, c.metric) else { return nil }
            return StratifiedMedianChange.interval(strata, resamples: settings.resamples, seed: settings.seed)
        case .samples:
            guard c.baseline != 0 else { return nil }
            return MedianChangeBootstrap.interval(
                baseline: values(before, c.metric), contender: values(after, c.metric), resamples: settings.resamples,
                seed: settings.seed)
        default:
            return nil
        }
    }

    /// The size of a relative change, the same up and down: from 1.00 to 1.05 and from 1.05 to 1.00
    /// are both 5% (the larger of the change seen from either side, as Apache Otava measures steps).
    public static func effectSize(_ change: Double) -> Double {
        guard change > -1 else { return .infinity }
        return change >= 0 ? change : 1 / (1 + change) - 1
    }

    static func isWorse(_ change: Double, _ metric: Metric) -> Bool {
        metric.lowerIsBetter ? change > 0 : change < 0
    }

    static func verdict(_ c: SeriesComparison, _ settings: ComparisonSettings) -> Verdict {
        guard let change = c.change, let p = c.adjustedPValue else { return .insufficientData }
        guard p < settings.alpha, effectSize(change) >= settings.minimumEffect(for: c.key, c.metric) else {
            return .noChange
        }
        return isWorse(change, c.metric) ? .regression : .improvement
    }
}
