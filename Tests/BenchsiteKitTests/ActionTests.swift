import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Actions and settings", .serialized)
struct ActionTests {
    /// Every option of the shared group, set to something other than its default.
    static func fullRequest(inputs: [String], out: String) -> BuildRequest {
        var request = BuildRequest(inputs: inputs, outputDirectory: out)
        request.title = "Nightly <all>"
        request.settingsFile = "settings.yml"
        request.templates = "templates"
        request.format = "benchsite"
        request.date = "2026-09-30"
        request.baseline = "nightly-2026-10-12"
        request.singleFile = "single.html"
        request.markdownReport = "report.md"
        request.baseURL = "https://example.com/bench/"
        request.keepRuns = 5
        request.force = true
        request.allowShrink = true
        return request
    }

    @Test("the rebuild arguments carry every option of the request (none is dropped by serve --watch)")
    func argumentsCoverEveryOption() {
        let request = Self.fullRequest(inputs: ["-odd-name.json", "b"], out: "site")
        let arguments = request.buildArguments
        let mirror = Mirror(reflecting: request)
        for child in mirror.children {
            let label = child.label ?? "?"
            let value = child.value
            switch value {
            case let text as String: #expect(arguments.contains(text), "\(label) is missing from \(arguments)")
            case let text as String?:
                #expect(text.map(arguments.contains) == true, "\(label) is missing from \(arguments)")
            case let number as Int?:
                #expect(number.map { arguments.contains(String($0)) } == true, "\(label) is missing")
            case let flag as Bool:
                let option =
                    "--"
                    + label.replacingOccurrences(of: "([A-Z])", with: "-$1", options: .regularExpression).lowercased()
                #expect(!flag || arguments.contains(option), "\(label) is missing (\(option))")
            case let list as [String]:
                #expect(
                    Array(arguments.suffix(list.count)) == list && arguments.dropLast(list.count).last == "--",
                    "\(label)")
            default:
                Issue.record(
                    "\(label): a field of a type the test does not know; teach buildArguments and this test about it")
            }
        }
        #expect(mirror.children.count == 14, "a new option: add it to buildArguments and to fullRequest")
    }

    @Test("serve --watch builds exactly what build builds, with every build option")
    func serveWatchBuildsLikeBuild() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = repositoryRoot.appendingPathComponent("examples/nightly").path
        try write("verdicts:\n  alpha: 0.01\n", to: folder, "settings.yml")
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try write(Theme.defaultFiles["index.md"]! + "\nFrom my template.\n", to: templates, "index.md")
        func options(_ name: String) -> [String] {
            var request = Self.fullRequest(inputs: [inputs], out: name)
            request.singleFile = name + "-single.html"
            request.markdownReport = name + "-report.md"
            request.force = false
            return Array(request.buildArguments.dropFirst(3).dropLast(2))  // the options only
        }
        let built = try runBenchsite(["build", inputs, "--out", "built", "--quiet"] + options("built"), in: folder)
        #expect(built.status == 0, "\(built.output)")

        let serve = Process()
        serve.executableURL = benchsiteExecutable
        serve.arguments = ["serve", "served", "--port", "0"] + options("served") + ["--watch", inputs]
        serve.currentDirectoryURL = folder
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer {
            kill(serve.processIdentifier, SIGKILL)
            serve.waitUntilExit()
        }
        let report = folder.appendingPathComponent("served-report.md").path
        let single = folder.appendingPathComponent("served-single.html").path
        // The files outside the site are written last, report before single file: wait for both.
        for _ in 0..<300
        where !FileManager.default.fileExists(atPath: report) || !FileManager.default.fileExists(atPath: single) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let builtSite = try readTree(folder.appendingPathComponent("built"))
        let servedSite = try readTree(folder.appendingPathComponent("served"))
        #expect(builtSite.count > 10)
        #expect(Set(builtSite.keys) == Set(servedSite.keys))
        #expect(builtSite.keys.filter { builtSite[$0] != servedSite[$0] }.sorted() == [])
        #expect(String(decoding: builtSite["index.html"] ?? Data(), as: UTF8.self).contains("From my template."))
        #expect(builtSite.keys.contains { $0.hasPrefix("compare/nightly-2026-10-12-vs-") })
        #expect(
            FileManager.default.contents(atPath: folder.appendingPathComponent("built-report.md").path)
                == FileManager.default.contents(atPath: report))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("served-single.html").path))
    }

    @Test("command line over settings file over defaults, in the library")
    func precedence() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = try write(
            "title: From the file\nbaseline: r1\nkeep_runs: 3\ntemplates: mine\n", to: folder, "s.yml")
        var request = BuildRequest(inputs: ["in"], outputDirectory: "out")
        request.settingsFile = settings.path
        request.baseline = "given"
        let options = try request.resolve(currentDirectory: folder.path, diagnostics: DiagnosticBuffer())
        #expect(options.siteTitle == "From the file")
        #expect(options.baseline == "given")
        #expect(options.keepRuns == 3)
        #expect(options.templatesDirectory == folder.appendingPathComponent("mine").path)
        request.title = "Given"
        #expect(
            try request.resolve(currentDirectory: folder.path, diagnostics: DiagnosticBuffer()).siteTitle == "Given")
        request.settingsFile = folder.appendingPathComponent("none.yml").path
        #expect(throws: ActionError.self) {
            try request.resolve(currentDirectory: folder.path, diagnostics: DiagnosticBuffer())
        }
    }

    @Test("history warnings reach the collector: with --keep-runs in a build, and in compare's history and sides")
    func historyWarningsAreKept() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(id: "r1", timestamp: "2026-10-01T02:00:00Z"), to: folder, "in/a.json")
        try write(sampleRun(id: "r1", timestamp: "2026-10-01T02:00:00Z"), to: folder, "in/b-copy.json")
        try write(
            sampleRun(id: "r2", timestamp: "2026-10-02T02:00:00Z", latencies: [1.5, 1.6, 1.7]), to: folder, "in/c.json")
        var options = BuildOptions(inputs: [folder.appendingPathComponent("in").path], outputDirectory: "/unused")
        options.keepRuns = 1
        let built = try generateSite(options)
        #expect(built.report.diagnostics.contains { $0.message.contains("the same run as in") })
        #expect(built.report.runs == 1)

        let compared = DiagnosticBuffer()
        _ = try CompareAction(
            CompareOptions(
                baseline: "r1", contender: folder.appendingPathComponent("in/c.json").path,
                history: [folder.appendingPathComponent("in").path])
        ).run(diagnostics: compared)
        #expect(compared.diagnostics.contains { $0.message.contains("the same run as in") })
    }

    @Test("one exit status rule: compare, validate, init and build agree on 0, 1 and 2")
    func exitStatusRule() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(id: "r1", latencies: [1.0, 1.1, 1.0, 1.05, 0.98, 1.02, 1.01, 0.99]), to: folder, "a.json")
        try write(
            sampleRun(
                id: "r2", timestamp: "2026-10-02T02:00:00Z", latencies: [2.0, 2.1, 2.0, 2.05, 1.98, 2.02, 2.01, 1.99]),
            to: folder, "b.json")
        #expect(try runBenchsite(["compare", "a.json", "b.json"], in: folder).status == 0)
        #expect(try runBenchsite(["compare", "a.json", "b.json", "--fail-on-regression"], in: folder).status == 1)
        #expect(try runBenchsite(["compare", "a.json", "nope"], in: folder).status == 2)
        #expect(try runBenchsite(["compare", "a.json"], in: folder).status == 2)
        #expect(try runBenchsite(["init"], in: folder).status == 0)
        #expect(try runBenchsite(["init"], in: folder).status == 2)
        #expect(
            try runBenchsite(["build", "a.json", "--out", "site", "--baseline", "nope", "-q"], in: folder).status == 2)
        #expect(try runBenchsite(["validate", "a.json", "--baseline", "nope"], in: folder).status == 1)
        let help = try runBenchsite(["compare", "--help"], in: folder).output
        #expect(help.contains("0 done; 1 done, and found what you asked to fail on"))
    }

    @Test("build --fail-on-regression writes the site and the summary, then exits 1 on the regressing night only")
    func gate() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nights = (1...9).map { repositoryRoot.appendingPathComponent("examples/nightly/2026-10-0\($0).json").path }
        let quiet = try runBenchsite(
            ["build"] + nights.dropLast() + [
                "--out", "site", "--fail-on-regression", "--markdown", "summary.md", "-q",
            ], in: folder)
        #expect(quiet.status == 0, "\(quiet.output)")
        #expect(
            try String(contentsOf: folder.appendingPathComponent("summary.md"), encoding: .utf8).contains(
                "**Verdict: no regression**"))
        let regressing = try runBenchsite(
            ["build"] + nights + ["--out", "site", "--fail-on-regression", "--markdown", "summary.md", "-q"], in: folder
        )
        #expect(regressing.status == 1)
        #expect(regressing.output.contains("regression: mistral-7b (gpu) latency +32.5%"))
        // Everything was written before the exit: the regressing run is published and summarised.
        #expect(
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent("site/runs/nightly-2026-10-09.html").path))
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("**Verdict: 3 regressions** against its recent history"))
        #expect(!summary.contains("No regression"))
    }

    @Test("a site that would lose runs is refused (a failed history fetch), unless --allow-shrink")
    func shrinkRefused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nightly = repositoryRoot.appendingPathComponent("examples/nightly").path
        let tonight = repositoryRoot.appendingPathComponent("examples/nightly/2026-10-14.json").path
        #expect(try runBenchsite(["build", nightly, "--out", "site", "-q"], in: folder).status == 0)
        let before = try readTree(folder.appendingPathComponent("site"))
        let shrunk = try runBenchsite(["build", tonight, "--out", "site", "-q"], in: folder)
        #expect(shrunk.status == 2)
        #expect(shrunk.output.contains("has 14 runs and this build has 1: the history would shrink"))
        #expect(try readTree(folder.appendingPathComponent("site")) == before)
        #expect(
            try runBenchsite(["build", nightly, "--out", "site", "-q", "--keep-runs", "5"], in: folder).status == 0)
        #expect(try runBenchsite(["build", tonight, "--out", "site", "-q", "--allow-shrink"], in: folder).status == 0)
    }

    @Test("compare @previous finds the previous comparable run of the contender in the history; @latest its latest")
    func previousComparableRun() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // An unrelated run between the two nights must not be taken for the previous one.
        try write(
            sampleRun(id: "other", timestamp: "2026-10-07T12:00:00Z", model: "unrelated"), to: folder,
            "history/other.json")
        for night in ["2026-10-07", "2026-10-08"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("examples/nightly/\(night).json"),
                to: folder.appendingPathComponent("history/\(night).json"))
        }
        let tonight = repositoryRoot.appendingPathComponent("examples/nightly/2026-10-09.json").path
        let options = CompareOptions(
            baseline: CompareAction.previous, contender: tonight,
            history: [folder.appendingPathComponent("history").path])
        let outcome = try CompareAction(options).run(diagnostics: DiagnosticBuffer())
        #expect(outcome.baselineRuns.map(\.id) == ["nightly-2026-10-08"])
        #expect(outcome.regressions == 3)
        var latest = options
        latest.contender = CompareAction.latest
        #expect(
            try CompareAction(latest).run(diagnostics: DiagnosticBuffer()).baselineRuns.map(\.id) == [
                "nightly-2026-10-07"
            ])
        var none = options
        none.history = []
        #expect(throws: ActionError.self) { try CompareAction(none).run(diagnostics: DiagnosticBuffer()) }
    }
}
