import Foundation

@testable import BenchsiteKit

/// The repository's root folder (tests read `examples/`, `site/`, `templates/` and the shared corpus).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let fixturesFolder = repositoryRoot.appendingPathComponent("Tests/BenchsiteKitTests/Fixtures")

/// `../shared/corpus`, beside the repository (where CI and developers have it).
let corpusFolder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

/// A fresh temporary folder, removed by the caller's `defer`.
func makeTemporaryFolder(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "benchsite-tests-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@discardableResult
func write(_ text: String, to folder: URL, _ name: String) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
}

/// A small valid run in benchsite's format.
func sampleRun(
    id: String = "r1", timestamp: String = "2026-10-01T02:00:00Z", model: String = "phi-4-mini",
    latencies: [Double] = [1.0, 1.2, 1.1]
) -> String {
    let samples = latencies.map {
        "{\"prompt\": \"p\", \"latency_s\": \($0), \"ttft_s\": 0.1, \"completion_tokens\": 100}"
    }.joined(separator: ",\n")
    return """
        {"format": "benchsite-run/1", "id": "\(id)", "timestamp": "\(timestamp)",
         "results": [{"model": \(JSONText.quote(model)), "scenario": "gpu", "samples": [
        \(samples)
        ]}]}
        """
}

/// Reads every file under a folder into a dictionary by relative path.
/// Every file under `folder` by relative path, but the build stamp (`BuildStamp`: what the last
/// build was made from, not part of the site).
func readTree(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    let enumerator = FileManager.default.enumerator(atPath: base)
    while let relative = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = base + "/" + relative
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
            relative != BuildStamp.fileName, !relative.hasPrefix(BuildCache.folderName + "/")
        {
            out[relative] = FileManager.default.contents(atPath: full)
        }
    }
    return out
}

/// A thread-safe count, for fault injection in closures.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

extension URL {
    /// This path, after creating its folder.
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}

/// What a build in memory told the test: every diagnostic, and the files asked for outside the site.
struct GeneratedReport {
    var diagnostics: [Diagnostic]
    var extraOutputs: [String: [UInt8]]
    var runs: Int
    var series: Int
}

/// `BuildAction.generate` as the tests use it: the site's files by path, and what the build said.
func generateSite(_ options: BuildOptions) throws -> (files: [String: [UInt8]], report: GeneratedReport) {
    let diagnostics = DiagnosticBuffer()
    let site = try BuildAction(options).generate(diagnostics: diagnostics)
    return (
        site.files,
        GeneratedReport(
            diagnostics: diagnostics.diagnostics, extraOutputs: site.extraOutputs, runs: site.runs, series: site.series)
    )
}

/// The stages after Ingest, as `validate` runs them.
func generateSite(
    from ingested: IngestResult, _ options: BuildOptions
) throws -> (files: [String: [UInt8]], report: GeneratedReport) {
    let diagnostics = DiagnosticBuffer()
    let site = try BuildPipeline(options: options, diagnostics: diagnostics).generate(from: ingested)
    return (
        site.files,
        GeneratedReport(
            diagnostics: diagnostics.diagnostics, extraOutputs: site.extraOutputs, runs: site.runs, series: site.series)
    )
}

/// `BuildAction.run`: the site written, with what the build said.
@discardableResult
func buildSite(_ options: BuildOptions) throws -> (report: BuildReport, diagnostics: [Diagnostic]) {
    let diagnostics = DiagnosticBuffer()
    let report = try BuildAction(options).run(diagnostics: diagnostics)
    return (report, diagnostics.diagnostics)
}

/// Every run's samples (the site's `data/samples/*.csv.gz`) as one table: the header once, then each
/// run's rows in file (time) order, as `pandas.concat` of the pieces would give.
func samplesTable(_ files: [String: [UInt8]]) throws -> String {
    var table = ""
    for path in files.keys.sorted() where path.hasPrefix(HistoryPieces.samplesFolder + "/") {
        let text = String(decoding: try Gzip.decompress(files[path] ?? []), as: UTF8.self)
        let header = text.prefix { $0 != "\n" }
        if table.isEmpty { table = String(header) + "\n" }
        table += text.dropFirst(header.count + 1)
    }
    return table
}

/// Writes the site's published history (`data/`: run pieces and metadata) into `folder`.
func writeHistory(_ files: [String: [UInt8]], to folder: URL) throws {
    for (path, bytes) in files
    where path.hasPrefix(HistoryPieces.runsFolder + "/") || path == HistoryPieces.metadataPath {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
