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
    /// The largest changes of median latency or throughput since the previous run of the same series, largest first.
    public var biggestChanges: [(analysis: ResultAnalysis, change: Change)]
    public var failed: [ResultAnalysis]

    /// Changes smaller than this are not highlighted.
    public static let minimumHighlightedChange = 0.05
}

public enum HighlightFinder {
    public static func highlights(for results: [ResultAnalysis]) -> Highlights {
        let scenarios = Array(Set(results.map(\.key.scenario))).sorted()
        var fastest: [Highlights.Leader] = []
        var throughput: [Highlights.Leader] = []
        for scenario in scenarios {
            let inScenario = results.filter { $0.key.scenario == scenario && $0.result.status != .failed }
            if let leader = leader(inScenario, metric: .latency, scenario: scenario) { fastest.append(leader) }
            if let leader = leader(inScenario, metric: .throughput, scenario: scenario) { throughput.append(leader) }
        }
        var changes: [(analysis: ResultAnalysis, change: Change)] = []
        for analysis in results {
            for metric in [Metric.latency, .throughput] {
                if let change = analysis.changes[metric], abs(change.relative) >= Highlights.minimumHighlightedChange {
                    changes.append((analysis, change))
                }
            }
        }
        changes.sort { a, b in
            if abs(a.change.relative) != abs(b.change.relative) { return abs(a.change.relative) > abs(b.change.relative) }
            if a.analysis.key != b.analysis.key { return a.analysis.key < b.analysis.key }
            return a.change.metric < b.change.metric
        }
        let failed = results.filter { $0.result.status != .ok || ($0.failures ?? 0) > 0 }
        return Highlights(fastest: fastest, highestThroughput: throughput, biggestChanges: Array(changes.prefix(5)), failed: failed)
    }

    private static func leader(_ results: [ResultAnalysis], metric: Metric, scenario: String) -> Highlights.Leader? {
        let ranked = results.compactMap { analysis -> (ResultAnalysis, Statistic, Double)? in
            guard let headline = analysis.metrics[metric]?.headline else { return nil }
            return (analysis, headline.statistic, headline.value)
        }.sorted { a, b in
            if a.2 != b.2 { return metric.lowerIsBetter ? a.2 < b.2 : a.2 > b.2 }
            return a.0.key < b.0.key
        }
        guard let best = ranked.first else { return nil }
        var margin: Double?
        if ranked.count > 1, best.2 > 0 {
            let second = ranked[1].2
            margin = metric.lowerIsBetter ? second / best.2 : best.2 / max(second, 1e-12)
        }
        return Highlights.Leader(scenario: scenario, subject: best.0.key.subject, statistic: best.1, value: best.2, marginRatio: margin)
    }
}

/// The subjects that no other subject beats on both latency (lower) and throughput (higher).
public enum ParetoFront {
    public struct Point: Sendable {
        public var latency: Double
        public var throughput: Double
        public init(latency: Double, throughput: Double) {
            self.latency = latency
            self.throughput = throughput
        }
    }

    /// Indices of the points on the front.
    public static func front(of points: [Point]) -> Set<Int> {
        var onFront = Set<Int>()
        for (i, p) in points.enumerated() {
            let dominated = points.enumerated().contains { j, q in
                j != i && q.latency <= p.latency && q.throughput >= p.throughput
                    && (q.latency < p.latency || q.throughput > p.throughput)
            }
            if !dominated { onFront.insert(i) }
        }
        return onFront
    }
}
