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

@Suite("Heading links")
struct HeadingLinkTests {
    @Test("every heading below the title has an id of its own and a link to itself")
    func headingIDs() throws {
        let html = try MarkdownRenderer.render(
            "# Page\n\n## Results\n\n### Per prompt\n\n## Results\n\n## `gpu` \\<b\\> & \"q\"\n\ntext\n")
        #expect(html.contains("<h1>Page</h1>"))
        #expect(html.contains("<h2 id=\"results\">Results <a href=\"#results\" class=\"heading-link\""))
        #expect(html.contains("<h3 id=\"per-prompt\">"))
        #expect(html.contains("<h2 id=\"results-2\">"))
        #expect(html.contains("<h2 id=\"gpu-b-q\">"))
        #expect(html.contains("aria-label=\"Link to this section: gpu &lt;b&gt; &amp; &quot;q&quot;\""))
        #expect(!html.contains(MarkdownRenderer.headingMark))
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count)
        let prefixed = try MarkdownRenderer.render("## Results\n", headingPrefix: "latest-run-")
        #expect(prefixed.contains("<h2 id=\"latest-run-results\">"))
    }
}

@Suite("Markdown on all cores")
struct ConcurrentMarkdownTests {
    @Test("documents rendered at once on every core are rendered as one at a time: strikethrough, autolinks, tables")
    func concurrentEqualsSerial() throws {
        // The extensions' special characters live in a table cmark-gfm shares between parsers: a
        // parser finishing on one core must not clear it under another one's inlines.
        let documents = (0..<400).map { index in
            """
            # Page \(index)

            ~~old~~ figure, see www.example.com/\(index) and https://example.org/\(index)~x.

            | model | p50 (s) | note |
            |---|--:|---|
            | m\(index) | \(index).5 | ~~struck~~ www.example.net |
            | n\(index) | 0.\(index) | `code` **bold** |

            Table: Results of \(index)

            | a | b |
            |---|---|
            | \(index) | ~~\(index)~~ |
            """
        }
        let serial = try documents.map { try MarkdownRenderer.render($0) }
        #expect(serial[7].contains("<del>old</del>") && serial[7].contains("<a href=\"http://www.example.com/7\">"))
        #expect(serial[7].contains("<caption>Results of 7</caption>"))
        let concurrent = parallelMap(documents.count) { (try? MarkdownRenderer.render(documents[$0])) ?? "failed" }
        for index in documents.indices {
            #expect(concurrent[index] == serial[index], "document \(index)")
        }
    }
}

@Suite("cmark's memory from an arena")
struct CmarkArenaTests {
    @Test("allocations keep their bytes while others grow, move and come and go; calloc zeroes; overflow is refused")
    func allocations() {
        CmarkArena.withDocument { memory in
            let calloc = memory.pointee.calloc!, realloc = memory.pointee.realloc!, free = memory.pointee.free!
            var random = SplitMix64(seed: 7)
            var live: [(pointer: UnsafeMutableRawPointer, size: Int, fill: UInt8)] = []
            for round in 0..<20_000 {
                let choice = random.next() % 10
                if choice < 5 || live.isEmpty {
                    // Now and then one larger than a quarter block: a block of its own.
                    let size = round % 997 == 0 ? 400_000 : Int(random.next() % 300)
                    guard let pointer = calloc(1, size) else {
                        Issue.record("calloc returned nil")
                        return
                    }
                    let bytes = pointer.assumingMemoryBound(to: UInt8.self)
                    #expect((0..<size).allSatisfy { bytes[$0] == 0 })
                    #expect(Int(bitPattern: pointer) % 16 == 0)
                    let fill = UInt8(truncatingIfNeeded: round)
                    memset(pointer, Int32(fill), size)
                    live.append((pointer, size, fill))
                } else if choice < 9 {
                    // Grow or shrink one: the newest often (in place), any other moved.
                    let index = choice < 7 ? live.count - 1 : Int(random.next() % UInt64(live.count))
                    let old = live[index]
                    let size = Int(random.next() % 2000)
                    guard let pointer = realloc(old.pointer, size) else {
                        Issue.record("realloc returned nil")
                        return
                    }
                    let bytes = pointer.assumingMemoryBound(to: UInt8.self)
                    #expect((0..<min(size, old.size)).allSatisfy { bytes[$0] == old.fill })
                    memset(pointer, Int32(old.fill), size)
                    live[index] = (pointer, size, old.fill)
                } else {
                    let index = Int(random.next() % UInt64(live.count))
                    free(live[index].pointer)
                    live.remove(at: index)
                }
            }
            for entry in live {
                let bytes = entry.pointer.assumingMemoryBound(to: UInt8.self)
                #expect((0..<entry.size).allSatisfy { bytes[$0] == entry.fill })
            }
            #expect(calloc(Int.max / 2, 4) == nil)
            #expect(realloc(nil, 10) != nil)
        }
    }

    @Test("a page of 20,000 table rows (many blocks of nodes) renders whole, twice the same")
    func largePage() throws {
        let rows = (0..<20_000).map { "| m\($0) | \($0).5 | ~~x~~ www.example.com/\($0) |" }
        let markdown = "# Big\n\n| model | p50 | note |\n|---|--:|---|\n" + rows.joined(separator: "\n") + "\n"
        let html = try MarkdownRenderer.render(markdown)
        #expect(html.components(separatedBy: "<tr>").count - 1 == 20_001)
        #expect(html.contains("<td>m19999</td>") && html.contains("<del>x</del>"))
        #expect(html.contains("<a href=\"http://www.example.com/19999\">"))
        #expect(try MarkdownRenderer.render(markdown) == html)
    }
}
