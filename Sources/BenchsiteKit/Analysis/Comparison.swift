/// What a comparison concluded about one series and metric.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case regression
    case improvement
    case noChange = "no change"
    case insufficientData = "insufficient data"
}

/// How a comparison decides.
public struct ComparisonSettings: Sendable {
    /// Significance level for the adjusted p-value.
    public var alpha = 0.05
    /// The smallest relative change of the median that counts (0.05 = 5 %).
    public var minimumEffect = 0.05
    /// Fewer raw samples than this on a side, and the series is judged by reported figures or not at all.
    public var minimumSamples = 3
    public var resamples = MedianChangeBootstrap.defaultResamples
    public var seed = MedianChangeBootstrap.defaultSeed
    /// Bootstrap intervals for every comparison, or only for regressions and improvements (the site's
    /// run-by-run verdicts, where the interval is only shown for those).
    public var intervalsForAll = true
    /// Minimum effects for particular series or metrics (`benchsite.yml`); the most specific match
    /// wins, later entries win ties, and `minimumEffect` applies where none matches.
    public var thresholds: [Threshold] = []
    /// The metrics compared (the ones the site shows).
    public var metrics: [Metric] = Metric.allCases

    /// `5%`, or `5% (ttft: 10%; model phi-4-mini, metric latency: 8%)` with thresholds.
    public var minimumEffectDescription: String {
        let base = "\(NumberFormatting.plain(minimumEffect * 100))%"
        return thresholds.isEmpty ? base : "\(base) (\(thresholds.map(\.description).joined(separator: "; ")))"
    }

    /// The minimum effect that applies to one series and metric.
    public func minimumEffect(for key: SeriesKey, _ metric: Metric) -> Double {
        var best: Threshold?
        for threshold in thresholds where threshold.matches(key, metric) && threshold.specificity >= (best?.specificity ?? 0) {
            best = threshold
        }
        return best?.minimumEffect ?? minimumEffect
    }

    public init(alpha: Double = 0.05, minimumEffect: Double = 0.05) {
        self.alpha = alpha
        self.minimumEffect = minimumEffect
    }
}

/// One series and metric compared between a baseline and a contender.
public struct SeriesComparison: Sendable {
    public enum Method: String, Sendable {
        /// Mann-Whitney U on raw samples, bootstrap interval, Benjamini-Hochberg adjustment.
        case samples = "raw samples"
        /// Only reported aggregates on at least one side: the change against the threshold.
        case thresholdOnly = "threshold only (aggregates)"
    }

    public var key: SeriesKey
    public var metric: Metric
    /// The statistic compared: the median, or the mean when only means were reported.
    public var statistic: Statistic
    public var baseline: Double?
    public var contender: Double?
    public var baselineCount: Int
    public var contenderCount: Int
    /// (contender - baseline) / baseline.
    public var change: Double?
    public var interval: (lower: Double, upper: Double)?
    public var pValue: Double?
    public var adjustedPValue: Double?
    public var method: Method
    public var verdict: Verdict
}

/// Compares two sets of results series by series: the statistics a team can act on.
public enum Comparator {
    /// - Parameters: results by series on each side; several results of one series (several runs)
    ///   are pooled.
    public static func compare(
        baseline: [RunResult], contender: [RunResult], settings: ComparisonSettings = ComparisonSettings(), parallel: Bool = true
    ) -> [SeriesComparison] {
        let a = Dictionary(grouping: baseline, by: \.seriesKey)
        let b = Dictionary(grouping: contender, by: \.seriesKey)
        // Series are independent (each bootstrap has its own fixed seed): compare them on all cores.
        let keys = Set(a.keys).intersection(b.keys).sorted()
        var comparisons = parallelMap(keys.count, parallel: parallel) { index in
            let key = keys[index]
            return settings.metrics.sorted().compactMap { compare(key, $0, a[key] ?? [], b[key] ?? [], settings) }
        }.flatMap { $0 }
        // False discovery rate over every test that ran.
        let tested = comparisons.indices.filter { comparisons[$0].pValue != nil }
        let adjusted = benjaminiHochberg(tested.map { comparisons[$0].pValue ?? 1 })
        for (offset, index) in tested.enumerated() {
            comparisons[index].adjustedPValue = adjusted[offset]
            comparisons[index].verdict = verdict(comparisons[index], settings)
        }
        // Bootstrap intervals, on all cores; each has its own fixed seed, so the order does not matter.
        let wanted = tested.filter { settings.intervalsForAll || [.regression, .improvement].contains(comparisons[$0].verdict) }
        let snapshot = comparisons
        let intervals = parallelMap(wanted.count, parallel: parallel) { slot -> (lower: Double, upper: Double)? in
            let c = snapshot[wanted[slot]]
            return c.baseline == 0 ? nil : MedianChangeBootstrap.interval(
                baseline: values(a[c.key] ?? [], c.metric), contender: values(b[c.key] ?? [], c.metric), resamples: settings.resamples, seed: settings.seed)
        }
        for (slot, index) in wanted.enumerated() { comparisons[index].interval = intervals[slot] }
        return comparisons
    }

    static func values(_ results: [RunResult], _ metric: Metric) -> [Double] {
        results.flatMap { $0.requestValues(metric) }
    }

    static func compare(_ key: SeriesKey, _ metric: Metric, _ before: [RunResult], _ after: [RunResult], _ settings: ComparisonSettings)
        -> SeriesComparison?
    {
        let x = values(before, metric), y = values(after, metric)
        if x.count >= settings.minimumSamples && y.count >= settings.minimumSamples,
            let mx = SampleStatistics(x)?.p50, let my = SampleStatistics(y)?.p50
        {
            // The verdict and the interval come after the false-discovery adjustment over all series.
            return SeriesComparison(
                key: key, metric: metric, statistic: .p50, baseline: mx, contender: my, baselineCount: x.count, contenderCount: y.count,
                change: mx != 0 ? (my - mx) / mx : nil, interval: nil, pValue: MannWhitneyU(x, y).pValue, adjustedPValue: nil,
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
                verdict = abs(change) < settings.minimumEffect(for: key, metric) ? .noChange : (isWorse(change, metric) ? .regression : .improvement)
            }
            return SeriesComparison(
                key: key, metric: metric, statistic: statistic, baseline: vb, contender: va, baselineCount: x.count, contenderCount: y.count,
                change: change, interval: nil, pValue: nil, adjustedPValue: nil, method: .thresholdOnly, verdict: verdict)
        }
        return SeriesComparison(
            key: key, metric: metric, statistic: .p50, baseline: SampleStatistics(x)?.p50, contender: SampleStatistics(y)?.p50,
            baselineCount: x.count, contenderCount: y.count, change: nil, interval: nil, pValue: nil, adjustedPValue: nil,
            method: .samples, verdict: .insufficientData)
    }

    static func isWorse(_ change: Double, _ metric: Metric) -> Bool {
        metric.lowerIsBetter ? change > 0 : change < 0
    }

    static func verdict(_ c: SeriesComparison, _ settings: ComparisonSettings) -> Verdict {
        guard let change = c.change, let p = c.adjustedPValue else { return .insufficientData }
        guard p < settings.alpha, abs(change) >= settings.minimumEffect(for: c.key, c.metric) else { return .noChange }
        return isWorse(change, c.metric) ? .regression : .improvement
    }
}
