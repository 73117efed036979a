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
        let contender = try resolve(options.contender, history: history, diagnostics: diagnostics)
        let baseline =
            options.baseline == Self.previous
            ? try previous(before: contender, in: history)
            : try resolve(options.baseline, history: history, diagnostics: diagnostics)
        let comparisons = Comparator.compare(
            baseline: baseline.flatMap(\.results), contender: contender.flatMap(\.results), settings: options.settings,
            spreads: spreads)
        if comparisons.isEmpty { throw ActionError.noCommonSeries }
        return CompareOutcome(baselineRuns: baseline, contenderRuns: contender, comparisons: comparisons)
    }

    /// The side that names the latest run of the history.
    public static let latest = "@latest"
    /// The baseline that names the previous comparable run: the latest run of the history before the
    /// contender that measured a series the contender measured.
    public static let previous = "@previous"

    func previous(before contender: [Run], in history: History?) throws -> [Run] {
        guard let history else { throw ActionError.unknownSide(Self.previous, historyGiven: false) }
        let ids = Set(contender.map(\.id))
        let series = Set(contender.flatMap { $0.results.map(\.seriesKey) })
        let start = contender.compactMap { $0.timestamp?.secondsSince1970 }.min()
        // Before the contender: earlier in the history when it is one of its runs, else earlier in time.
        let end =
            contender.compactMap { run in history.runs.firstIndex { $0.id == run.id } }.min() ?? history.runs.count
        let found = history.runs[..<end].last { run in
            !ids.contains(run.id) && run.results.contains { series.contains($0.seriesKey) }
                && (start.map { start in run.timestamp.map { $0.secondsSince1970 < start } ?? true } ?? true)
        }
        guard let found else { throw ActionError.noPreviousRun }
        return [found]
    }

    /// A path is read; `@latest` is the history's latest run; otherwise the latest run in the history
    /// whose id or label is `side`.
    func resolve(_ side: String, history: History?, diagnostics: DiagnosticCollector) throws -> [Run] {
        if side == Self.latest {
            guard let latest = history?.runs.last else {
                throw ActionError.unknownSide(side, historyGiven: history != nil)
            }
            return [latest]
        }
        if side == InputDiscovery.standardInput || FileManager.default.fileExists(atPath: side) {
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
