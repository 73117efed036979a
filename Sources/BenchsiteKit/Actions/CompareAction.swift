import Foundation

/// What `benchsite compare` compares.
public struct CompareOptions: Sendable {
    /// A file, a folder, or a run id or label found in `history`.
    public var baseline: String
    public var contender: String
    public var history: [String]
    public var settings: ComparisonSettings
    public var ingest: IngestOptions

    public init(
        baseline: String, contender: String, history: [String] = [],
        settings: ComparisonSettings = ComparisonSettings(),
        ingest: IngestOptions = IngestOptions()
    ) {
        self.baseline = baseline
        self.contender = contender
        self.history = history
        self.settings = settings
        self.ingest = ingest
    }
}

/// The result of comparing two sides.
public struct CompareOutcome: Sendable {
    public var baselineRuns: [Run]
    public var contenderRuns: [Run]
    public var comparisons: [SeriesComparison]

    public var regressions: Int { comparisons.filter { $0.verdict == .regression }.count }
}

/// `benchsite compare`: resolves the two sides (Ingest and History), then compares them series by
/// series (Analysis). Callable from tests without a shell.
public struct CompareAction: Sendable {
    public var options: CompareOptions

    public init(_ options: CompareOptions) {
        self.options = options
    }

    public func run(diagnostics: DiagnosticCollector) throws -> CompareOutcome {
        // How much each series varies from run to run, when a history shows it: one run a side is
        // then judged against that spread, not only against its requests' sampling noise.
        var spreads: [SeriesKey: [Metric: RunSpread]] = [:]
        var history: History?
        if !options.history.isEmpty {
            let read = Ingest.read(paths: options.history, options: options.ingest)
            diagnostics.emit(read.diagnostics)
            let built = HistoryBuilder.build(runs: read.runs, metadata: read.metadata, diagnostics: diagnostics)
            spreads = Analyzer.runSpreads(history: built)
            history = built
        }
        let baseline = try resolve(options.baseline, history: history, diagnostics: diagnostics)
        let contender = try resolve(options.contender, history: history, diagnostics: diagnostics)
        let comparisons = Comparator.compare(
            baseline: baseline.flatMap(\.results), contender: contender.flatMap(\.results), settings: options.settings,
            spreads: spreads)
        if comparisons.isEmpty { throw ActionError.noCommonSeries }
        return CompareOutcome(baselineRuns: baseline, contenderRuns: contender, comparisons: comparisons)
    }

    /// A path is read; otherwise the latest run in the history whose id or label is `side`.
    func resolve(_ side: String, history: History?, diagnostics: DiagnosticCollector) throws -> [Run] {
        if FileManager.default.fileExists(atPath: side) {
            let read = Ingest.read(paths: [side], options: options.ingest)
            diagnostics.emit(read.diagnostics)
            let runs = HistoryBuilder.build(runs: read.runs, metadata: read.metadata, diagnostics: diagnostics).runs
            guard !runs.isEmpty else { throw ActionError.sideHasNoRun(side) }
            return runs
        }
        if let history, let index = history.runIndex(idOrLabel: side) {
            return [history.runs[index]]
        }
        throw ActionError.unknownSide(side, historyGiven: !options.history.isEmpty)
    }
}
