/// Where each run's rows are in a whole-history table (`data/summary.csv`, `data/verdicts.csv`) as
/// a build wrote it, with the hash of what they were made from. The build cache keeps it beside its
/// record of the pages (`BuildCache.tables`), so the next build copies the rows of every run whose
/// inputs hash the same from the published table instead of writing their numbers again: a third of
/// an added night went to formatting the numbers of a thousand runs that had not changed.
public struct TableIndex: Sendable, Equatable {
    /// One run's rows: the hash of what they are made from, and where they are in the table.
    public struct Rows: Sendable, Equatable {
        public var key: UInt64
        public var start: Int
        public var count: Int
    }

    /// The hash of the table's bytes as written (`ContentHash`): the published file is used only
    /// while it holds those very bytes.
    public var contentHash: UInt64
    /// For each run, in order.
    public var runs: [Rows]
}

/// A table written run by run, taking each run's rows from the table before when the hash of what
/// they are made from is the same (`TableIndex`).
struct TableWriter {
    var out: ByteWriter
    private(set) var runs: [TableIndex.Rows] = []
    private let previous: [UInt8]
    private let previousRows: [UInt64: Range<Int>]

    /// - Parameter previous: the table as published and its index, when both are at hand and agree.
    init(capacity: Int, previous: (bytes: [UInt8], index: TableIndex)?) {
        out = ByteWriter(capacity: capacity)
        var rows: [UInt64: Range<Int>] = [:]
        if let previous, ContentHash.of(previous.bytes) == previous.index.contentHash {
            for run in previous.index.runs
            where run.start >= 0 && run.count >= 0 && run.start <= previous.bytes.count - run.count {
                rows[run.key] = run.start..<(run.start + run.count)
            }
            self.previous = previous.bytes
        } else {
            self.previous = []
        }
        previousRows = rows
    }

    /// Appends one run's rows: the table before's when `key` is among its runs, else what `write`
    /// writes.
    mutating func run(key: UInt64, _ write: (inout ByteWriter) -> Void) {
        let start = out.bytes.count
        if let range = previousRows[key] {
            out.bytes.append(contentsOf: previous[range])
        } else {
            write(&out)
        }
        runs.append(TableIndex.Rows(key: key, start: start, count: out.bytes.count - start))
    }

    /// Appends every run of the history in turn: the table before's rows of a run when the run's
    /// cells (`AnalysisCSV.RunCells`) and what `material` packs of its `item` hash as they did, else
    /// the rows `rows` writes.
    mutating func appendRuns<Item>(
        of analysis: SiteAnalysis, item: (Int) -> Item, material: (Item, inout PackedWriter) -> Void,
        rows: (inout ByteWriter, AnalysisCSV.RunCells, Item) -> Void
    ) {
        for (runIndex, history) in analysis.history.runs.enumerated() {
            let columns = AnalysisCSV.RunCells(history)
            let item = item(runIndex)
            var packed = PackedWriter(capacity: 4096)
            packed.raw(columns.lead)
            packed.raw(columns.trail)
            material(item, &packed)
            run(key: ContentHash.of(packed.bytes)) { rows(&$0, columns, item) }
        }
    }

    /// The bytes written and where each run's rows are in them (the publication hashes the bytes:
    /// the index gets that hash once they are published, `BuildAction`).
    var finished: (bytes: [UInt8], runs: [TableIndex.Rows]) { (out.bytes, runs) }
}
