import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Compose: one text for one thing")
struct ComposeTests {
    /// Two models with only a reported mean latency (no samples, no median).
    static let meansOnly = """
        {"format": "benchsite-run/1", "id": "r1", "timestamp": "2026-10-01T02:00:00Z", "results": [
         {"model": "a", "scenario": "gpu", "reported": {"latency_s": {"mean": 1.5}}},
         {"model": "b", "scenario": "gpu", "reported": {"latency_s": {"mean": 3.0}}}]}
        """

    @Test("the overview and the Markdown report write the same highlight, and call a mean a mean")
    func highlightWrittenOnce() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.meansOnly, to: folder, "run.json")
        var options = BuildOptions(inputs: [folder.path], outputDirectory: "/unused")
        options.markdownReport = "report.md"
        let (files, report) = try generateSite(options)
        let markdown = String(decoding: try #require(report.extraOutputs["report.md"]), as: UTF8.self)
        let overview = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(markdown.contains("- **Fastest** (gpu): a, mean latency 1.50 s, 2.00× faster than the next model"))
        #expect(!markdown.contains("median latency"))
        #expect(overview.contains("mean latency 1.50 s, 2.00× faster than the next model"))
    }

    @Test("the site map gives every page one path, and links point at pages that exist")
    func siteMapPathsExist() throws {
        let files = try generateSite(
            BuildOptions(inputs: [repositoryRoot.appendingPathComponent("examples").path], outputDirectory: "/unused")
        ).files
        let diagnostics = DiagnosticBuffer()
        let pipeline = BuildPipeline(
            options: BuildOptions(
                inputs: [repositoryRoot.appendingPathComponent("examples").path], outputDirectory: "/unused"),
            diagnostics: diagnostics)
        let analysis = try pipeline.analyze(try pipeline.history(pipeline.ingest()))
        let map = SiteMap(analysis: analysis, presentation: Presentation())
        for index in analysis.history.runs.indices {
            #expect(files[map.runPath(index)] != nil, "\(map.runPath(index))")
        }
        for subject in analysis.history.subjects {
            #expect(files[map.subjectPath(subject)] != nil, "\(map.subjectPath(subject))")
        }
        #expect(Set(analysis.history.runs.indices.map(map.runPath)).count == analysis.history.runs.count)
    }
}
