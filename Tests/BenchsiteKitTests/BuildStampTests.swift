import Foundation
import Testing

@testable import BenchsiteKit

@Suite("A rebuild with nothing new", .serialized)
struct BuildStampTests {
    /// A copy of the demo's nightly runs and a broken file (for a diagnostic), and a site built from them.
    func setUp() throws -> (inputs: URL, out: URL, options: BuildOptions) {
        let folder = try makeTemporaryFolder()
        let inputs = folder.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let nightly = repositoryRoot.appendingPathComponent("examples/nightly")
        for name in try FileManager.default.contentsOfDirectory(atPath: nightly.path).sorted().prefix(10) {
            try FileManager.default.copyItem(
                at: nightly.appendingPathComponent(name), to: inputs.appendingPathComponent(name))
        }
        try Data("{\"format\": \"benchsite-run/1\", ".utf8).write(to: inputs.appendingPathComponent("broken.json"))
        var options = BuildOptions(inputs: [inputs.path], outputDirectory: folder.appendingPathComponent("site").path)
        options.markdownReport = folder.appendingPathComponent("report.md").path
        options.allowShrink = true  // one of the changes removes an input
        return (inputs, folder.appendingPathComponent("site"), options)
    }

    func build(_ options: BuildOptions) throws -> (report: BuildReport, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticBuffer()
        let report = try BuildAction(options).run(diagnostics: diagnostics)
        return (report, diagnostics.diagnostics)
    }

    /// Every file of the folder with its modification time: a rebuild that writes nothing leaves both.
    func snapshot(_ folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for (path, data) in try readTree(folder) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
            out[path] = "\(data.count) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        return out
    }

    @Test("nothing changed: up to date, nothing read or written, the same report and diagnostics")
    func upToDate() throws {
        let (_, out, options) = try setUp()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let first = try build(options)
        #expect(!first.report.upToDate && first.diagnostics.contains { $0.file?.hasSuffix("broken.json") == true })
        let before = try snapshot(out)
        let report = try Data(contentsOf: URL(fileURLWithPath: options.markdownReport ?? ""))
        let second = try build(options)
        #expect(second.report.upToDate)
        #expect(second.report.runs == first.report.runs && second.report.pages == first.report.pages)
        #expect(second.report.regressions == first.report.regressions && second.diagnostics == first.diagnostics)
        #expect(second.report.write.written == 0 && second.report.write.removed == 0)
        #expect(try snapshot(out) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: options.markdownReport ?? "")) == report)
    }

    @Test("a regression is reported again by an up-to-date build, so the gate still fails")
    func regressionsKept() throws {
        let (inputs, out, options) = try setUp()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        // Up to the demo's regressing night (2026-10-09).
        for name in try FileManager.default.contentsOfDirectory(atPath: inputs.path) where name > "2026-10-09.json" {
            try FileManager.default.removeItem(at: inputs.appendingPathComponent(name))
        }
        let first = try build(options)
        #expect(!first.report.regressions.isEmpty)
        let second = try build(options)
        #expect(second.report.upToDate && second.report.regressions == first.report.regressions)
    }

    @Test("an input touched, added or removed, an option changed, or the site or report edited: a full build")
    func changes() throws {
        let (inputs, out, options) = try setUp()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        _ = try build(options)
        func rebuildIsFull(_ what: String, _ change: () throws -> Void, options changed: BuildOptions? = nil) throws {
            try change()
            let report = try build(changed ?? options).report
            #expect(!report.upToDate, "\(what)")
            #expect(try build(changed ?? options).report.upToDate, "\(what): and then up to date")
        }
        let first = inputs.appendingPathComponent("2026-10-01.json")
        try rebuildIsFull("an input touched") {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: first.path)
        }
        try rebuildIsFull("an input added") {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("examples/nightly/2026-10-14.json"),
                to: inputs.appendingPathComponent("2026-10-14.json"))
        }
        try rebuildIsFull("an input removed") { try FileManager.default.removeItem(at: first) }
        var titled = options
        titled.siteTitle = "Another title"
        try rebuildIsFull("an option changed", {}, options: titled)
        try rebuildIsFull("a page edited (same size)") {
            let page = out.appendingPathComponent("index.html")
            var bytes = try Data(contentsOf: page)
            bytes[bytes.count - 2] = bytes[bytes.count - 2] == 0x20 ? 0x21 : 0x20
            try bytes.write(to: page)
            #expect(BuildStamp.intact(in: out.path) == nil)
            // benchsite refuses to overwrite a page it did not write (the full build would stop on it).
            try FileManager.default.removeItem(at: page)
        }
        try rebuildIsFull("a page deleted") {
            try FileManager.default.removeItem(at: out.appendingPathComponent("methods.html"))
        }
        try rebuildIsFull("the report edited") {
            try Data("edited".utf8).write(to: URL(fileURLWithPath: options.markdownReport ?? ""))
        }
    }

    @Test("standard input has no fingerprint; a stamp that is not one is ignored")
    func noFingerprint() throws {
        #expect(BuildStamp.fingerprint(BuildOptions(inputs: ["-"], outputDirectory: "/unused")) == nil)
        #expect(BuildStamp.parse("benchsite-build 1\nfingerprint x\n") == nil)
        #expect(BuildStamp.parse("something else") == nil)
        #expect(
            BuildStamp.parse("benchsite-build 1\nfingerprint x\nmanifest y\nruns 1\nseries 1\npages 1\nwhat 3\n") == nil
        )
        let stamp = BuildStamp.parse(
            "benchsite-build 1\nfingerprint x\nmanifest y\nruns 1\nseries 2\npages 3\nregression m (gpu) latency +9.0%\ndiagnostic warning\tf.json\t3\t\tsomething\n"
        )
        #expect(stamp?.regressions == ["m (gpu) latency +9.0%"] && stamp?.diagnostics.first?.line == 3)
    }

    @Test("the options are described the same way in every process (dictionaries sorted)")
    func stableDescription() {
        let a = BuildStamp.describe(["b": 1, "a": 2, "c": 3] as [String: Int])
        #expect(a == "[a: 2, b: 1, c: 3]")
        var options = BuildOptions(inputs: ["x"], outputDirectory: "o")
        options.presentation.displayNames = ["m2": "Two", "m1": "One", "m3": "Three"]
        let described = BuildStamp.describe(BuildStamp.optionsValue(options))
        #expect(described.contains("[m1: One, m2: Two, m3: Three]"))
    }
}
