import Foundation
import Testing

@testable import BenchsiteKit

/// The `benchsite` executable that `swift test` builds next to the test bundle.
let benchsiteExecutable: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On macOS the runner lives inside the .xctest bundle.
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("benchsite").path), folder.path != "/" {
        folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("benchsite")
}()

func runBenchsite(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = benchsiteExecutable
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    if let directory { process.currentDirectoryURL = directory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test("exit status: 0 built with warnings, 1 with --strict and errors, 2 no valid run and usage errors")
    func exitStatus() throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: benchsiteExecutable.path),
            "benchsite was not built at \(benchsiteExecutable.path)")
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(), to: folder, "in/good.json")
        try write("{\"format\": \"benchsite-run/1\", \"results\": [", to: folder, "in/cut.json")
        let inputs = folder.appendingPathComponent("in").path
        let out = folder.appendingPathComponent("out").path

        let built = try runBenchsite(["build", inputs, "--out", out])
        #expect(built.status == 0)
        #expect(built.output.contains("cut.json:1:") && built.output.contains("error:"))
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))

        #expect(try runBenchsite(["build", inputs, "--out", out, "--strict"]).status == 1)
        let none = try runBenchsite(["build", folder.appendingPathComponent("in/cut.json").path, "--out", out])
        #expect(none.status == 2 && none.output.contains("no valid run"))
        #expect(try runBenchsite(["build"]).status == 2)
        #expect(try runBenchsite(["build", inputs, "--format", "nope"]).status == 2)
        #expect(try runBenchsite(["build", inputs, "--date", "yesterday"]).status == 2)
        #expect(try runBenchsite(["build", inputs, "--no-such-option"]).status == 2)
        let validated = try runBenchsite(["validate", inputs])
        #expect(validated.status == 1)
        #expect(validated.output.contains("good.json: benchsite: 1 run, 1 series, 3 samples"))
        #expect(validated.output.contains("cut.json: not read"))
        #expect(try runBenchsite(["validate", folder.appendingPathComponent("in/good.json").path]).status == 0)
        let formats = try runBenchsite(["build", "--list-formats"])
        #expect(formats.status == 0 && formats.output.contains("foundry-workshop"))
    }
}

@Suite("benchsite compare", .serialized)
struct CompareCommandTests {
    let nightly = repositoryRoot.appendingPathComponent("examples/nightly")

    @Test("a regression is found and fails the job only with --fail-on-regression")
    func regressionExitStatus() throws {
        let before = nightly.appendingPathComponent("2026-10-08.json").path
        let after = nightly.appendingPathComponent("2026-10-09.json").path
        let plain = try runBenchsite(["compare", before, after])
        #expect(plain.status == 0)
        #expect(plain.output.contains("mistral-7b · gpu") && plain.output.contains("regression"))
        #expect(!plain.output.contains("\u{1B}["), "no color when not on a terminal")
        #expect(try runBenchsite(["compare", before, after, "--fail-on-regression"]).status == 1)
    }

    @Test("a run against itself finds no regression and exits 0")
    func selfComparison() throws {
        let run = nightly.appendingPathComponent("2026-10-14.json").path
        let result = try runBenchsite(["compare", run, run, "--fail-on-regression"])
        #expect(result.status == 0)
        #expect(result.output.contains("0 regressions"))
    }

    @Test("run ids and labels are looked up in --history; JSON has one object per series and metric")
    func historyAndJSON() throws {
        let result = try runBenchsite([
            "compare", "nightly-2026-10-08", "nightly-2026-10-09", "--history", nightly.path, "--format", "json",
        ])
        #expect(result.status == 0)
        let objects = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as! [[String: Any]]
        #expect(objects.count == 30)
        let regression = try #require(objects.first)
        #expect(regression["verdict"] as? String == "regression" && regression["model"] as? String == "mistral-7b")
        #expect(regression["p_value_adjusted"] is Double && regression["ci_lower"] is Double)
    }

    @Test("Markdown renders as a GFM table and is appended to GITHUB_STEP_SUMMARY")
    func markdownSummary() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.md")
        try Data("# Earlier step\n\n".utf8).write(to: summary)
        let process = Process()
        process.executableURL = benchsiteExecutable
        process.arguments = [
            "compare", nightly.appendingPathComponent("2026-10-08.json").path,
            nightly.appendingPathComponent("2026-10-09.json").path, "--format", "markdown",
        ]
        process.environment = ["GITHUB_STEP_SUMMARY": summary.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let written = try String(contentsOf: summary, encoding: .utf8)
        #expect(written.hasPrefix("# Earlier step\n\n### benchsite:"))
        let html = try MarkdownRenderer.render(output)
        #expect(html.contains("<table tabindex=\"0\">") && html.contains("<strong>regression</strong>"))
        #expect(html.components(separatedBy: "<tr>").count - 1 == 31)
    }

    @Test("unknown sides and bad options are usage errors (status 2)")
    func usageErrors() throws {
        #expect(try runBenchsite(["compare", "nope", "nada"]).status == 2)
        #expect(try runBenchsite(["compare", "a", "b", "--format", "xml"]).status == 2)
    }

    @Test("progress: plain lines off a terminal (files read, pages, the switch), none with --quiet")
    func progressLines() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(id: "a"), to: folder, "in/a.json")
        try write(sampleRun(id: "b", timestamp: "2026-10-02T02:00:00Z"), to: folder, "in/b.json")
        let inputs = folder.appendingPathComponent("in").path
        let shown = try runBenchsite([
            "build", inputs, "--out", folder.appendingPathComponent("out").path, "--progress-interval", "0",
        ])
        #expect(shown.status == 0)
        let lines = shown.output.split(separator: "\n").map(String.init)
        for expected in [
            "benchsite: reading files 2/2 (100%)", "benchsite: analyzing…", "benchsite: rendering pages 7/7 (100%)",
            "benchsite: exporting data…", "benchsite: writing files…",
        ] {
            #expect(lines.contains(expected), "\(expected) in \(lines)")
        }
        #expect(!shown.output.contains("\u{1B}["), "no terminal control codes off a terminal")
        let quiet = try runBenchsite([
            "build", inputs, "--out", folder.appendingPathComponent("out2").path, "--progress-interval", "0", "--quiet",
        ])
        #expect(quiet.status == 0 && quiet.output.isEmpty)
    }
}
