import Foundation
import Testing

@testable import BenchsiteKit

/// Each bad input gets a diagnostic naming the file, the place and what was expected, and the rest of the site still builds.
@Suite("Bad input")
struct BadInputTests {
    /// Builds a good run plus one bad file; returns the diagnostics about the bad file and the site's files.
    func build(
        bad name: String, _ contents: String, date: Timestamp? = nil
    ) throws -> (diagnostics: [Diagnostic], files: [String: [UInt8]]) {
        let folder = try makeTemporaryFolder(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(), to: folder, "good.json")
        try write(contents, to: folder, name)
        let options = BuildOptions(
            inputs: [folder.path], outputDirectory: folder.appendingPathComponent("out").path,
            ingest: IngestOptions(fallbackDate: date, displayBase: folder.path))
        let (files, report) = try generateSite(options)
        #expect(files["runs/r1.html"] != nil, "the good run still builds")
        return (report.diagnostics.filter { $0.file == name }, files)
    }

    @Test func emptyFile() throws {
        let d = try build(bad: "empty.json", "").diagnostics
        #expect(d.count == 1 && d[0].severity == .error && d[0].message.contains("empty"))
    }

    @Test func truncatedJSON() throws {
        let d = try build(
            bad: "cut.json",
            "{\"format\": \"benchsite-run/1\", \"results\": [{\"model\": \"x\", \"samples\": [{\"latency_s\": 1.0},"
        ).diagnostics
        #expect(d.count == 1)
        #expect(d[0].message.contains("truncated"))
        #expect(d[0].line == 1 && d[0].column != nil)
    }

    @Test("a string where a number belongs names the field, the line and the column")
    func stringForNumber() throws {
        let text = """
            {"format": "benchsite-run/1", "timestamp": "2026-10-02T00:00:00Z",
             "results": [{"model": "m", "samples": [
               {"latency_s": 1.5},
               {"latency_s": "n/a"}
             ]}]}
            """
        let (d, files) = try build(bad: "typed.json", text)
        let error = try #require(d.first { $0.severity == .error })
        #expect(error.message.contains("expected a number for \"latency_s\""))
        #expect(error.message.contains("found the string \"n/a\""))
        #expect(error.message.contains("samples[1]"))
        #expect(error.line == 4 && error.column == 18)
        #expect(files["runs/typed.html"] != nil, "the rest of the file is still read")
    }

    @Test("NaN and negative latencies are rejected with their place")
    func nanAndNegative() throws {
        let text = """
            {"format": "benchsite-run/1", "timestamp": "2026-10-02T00:00:00Z",
             "results": [{"model": "m", "samples": [{"latency_s": NaN}, {"latency_s": -0.5}, {"latency_s": 2}]}]}
            """
        let d = try build(bad: "nan.json", text).diagnostics.filter { $0.severity == .error }
        #expect(d.count == 2)
        #expect(d.allSatisfy { $0.message.contains("finite, non-negative") && $0.line == 2 })
    }

    @Test func emptySampleArrays() throws {
        let text = """
            {"format": "benchsite-run/1", "timestamp": "2026-10-02T00:00:00Z", "results": [{"model": "m", "samples": []}]}
            """
        let d = try build(bad: "nosamples.json", text).diagnostics
        #expect(d.contains { $0.severity == .warning && $0.message.contains("empty \"samples\"") })
    }

    @Test("a model named like a path gets a safe page inside the site")
    func pathLikeModelName() throws {
        let (d, files) = try build(
            bad: "evil.json", sampleRun(id: "evil", timestamp: "2026-10-03T00:00:00Z", model: "../../etc/passwd"))
        #expect(d.contains { $0.message.contains("looks like a path") })
        #expect(files["models/etc-passwd.html"] != nil)
        #expect(files.keys.allSatisfy { !$0.contains("..") })
        let page = String(decoding: files["models/etc-passwd.html"]!, as: UTF8.self)
        #expect(page.contains("<h1>../../etc/passwd</h1>"))
    }

    @Test("a name is path-like when a \"..\" stands between separators or at an end, either slash")
    func pathLikeNames() {
        for name in ["..", "../x", "x/..", "a/../b", "..\\windows", "a\\..\\b", "/models/../../etc", ".x/.."] {
            #expect(Ingest.isPathLike(name), "\(name)")
        }
        for name in ["", "a..b", "...", "meta-llama/Llama-3.2-3B-Instruct", "/models/llama-3-8b", "x/.../y", "v0..2"] {
            #expect(!Ingest.isPathLike(name), "\(name)")
        }
    }

    @Test("a 50 MB file holding one string is refused quickly")
    func hugeString() throws {
        let text = "\"" + String(repeating: "x", count: 50_000_000) + "\""
        let d = try build(bad: "huge.json", text).diagnostics
        #expect(d.count == 1)
        #expect(d[0].message.contains("expected a JSON object or array at the top level, found the string"))
        #expect(d[0].message.contains("(50 MB)"))
    }

    @Test("the same run twice is read once")
    func sameRunTwice() throws {
        let (d, files) = try build(bad: "zz-copy.json", sampleRun())
        #expect(
            d.contains {
                $0.severity == .warning
                    && $0.message == "the same run as in good.json (same time and results); it is read once"
            })
        #expect(files.keys.filter { $0.hasPrefix("runs/r1") } == ["runs/r1.html"])
        #expect(files["runs/r1-2.html"] == nil)
    }

    @Test("a folder with no JSON gets a warning")
    func folderWithoutJSON() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("just notes", to: folder, "empty-dir/readme.md")
        try write(sampleRun(), to: folder, "run.json")
        let found = InputDiscovery.expand([
            folder.appendingPathComponent("empty-dir").path, folder.appendingPathComponent("run.json").path,
        ])
        #expect(found.files.count == 1)
        #expect(found.diagnostics.count == 1 && found.diagnostics[0].message.contains("no input files"))
    }

    @Test("no valid run at all is a build failure and writes nothing")
    func noValidRun() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("{", to: folder, "bad.json")
        let out = folder.appendingPathComponent("out")
        #expect(throws: ActionError.self) {
            try buildSite(
                BuildOptions(inputs: [folder.appendingPathComponent("bad.json").path], outputDirectory: out.path))
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a run without any date is kept as undated, with a warning that names --date")
    func undated() throws {
        let text = "[{\"alias\": \"m\", \"latency_avg\": 1.5, \"rounds\": 3}]"
        let (d, _) = try build(bad: "nodate.json", text)
        #expect(d.contains { $0.message.contains("--date") })
        let (d2, files) = try build(bad: "nodate.json", text, date: Timestamp(iso8601: "2026-09-01"))
        #expect(!d2.contains { $0.message.contains("--date") })
        let page = String(decoding: try #require(files["runs/nodate.html"]), as: UTF8.self)
        #expect(page.contains("2026-09-01 00:00 UTC (from --date)"))
    }

    @Test("a file in no known format lists what it found")
    func unknownFormat() throws {
        let d = try build(bad: "other.json", "{\"foo\": 1, \"bar\": 2}").diagnostics
        #expect(
            d.count == 1 && d[0].message.contains("not a format benchsite reads") && d[0].message.contains("\"foo\""))
    }
}
