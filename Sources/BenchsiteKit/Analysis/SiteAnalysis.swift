import Foundation

/// The analysis of one result (a model under a scenario in one run).
///
/// Its fields live in one shared object until a copy is changed (copy on write): pages, tables and
/// the analysis pass results around by value thousands of times (a model page's series, a run's
/// results filtered by scenario, every closure over them), and a copy of the fields themselves
/// retained and released a score of references each time (8% of a build of aggregate-only runs).
public struct ResultAnalysis: Sendable {
    /// The fields, as a value; `Storage` holds them for the copies that share it.
    private struct Fields {
        var runIndex: Int
        var result: RunResult
        var metrics: [Metric: MetricFigures]
        var requests: Int?
        var failures: Int?
        var contradictions: [Contradiction]
        var prompts: [PromptBreakdown]
        var previousRunIndex: Int? = nil
        var changes: [Metric: Change] = [:]
        var verdicts: [Metric: SeriesComparison] = [:]
        var levels: [Metric: RunLevel]
        var sampleCount: Int
        var okSampleCount: Int
        var hasInterTokenGaps: Bool
        var sortedSamples: [Metric: [Double]]
    }

    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// Shared by copies, read through `_read` (no copy of a field either); a change to a shared one
    /// copies it first.
    private var storage: Storage

    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            return storage
        }
    }

    /// A result's analysis from figures computed before (`ResultFigures`).
    init(runIndex: Int, result: RunResult, figures: ResultFigures) {
        storage = Storage(
            Fields(
                runIndex: runIndex, result: result, metrics: figures.metrics, requests: figures.requests,
                failures: figures.failures, contradictions: figures.contradictions, prompts: figures.prompts,
                levels: figures.levels, sampleCount: figures.sampleCount, okSampleCount: figures.okSampleCount,
                hasInterTokenGaps: figures.hasInterTokenGaps, sortedSamples: figures.sortedSamples))
    }

    public var runIndex: Int {
        _read { yield storage.fields.runIndex }
        _modify { yield &unique.fields.runIndex }
    }
    public var result: RunResult {
        _read { yield storage.fields.result }
        _modify { yield &unique.fields.result }
    }
    public var key: SeriesKey { result.seriesKey }
    public var metrics: [Metric: MetricFigures] {
        _read { yield storage.fields.metrics }
        _modify { yield &unique.fields.metrics }
    }
    /// Requests made, when known.
    public var requests: Int? {
        _read { yield storage.fields.requests }
        _modify { yield &unique.fields.requests }
    }
    /// Requests that failed, when known.
    public var failures: Int? {
        _read { yield storage.fields.failures }
        _modify { yield &unique.fields.failures }
    }
    /// Reported figures that contradict each other or the raw samples.
    public var contradictions: [Contradiction] {
        _read { yield storage.fields.contradictions }
        _modify { yield &unique.fields.contradictions }
    }
    public var prompts: [PromptBreakdown] {
        _read { yield storage.fields.prompts }
        _modify { yield &unique.fields.prompts }
    }
    /// The same series in the previous run that has it on the same hardware, with the change of each metric's headline.
    public var previousRunIndex: Int? {
        _read { yield storage.fields.previousRunIndex }
        _modify { yield &unique.fields.previousRunIndex }
    }
    public var changes: [Metric: Change] {
        _read { yield storage.fields.changes }
        _modify { yield &unique.fields.changes }
    }
    /// The verdict against the earlier runs of the series (their spread included), per metric.
    public var verdicts: [Metric: SeriesComparison] {
        _read { yield storage.fields.verdicts }
        _modify { yield &unique.fields.verdicts }
    }
    /// The run's level per metric (within prompts when the samples name them), comparable along the series.
    public var levels: [Metric: RunLevel] {
        _read { yield storage.fields.levels }
        _modify { yield &unique.fields.levels }
    }
    /// The result's raw samples: how many, how many succeeded, whether any kept its token gaps.
    public var sampleCount: Int {
        _read { yield storage.fields.sampleCount }
        _modify { yield &unique.fields.sampleCount }
    }
    public var okSampleCount: Int {
        _read { yield storage.fields.okSampleCount }
        _modify { yield &unique.fields.okSampleCount }
    }
    public var hasInterTokenGaps: Bool {
        _read { yield storage.fields.hasInterTokenGaps }
        _modify { yield &unique.fields.hasInterTokenGaps }
    }
    /// The charted metrics' sample values, sorted (`ResultFigures.sortedSamples`), when known.
    public var sortedSamples: [Metric: [Double]] {
        _read { yield storage.fields.sortedSamples }
        _modify { yield &unique.fields.sortedSamples }
    }

    public func figures(_ metric: Metric) -> MetricFigures? { metrics[metric] }

    public var hasData: Bool { metrics.values.contains { $0.headline != nil } }
}

/// What a result's own samples give, before it is set among other runs: computed once per input
/// (`Analyzer.figures`) and kept in the build cache, so a later build need not read the samples again.
public struct ResultFigures: Sendable, Codable {
    public var metrics: [Metric: MetricFigures]
    public var requests: Int?
    public var failures: Int?
    public var contradictions: [Contradiction]
    /// Only a run page shows them, and a run page made again reads the samples again: the cache
    /// leaves them out (most of its size otherwise) and `SiteAnalysis.withSamples` computes them.
    public var prompts: [PromptBreakdown] = []
    /// Before they are related along the series (`SeriesLevels.normalize`).
    public var levels: [Metric: RunLevel]
    public var sampleCount: Int
    public var okSampleCount: Int
    public var hasInterTokenGaps: Bool
    /// The sample values of the metrics a run page charts per request (`chartedMetrics`), sorted as
    /// the figures sorted them, so the page need not sort them again. In memory only: the cache leaves
    /// them out, and a page made again from it reads its samples.
    public var sortedSamples: [Metric: [Double]] = [:]

