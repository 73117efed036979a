import Foundation
import Testing

@testable import BenchsiteKit

/// `RunFileScanner` reads benchsite run files without a tree for their samples; it must give exactly
/// what the general path gives (runs and diagnostics), or hand the file to it.
@Suite("Run files read without a tree")
struct RunFileScannerTests {
    /// The runs (as benchsite writes them) and diagnostics of one file, read one way or the other.
    func reading(_ file: SourceFile, scanning: Bool) -> (runs: [[UInt8]], diagnostics: [String]) {
        let (output, _, diagnostics) = Ingest.readFile(file, options: IngestOptions(), scanning: scanning)
        return (output.runs.map(RunFormatWriter.piece), diagnostics.map(\.description))
    }

    func expectSame(_ file: SourceFile, sourceLocation: SourceLocation = #_sourceLocation) {
        let scanned = reading(file, scanning: true)
        let general = reading(file, scanning: false)
        #expect(scanned.runs == general.runs, "runs differ for \(file.path)", sourceLocation: sourceLocation)
        #expect(
            scanned.diagnostics == general.diagnostics, "diagnostics differ for \(file.path)",
            sourceLocation: sourceLocation)
    }

    /// The demo's nightly run files and the pieces of its published history.
    func realRunFiles() throws -> [SourceFile] {
        var files: [SourceFile] = []
        for folder in ["examples/nightly", "site/data/runs"].map({ repositoryRoot.appendingPathComponent($0) }) {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            where name.hasSuffix(".json") || name.hasSuffix(".json.gz") {
                var bytes = try Array(Data(contentsOf: folder.appendingPathComponent(name)))
                if Gzip.isCompressed(bytes) { bytes = try Gzip.decompress(bytes) }
                files.append(SourceFile(path: name, bytes: bytes))
            }
        }
        return files
    }

    @Test("the demo's run files and published pieces: scanned, and the same as the general reading")
    func realFiles() throws {
        let files = try realRunFiles()
        #expect(files.count >= 20)
        for file in files {
            // These are plain run files: the scanner must take them, not hand them on.
            #expect(RunFileScanner.scan(file.bytes) != nil, "\(file.path) was not scanned")
            expectSame(file)
        }
    }

    @Test("odd samples are read by the general code, in their place")
    func oddSamples() throws {
        let text = """
            {"format": "benchsite-run/1", "id": "r", "timestamp": "2026-10-01T00:00:00Z", "prompts": ["a", "b"],
             "results": [{"model": "m", "scenario": "s", "samples": [
               {"prompt_index": 1, "latency_s": 0.5, "completion_tokens": 10},
               {"latency_s": -1},
               {"latency_s": null, "ttft_s": 0.1},
               {"prompt_index": 7, "latency_s": 0.5},
               {"prompt": "c", "latency_s": 0.25, "extra": [1, {"x": 2}]},
               {"latency_s": 0.5, "latency_s": 0.7},
               {"ok": false, "error": "timed out \\u00e9"},
               {"ok": false, "error": "plain"},
               {},
               3,
               {"latency_s": 1e400, "value": -2.5},
               {"completion_tokens": 2.5, "latency_s": 1},
               {"latency_s": 012},
               {"itl_gaps_s": [0.1, -1, 0.2], "latency_s": 1}
             ]}]}
            """
        let file = SourceFile(path: "odd.json", bytes: Array(text.utf8))
        #expect(RunFileScanner.scan(file.bytes) != nil)
        expectSame(file)
        let general = reading(file, scanning: false)
        #expect(general.diagnostics.count >= 6)
    }

    @Test(
        "files the scanner does not follow are read the general way",
        arguments: [
            #"{"id": "r", "format": "benchsite-run/1", "results": []}"#,  // format not first
            #"{"format": "benchsite-run/1", "results": [], "results": []}"#,  // a key twice
            #"{"format": "benchsite-history/1", "runs": []}"#,
            #"{"format": "benchsite-run/1", "results": [{"model": "m", "samples": [{"latency_s": 1.5x}]}]}"#,
            #"{"format": "benchsite-run/1", "results": [{"model": "m", "samples": [{"latency_s": .5}]}]}"#,
            #"{"format": "benchsite-run/1", "results": [{"model": "m", "samples": [{"latency_s": 1}]}]} trailing"#,
            #"{"format": "benchsite-run/1", "results": [{"model": "m", "samples": [{"latency_s": 1}"#,
        ])
    func declined(text: String) {
        let file = SourceFile(path: "declined.json", bytes: Array(text.utf8))
        #expect(RunFileScanner.scan(file.bytes) == nil)
        expectSame(file)
    }

    @Test("generated run files, whole and cut short or damaged at random places: both readings agree")
    func generated() {
        var random = SplitMix64(seed: 20_261_204)
        let fields = [
            "\"latency_s\": 0.5", "\"latency_s\": -0.25", "\"ttft_s\": 0.05", "\"ttft_s\": NaN", "\"tpot_s\": 1e-3",
            "\"itl_s\": 0.01", "\"prompt_tokens\": 12", "\"completion_tokens\": 80", "\"completion_tokens\": -1",
            "\"tokens_per_s\": 33.5", "\"cpu_time_s\": 0.2", "\"memory_bytes\": 1048576", "\"value\": -7",
            "\"prompt_index\": 0", "\"prompt_index\": 3", "\"prompt_index\": 1.5", "\"ok\": false", "\"ok\": true",
            "\"ok\": 1", "\"error\": \"boom\"", "\"error\": 5", "\"prompt\": \"p\"", "\"output\": \"<b>x</b>\"",
            "\"unknown\": {\"a\": [1]}", "\"latency_s\": \"0.5\"", "\"value\": Infinity", "\"latency_s\" : 2 ",
        ]
        for round in 0..<300 {
            var results: [String] = []
            for model in 0..<Int.random(in: 1...3, using: &random) {
                var samples: [String] = []
                for _ in 0..<Int.random(in: 0...12, using: &random) {
                    let count = Int.random(in: 0...4, using: &random)
                    let members = (0..<count).map { _ in fields[Int.random(in: 0..<fields.count, using: &random)] }
                    samples.append("{" + members.joined(separator: ", ") + "}")
                }
                results.append(
                    "{\"model\": \"m\(model)\", \"scenario\": \"s\", \"samples\": [\(samples.joined(separator: ",\n"))]}"
                )
            }
            let prompts = "\"prompts\": [\"a\", \"b\", \"c\"]"
            let body = "\"results\": [\(results.joined(separator: ", "))]"
            let promptsFirst = Bool.random(using: &random)
            let text =
                "{\"format\": \"benchsite-run/1\", \"id\": \"r\(round)\", \"timestamp\": \"2026-10-01T00:00:00Z\", "
                + (promptsFirst ? "\(prompts), \(body)" : "\(body), \(prompts)") + "}"
            var bytes = Array(text.utf8)
            expectSame(SourceFile(path: "generated-\(round).json", bytes: bytes))
            // The same file cut short, or with one byte changed.
            let place = Int.random(in: 0..<bytes.count, using: &random)
            expectSame(SourceFile(path: "cut-\(round).json", bytes: Array(bytes[..<place])))
            let replacements = Array("{}[],:\" 0-x".utf8)
            bytes[place] = replacements[Int.random(in: 0..<replacements.count, using: &random)]
            expectSame(SourceFile(path: "damaged-\(round).json", bytes: bytes))
        }
    }
}
