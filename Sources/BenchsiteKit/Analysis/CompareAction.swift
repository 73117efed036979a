import Foundation

/// What `benchsite compare` compares.
public struct CompareOptions: Sendable {
    /// A file, a folder, or a run id or label found in `history`.
    public var baseline: String
    public var contender: String
    public var history: [String]
    public var settings: ComparisonSettings
    public var ingest: IngestOptions

    public init(baseline: String, contender: String, history: [String] = [], settings: ComparisonSettings = ComparisonSettings(), ingest: IngestOptions = IngestOptions()) {
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
    public var diagnostics: [Diagnostic]

    public var regressions: Int { comparisons.filter { $0.verdict == .regression }.count }
}

public struct CompareError: Error, CustomStringConvertible {
    public var message: String
    public var diagnostics: [Diagnostic]
    public var description: String { message }
}

/// Resolves the two sides and compares them; callable from tests without a shell.
public enum CompareAction {
    public static func run(_ options: CompareOptions) throws -> CompareOutcome {
        var diagnostics: [Diagnostic] = []
        var historyRuns: [Run] = []
        // How much each series varies from run to run, when a history shows it: one run a side is
        // then judged against that spread, not only against its requests' sampling noise.
        var spreads: [SeriesKey: [Metric: RunSpread]] = [:]
        if !options.history.isEmpty {
            let read = Ingest.read(paths: options.history, options: options.ingest)
            diagnostics += read.diagnostics
            let history = HistoryBuilder.build(runs: read.runs, metadata: read.metadata).0
            historyRuns = history.runs
            spreads = Analyzer.runSpreads(history: history)
        }
        let baseline = try resolve(options.baseline, history: historyRuns, options: options, diagnostics: &diagnostics)
        let contender = try resolve(options.contender, history: historyRuns, options: options, diagnostics: &diagnostics)
        let comparisons = Comparator.compare(
            baseline: baseline.flatMap(\.results), contender: contender.flatMap(\.results), settings: options.settings, spreads: spreads)
        if comparisons.isEmpty {
            throw CompareError(
                message: "the two sides have no series (model and scenario) in common; nothing to compare", diagnostics: diagnostics)
        }
        return CompareOutcome(baselineRuns: baseline, contenderRuns: contender, comparisons: comparisons, diagnostics: diagnostics)
    }

    /// A path is read; otherwise the latest run in the history whose id or label is `side`.
    static func resolve(_ side: String, history: [Run], options: CompareOptions, diagnostics: inout [Diagnostic]) throws -> [Run] {
        if FileManager.default.fileExists(atPath: side) {
            let read = Ingest.read(paths: [side], options: options.ingest)
            diagnostics += read.diagnostics
            let runs = HistoryBuilder.build(runs: read.runs, metadata: read.metadata).0.runs
            guard !runs.isEmpty else {
                throw CompareError(message: "\(side): no valid run found", diagnostics: diagnostics)
            }
            return runs
        }
        if let run = history.last(where: { $0.id == side }) ?? history.last(where: { $0.label == side }) {
            return [run]
        }
        let hint = options.history.isEmpty ? " (name a history with --history DIR to compare runs by id or label)" : ""
        throw CompareError(message: "\"\(side)\" is neither a file or folder nor a run id or label in the history\(hint)", diagnostics: diagnostics)
    }
}
