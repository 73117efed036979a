/// The published history in pieces: one gzip file per run, so it never becomes one file that grows
/// without bound, a night adds one file, and `--keep-runs` reads only the runs it keeps.
///
///     data/runs/20261001T020000Z-nightly-42.json.gz      the run, in benchsite's run format
///     data/samples/20261001T020000Z-nightly-42.csv.gz    its raw samples as CSV (samples.csv's columns);
///                                                        none for a run of reported figures only
///     data/metadata.json                                 model facts and quality scores, when any
///     data/history.tsv                                   the list of pieces, oldest first
///
/// `history.tsv` is what a CI job fetches first (then the pieces it names, or only the latest N),
/// and what a notebook reads to gather every run's samples into one table:
/// `pd.concat(pd.read_csv(base + "data/" + f) for f in pd.read_csv(base + "data/history.tsv", sep="\t").samples_file.dropna())`.
///
/// Names start with the run's time (UTC), so they sort in time order; runs without a time are
/// `undated-<slug>`. Feeding the site (or its `data/` folder) back to `build` rebuilds it.
public enum HistoryPieces {
    /// The pieces' folders inside `data/` (what `history.tsv` names paths relative to).
    static let runsName = "runs", samplesName = "samples"
    public static let runsFolder = "data/" + runsName
    public static let samplesFolder = "data/" + samplesName
    public static let metadataPath = "data/metadata.json"
    public static let indexPath = "data/history.tsv"
    public static let indexHeader = "timestamp\trun_id\trun_file\tsamples_file"

    /// `data/history.tsv`: one line per run, oldest first; paths relative to `data/`. Tabs and line
    /// breaks in a run id become spaces (the id is for reading; the file names are exact). A run
    /// without raw samples (a tool that reported only its figures) has no samples file: its
    /// `samples_file` is empty.
    public static func index(_ history: History, slug: (Int) -> String, hasSamples: (Int) -> Bool) -> String {
        var out = indexHeader + "\n"
        for (index, run) in history.runs.enumerated() {
            let id = String(run.id.map { $0 == "\t" || $0.isNewline ? " " : $0 })
            let stem = stem(run, slug: slug(index))
            let samples = hasSamples(index) ? "\(samplesName)/\(stem).csv.gz" : ""
            out += "\(run.timestamp?.iso8601 ?? "")\t\(id)\t\(runsName)/\(stem).json.gz\t\(samples)\n"
        }
        return out
    }

    /// `20261001T020000Z-<slug>` (the run's ISO 8601 time without its separators) or `undated-<slug>`.
    static func stem(_ run: Run, slug: String) -> String {
        guard let timestamp = run.timestamp else { return "undated-\(slug)" }
        return timestamp.iso8601.filter { $0 != "-" && $0 != ":" } + "-" + slug
    }

    public static func runPath(_ run: Run, slug: String) -> String { "\(runsFolder)/\(stem(run, slug: slug)).json.gz" }
    public static func samplesPath(_ run: Run, slug: String) -> String {
        "\(samplesFolder)/\(stem(run, slug: slug)).csv.gz"
    }

    /// The time prefix of a piece's file name (`20261001T020000Z`), when the path is a dated piece of a
    /// published history (`.../runs/<time>-<slug>.json.gz`).
    static func datedPiece(_ path: String) -> Substring? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2] == runsName else { return nil }
        let name = parts[parts.count - 1]
        guard name.hasSuffix(".json.gz"), name.utf8.count > 17 else { return nil }
        let stamp = name.prefix(16)
        let bytes = Array(stamp.utf8)
        let digits = bytes[0..<8] + bytes[9..<15]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), bytes[8] == 0x54, bytes[15] == 0x5A,
            name.utf8.dropFirst(16).first == 0x2D
        else { return nil }
        return stamp
    }

    /// The files to read when only the latest `keep` runs are kept: every file but the dated pieces
    /// strictly older than the `keep`-th newest piece (those runs cannot be among the latest `keep`).
    public static func keepingLatest(_ files: [String], keep: Int) -> (files: [String], skipped: Int) {
        let stamps = files.compactMap(datedPiece).sorted(by: >)
        guard keep >= 0, stamps.count > keep else { return (files, 0) }
        guard keep > 0 else {
            let kept = files.filter { datedPiece($0) == nil }
            return (kept, files.count - kept.count)
        }
        let oldestKept = stamps[keep - 1]
        let kept = files.filter { path in datedPiece(path).map { $0 >= oldestKept } ?? true }
        return (kept, files.count - kept.count)
    }
}