    /// The metrics whose requests a run page draws one by one.
    static let chartedMetrics: [Metric] = [.latency, .timeToFirstToken]

    private enum CodingKeys: String, CodingKey {
        case metrics, requests, failures, contradictions, levels, sampleCount, okSampleCount, hasInterTokenGaps
    }
}

/// A change of a headline figure since the previous run.
public struct Change: Sendable, Codable {
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
public struct PromptBreakdown: Sendable, Codable {
    public var prompt: String
    public var requests: Int
    public var failures: Int
    public var latency: SampleStatistics?
    public var timeToFirstToken: SampleStatistics?
    public var throughput: SampleStatistics?
}

/// A change point found in a series, placed on the history's runs.
public struct RunChangePoint: Sendable {
    public var metric: Metric
    /// The run where the new level starts.
    public var runIndex: Int
    public var point: ChangePoint
}

/// How the Analysis stage judges changes.
public struct AnalysisOptions: Sendable {
    public var comparison = ComparisonSettings()
    public var changePoints = ChangePointSettings()
    /// Compare the latest run with this run (`--baseline`) instead of each series' previous run.
    public var baselineRunIndex: Int?

    public init(
        comparison: ComparisonSettings = ComparisonSettings(),
        changePoints: ChangePointSettings = ChangePointSettings(), baselineRunIndex: Int? = nil
    ) {
        self.comparison = comparison
        self.changePoints = changePoints
        self.baselineRunIndex = baselineRunIndex
    }
}

/// The analysis of the whole history.
public struct SiteAnalysis: Sendable {
    public internal(set) var history: History
    /// Per run (same order as `history.runs`), per result (same order as the run's results).
    public internal(set) var runs: [[ResultAnalysis]]
    /// Change points per series, oldest first.
    public var changePoints: [SeriesKey: [RunChangePoint]] = [:]
    /// The latest run against the `--baseline` run, when one was given.
    public var baselineComparison: (baselineRunIndex: Int, comparisons: [SeriesComparison])?
    /// The settings the verdicts were reached with (pages state them).
    public var comparisonSettings = ComparisonSettings()
    public var changePointSettings = ChangePointSettings()
    /// Where each series' results sit in `runs`, oldest first (pages ask for series many times).
    private let seriesPositions: [SeriesKey: [(run: Int, result: Int)]]

    public init(history: History, runs: [[ResultAnalysis]]) {
        self.init(history: history, runs: runs, positions: Self.positions(of: runs.map { $0.map(\.key) }))
    }

    /// With each series' positions found before (`positions(of:)` of the same runs' results).
    init(history: History, runs: [[ResultAnalysis]], positions: [SeriesKey: [(run: Int, result: Int)]]) {
        self.history = history
        self.runs = runs
        seriesPositions = positions
    }

    /// Whether the run has raw samples (counted when it was read: a run loaded from the build cache
    /// without its samples still has them). A run of reported figures only has no samples piece.
    func hasSamples(run index: Int) -> Bool { runs[index].contains { $0.sampleCount > 0 } }

    /// Where each series' results sit among runs' results (`keys[run][result]`), oldest first.
    static func positions(of keys: [[SeriesKey]]) -> [SeriesKey: [(run: Int, result: Int)]] {
        var positions: [SeriesKey: [(run: Int, result: Int)]] = [:]
        for run in keys.indices {
            for result in keys[run].indices { positions[keys[run][result], default: []].append((run, result)) }
        }
        return positions
    }

    /// Where one series' results are, oldest first.
    func positions(_ key: SeriesKey) -> [(run: Int, result: Int)] {
        seriesPositions[key] ?? []
    }

    /// All analyses of one series, oldest first.
    public func series(_ key: SeriesKey) -> [ResultAnalysis] {
        (seriesPositions[key] ?? []).map { runs[$0.run][$0.result] }
    }

    public var latestRunIndex: Int? { history.runs.isEmpty ? nil : history.runs.count - 1 }

    /// Takes the samples of the runs at `indices` from `runs` (the history's runs, in order, with
    /// the same results; those runs' samples read again: `IncrementalBuild.hydrate`), with what they
    /// give that the build cache leaves out (each result's prompts). Only those runs' results change.
    mutating func takeSamples(of runs: [Run], at indices: Set<Int>) {
        history.runs = runs
        for runIndex in indices.sorted() where runIndex < self.runs.count && runIndex < runs.count {
            for resultIndex in self.runs[runIndex].indices where resultIndex < runs[runIndex].results.count {
                let result = runs[runIndex].results[resultIndex]
                self.runs[runIndex][resultIndex].result = result
                // Figures from the cache come without their prompts (`ResultFigures.prompts`).
                if self.runs[runIndex][resultIndex].prompts.isEmpty && !result.samples.isEmpty {
                    self.runs[runIndex][resultIndex].prompts = Analyzer.promptBreakdown(result.samples)
                }
            }
        }
    }
}
