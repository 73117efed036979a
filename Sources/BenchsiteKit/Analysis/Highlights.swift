/// What a reader should see first about one run.
public struct Highlights: Sendable {
    public struct Leader: Sendable {
        public var scenario: String
        public var subject: String
        public var statistic: Statistic
        public var value: Double
        /// How far ahead of the runner-up, as a ratio (2.0 = twice as good); nil with one contender.
        public var marginRatio: Double?
    }

    public var fastest: [Leader]
    public var highestThroughput: [Leader]
    /// Regressions and improvements found by the comparison with the previous run (or the baseline), largest first.
    public var verdicts: [SeriesComparison]
    /// Change points whose new level starts in one of the latest runs of their series.
    public var recentChangePoints: [(key: SeriesKey, change: RunChangePoint)]
    public var failed: [ResultAnalysis]

    /// A change point is highlighted while it started within this many of its series' latest runs (a week of nightlies).
    public static let recentRuns = 7
}

public enum HighlightFinder {
    /// - Parameters:
    ///   - verdicts: the latest run against its previous runs (or the baseline).
    ///   - recentChangePoints: change points that start in the latest runs.
    public static func highlights(
        for results: [ResultAnalysis], verdicts: [SeriesComparison],
        recentChangePoints: [(key: SeriesKey, change: RunChangePoint)]
    ) -> Highlights {
        let scenarios = Array(Set(results.map(\.key.scenario))).sorted()
        var fastest: [Highlights.Leader] = []
        var throughput: [Highlights.Leader] = []
        for scenario in scenarios {
            let inScenario = results.filter { $0.key.scenario == scenario && $0.result.status != .failed }
            if let leader = leader(inScenario, metric: .latency, scenario: scenario) { fastest.append(leader) }
            if let leader = leader(inScenario, metric: .throughput, scenario: scenario) { throughput.append(leader) }
        }
        let significant = verdicts.filter { $0.verdict == .regression || $0.verdict == .improvement }.sorted { a, b in
            if (a.verdict == .regression) != (b.verdict == .regression) { return a.verdict == .regression }
            if abs(a.change ?? 0) != abs(b.change ?? 0) { return abs(a.change ?? 0) > abs(b.change ?? 0) }
            if a.key != b.key { return a.key < b.key }
            return a.metric < b.metric
        }
        let failed = results.filter { $0.result.status != .ok || ($0.failures ?? 0) > 0 }
        return Highlights(
            fastest: fastest, highestThroughput: throughput, verdicts: Array(significant.prefix(8)),
            recentChangePoints: recentChangePoints, failed: failed)
    }

    private static func leader(_ results: [ResultAnalysis], metric: Metric, scenario: String) -> Highlights.Leader? {
        let ranked = results.compactMap { analysis -> (ResultAnalysis, Statistic, Double)? in
            guard let headline = analysis.metrics[metric]?.headline else { return nil }
            return (analysis, headline.statistic, headline.value)
        }.sorted { a, b in
            if a.2 != b.2 { return metric.lowerIsBetter ? a.2 < b.2 : a.2 > b.2 }
            return a.0.key < b.0.key
        }
        // The fastest of one is no finding.
        guard ranked.count > 1, let best = ranked.first else { return nil }
        var margin: Double?
        if best.2 > 0 {
            let second = ranked[1].2
            margin = metric.lowerIsBetter ? second / best.2 : best.2 / max(second, 1e-12)
        }
        return Highlights.Leader(
            scenario: scenario, subject: best.0.key.subject, statistic: best.1, value: best.2, marginRatio: margin)
    }
}

extension SiteAnalysis {
    /// The verdicts that count for the latest run: against the `--baseline` run when there is one,
    /// else each series against its own history.
    public var latestVerdicts: [SeriesComparison] {
        guard let latest = latestRunIndex else { return [] }
        return verdicts(ofRun: latest)
    }

    /// The verdicts that count for a run: for the latest run against the `--baseline` run when there
    /// is one, else each series against its own history.
    public func verdicts(ofRun runIndex: Int) -> [SeriesComparison] {
        if runIndex == latestRunIndex, let baseline = baselineComparison { return baseline.comparisons }
        return runs[runIndex].flatMap { $0.verdicts.values }
    }

    /// The verdict on one metric of one result of the latest run (see `latestVerdicts`).
    public func latestVerdict(_ result: ResultAnalysis, _ metric: Metric) -> SeriesComparison? {
        if result.runIndex == latestRunIndex, let baseline = baselineComparison {
            return baseline.comparisons.first { $0.key == result.key && $0.metric == metric }
        }
        return result.verdicts[metric]
    }

    /// Change points that start within the latest `Highlights.recentRuns` runs of a series measured in
    /// the latest run.
    public var recentChangePoints: [(key: SeriesKey, change: RunChangePoint)] {
        guard let latest = latestRunIndex else { return [] }
        return recentChangePoints(ofRun: latest)
    }

    /// Change points that start within the latest `Highlights.recentRuns` runs of a series measured
    /// in the run, up to it.
    public func recentChangePoints(ofRun runIndex: Int) -> [(key: SeriesKey, change: RunChangePoint)] {
        var recent: [(key: SeriesKey, change: RunChangePoint)] = []
        for result in runs[runIndex] {
            let runs = series(result.key).map(\.runIndex).filter { $0 <= runIndex }.suffix(Highlights.recentRuns)
            for change in changePoints[result.key] ?? [] where runs.contains(change.runIndex) {
                recent.append((result.key, change))
            }
        }
        return recent
    }

    /// What a reader should see first about the latest run.
    public var latestHighlights: Highlights? {
        guard let latest = latestRunIndex else { return nil }
        return highlights(ofRun: latest)
    }

    /// What a reader should see first about a run: the newest of its group on the overview.
    public func highlights(ofRun runIndex: Int) -> Highlights {
        HighlightFinder.highlights(
            for: runs[runIndex], verdicts: verdicts(ofRun: runIndex),
            recentChangePoints: recentChangePoints(ofRun: runIndex))
    }
}
