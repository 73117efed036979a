import Foundation
import Testing

@testable import BenchsiteKit

/// The options `scripts/setup` uses for the demo site (`benchsite build examples/ --out site/ --title ...`).
let demoTitle = "benchsite demo: Foundry Local models"

func demoOptions(inputs: [String] = ["examples"], parallel: Bool = true) -> BuildOptions {
    BuildOptions(
        inputs: inputs.map { repositoryRoot.appendingPathComponent($0).path }, outputDirectory: "/unused",
        siteTitle: demoTitle,
        ingest: IngestOptions(displayBase: repositoryRoot.path), parallel: parallel)
}

@Suite("The site", .serialized)
struct SiteTests {
    @Test("site/ is the demo site generated from examples/ (BENCHSITE_RECORD=1 re-records it)")
    func goldenDemoSite() throws {
        let (files, report) = demoSite
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning })
        try assertGoldenTree(files, matches: repositoryRoot.appendingPathComponent("site"))
    }

    @Test("the same inputs in any order give byte-identical files")
    func orderIndependent() throws {
        let forward = try generateSite(demoOptions(inputs: ["examples/nightly", "examples/workshop"])).files
        let backward = try generateSite(demoOptions(inputs: ["examples/workshop", "examples/nightly"])).files
        #expect(forward == backward)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: repositoryRoot.appendingPathComponent("examples/nightly").path
        )
        .sorted().reversed().map { "examples/nightly/\($0)" }
        let shuffled = try generateSite(demoOptions(inputs: ["examples/workshop"] + files)).files
        #expect(shuffled == forward)
    }

    @Test("parallel page rendering gives the same bytes as serial rendering")
    func parallelEqualsSerial() throws {
        let parallel = demoSite.files
        let serial = try generateSite(demoOptions(parallel: false)).files
        #expect(parallel == serial)
    }

    @Test("pages use relative links only and load nothing from the network")
    func relativeLinks() throws {
        let files = demoSite.files
        for (path, bytes) in files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(!html.contains("src=\"http"), "\(path) loads from the network")
            #expect(!html.contains("href=\"/"), "\(path) has an absolute link")
            expectOnlyOwnScript(html, path)
            #expect(!html.contains("href=\"http"), "\(path) links off the site")
            for link in hrefs(in: html) where !link.hasPrefix("#") {
                let resolved = resolve(link, from: path)
                #expect(files[resolved] != nil, "\(path) links to \(link), which the site does not have")
            }
        }
    }

    @Test("benchsite.js, the one script pages inline, loads nothing and writes no markup")
    func ownScript() throws {
        let script = try #require(Theme.defaultFiles["benchsite.js"])
        for word in [
            "fetch", "XMLHttpRequest", "import", "src", "http", "WebSocket", "EventSource", "sendBeacon", "eval",
            "Function(", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "setAttribute(\"on",
            "location", "cookie", "Storage", "script", "setTimeout", "setInterval",
        ] {
            #expect(!script.contains(word), "benchsite.js uses \(word)")
        }
        // A theme whose script is empty inlines none.
        var files = Theme.defaultFiles
        files["benchsite.js"] = "\n"
        #expect(try Theme(files: files).script == nil)
    }

    @Test("the demo has the pages the design asks for")
    func demoPages() throws {
        let files = demoSite.files
        let index = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(index.contains("<h2 id=\"highlights\">Highlights <a href=\"#highlights\""))
        #expect(index.contains("Fastest"))
        #expect(index.contains("class=\"sparkline\""))
        #expect(index.contains("chart-distribution") && index.contains("chart-trend") && index.contains("chart-pareto"))
        // The night with a failed model says so in the runs index (one failed model), not only on its own page.
        let runsIndex = String(decoding: files["runs/index.html"]!, as: UTF8.self)
        #expect(
            runsIndex.contains(
                "nightly · 2026-10-11</a></td>\n<td class=\"l\"><span class=\"when\">2026-10-11 02:00 UTC</span></td>\n<td class=\"r\">5</td>\n<td class=\"r\">1</td>"
            ))
        let failedRun = String(decoding: files["runs/nightly-2026-10-11.html"]!, as: UTF8.self)
        #expect(failedRun.contains("CUDA out of memory"))
        #expect(failedRun.contains("<h3 id=\"per-prompt\">Per prompt <a"))
        // A run page leads with its verdict: the regressing night says so before anything else.
        let regressing = String(decoding: files["runs/nightly-2026-10-09.html"]!, as: UTF8.self)
        let verdict = try #require(regressing.range(of: "<strong>Verdict: 3 regressions</strong>"))
        let about = try #require(regressing.range(of: "About this run"))
        #expect(verdict.upperBound < about.lowerBound)
        #expect(regressing.contains("mistral-7b</a> (gpu) latency 3.43 s → 4.54 s, +32.5%"))
        #expect(regressing.contains("(gpu) latency moved from 3.46 s to 4.40 s (+27.1%) from this run on"))
        let first = String(decoding: files["runs/nightly-2026-10-01.html"]!, as: UTF8.self)
        #expect(first.contains("<strong>No verdict yet</strong>"))
        let quiet = String(decoding: files["runs/nightly-2026-10-14.html"]!, as: UTF8.self)
        #expect(quiet.contains("<strong>Verdict: no change beyond the run-to-run noise</strong>"))
        #expect(failedRun.contains("chart-ecdf"))
        let model = String(decoding: files["models/mistral-7b.html"]!, as: UTF8.self)
        #expect(model.contains("Apache-2.0") || model.contains("apache-2.0"))
        #expect(model.contains("chart-trend"))
        #expect(files["data/summary.csv"] != nil && files["assets/benchsite.css"] != nil)
    }

    @Test("summary.csv has one row per run, series and metric, with numpy-compatible numbers")
    func summaryCSV() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(latencies: [1.0, 2.0, 4.0, 3.0]), to: folder, "run.json")
        let csv = String(
            decoding: try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused")).files[
                "data/summary.csv"]!, as: UTF8.self)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == SummaryCSV.header)
        // numpy: percentile([1,2,4,3], [50, 90, 95, 99]) = 2.5, 3.7, 3.85, 3.97; std(ddof=1) = 1.2909944487358056
        #expect(
            lines.contains(
                "r1,2026-10-01T02:00:00Z,phi-4-mini,gpu,latency,s,4,2.5,1.2909944487358056,1,2.5,3.7,3.8499999999999996,3.9699999999999998,4,computed,,,,,,"
            ))
        #expect(lines.contains { $0.hasPrefix("r1,2026-10-01T02:00:00Z,phi-4-mini,gpu,ttft,s,4,0.1,") })
        #expect(lines.count == 4)
    }

    @Test("the embedded default theme matches templates/")
    func embeddedTheme() throws {
        for name in Theme.templateNames {
            let onDisk = try String(
                contentsOf: repositoryRoot.appendingPathComponent("templates/\(name)"), encoding: .utf8)
            #expect(DefaultTheme.files[name] == onDisk, "templates/\(name) changed: run scripts/embed-templates.py")
        }
    }

    @Test("a template that fails to parse is an error naming the template, line and column")
    func brokenTemplate() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("# Title\n\n{{#rows}}\nno end\n", to: folder, "index.md")
        do {
            _ = try Theme.loading(overridesFrom: folder.path)
            Issue.record("expected an error")
        } catch let error as Theme.TemplateError {
            #expect(error.template == folder.appendingPathComponent("index.md").path)
            #expect(error.line != nil)
        }
    }
}

@Suite("Writing the site")
struct SiteWriterTests {
    @Test("files benchsite did not write are kept; unchanged files are not rewritten; stale pages are removed")
    func writeRules() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = SiteWriter(outputDirectory: folder.path)
        try write("mine", to: folder, "CNAME")
        var summary = try writer.write(["index.html": Array("a".utf8), "runs/old.html": Array("b".utf8)])
        #expect(summary.written == 2)
        let modified =
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("index.html").path)[
                .modificationDate] as! Date
        Thread.sleep(forTimeInterval: 0.02)
        summary = try writer.write(["index.html": Array("a".utf8), "runs/new.html": Array("c".utf8)])
        #expect(summary.unchanged == 1 && summary.written == 1 && summary.removed == 1)
        let again =
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("index.html").path)[
                .modificationDate] as! Date
        #expect(again == modified)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("CNAME").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/old.html").path))
    }

    @Test("a file benchsite did not write is never overwritten: the build stops and names it; --force takes it over")
    func foreignFile() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("my own page", to: folder, "index.html")
        let writer = SiteWriter(outputDirectory: folder.path)
        #expect(throws: SiteWriter.WriteError.self) {
            try writer.write(["index.html": Array("a".utf8), "feed.xml": Array("f".utf8)])
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8) == "my own page")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("feed.xml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(SiteWriter.stagingName).path))
        // A page benchsite wrote and the user edited afterwards is not its own any more either.
        var forced = writer
        forced.force = true
        _ = try forced.write(["index.html": Array("a".utf8)])
        #expect(try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8) == "a")
        try write("edited by hand", to: folder, "index.html")
        #expect(throws: SiteWriter.WriteError.self) { try writer.write(["index.html": Array("b".utf8)]) }
    }

    @Test("a hostile manifest removes nothing outside benchsite's own files")
    func hostileManifest() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try write("keep", to: folder, "outside.txt")
        try write("keep", to: folder, "victim/file.txt")
        try write("keep", to: out, "notes/mine.txt")
        try write("keep", to: out, "CNAME")
        let manifest =
            [
                "../outside.txt", folder.appendingPathComponent("victim").path, "../victim", "notes", "notes/mine.txt",
                "CNAME", ".git",
            ]
            .joined(separator: "\n") + "\n"
        try write(
            "# benchsite-manifest 2\n" + manifest.split(separator: "\n").map { "0 4 \($0)" }.joined(separator: "\n")
                + "\n", to: out, SiteWriter.manifestName)
        let summary = try SiteWriter(outputDirectory: out.path).write(["index.html": Array("a".utf8)])
        #expect(summary.removed == 0)
        #expect(!summary.ignoredManifestEntries.isEmpty)
        for path in ["outside.txt", "victim/file.txt", "out/notes/mine.txt", "out/CNAME"] {
            #expect(
                FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path) was removed")
        }
        // The old, unversioned manifest of earlier benchsite versions: only safe paths to regular files.
        try write("../outside.txt\nnotes\n/etc/hostname\nindex.html\n", to: out, SiteWriter.manifestName)
        _ = try SiteWriter(outputDirectory: out.path).write(["index.html": Array("a".utf8)])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("outside.txt").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes/mine.txt").path))
    }

    @Test("nothing is written or removed through a symbolic link inside the output folder")
    func symbolicLinks() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try write("keep", to: elsewhere, "old.html")
        try FileManager.default.createSymbolicLink(
            atPath: out.appendingPathComponent("runs").path, withDestinationPath: elsewhere.path)
        try FileManager.default.createSymbolicLink(
            atPath: out.appendingPathComponent("feed.xml").path,
            withDestinationPath: elsewhere.appendingPathComponent("old.html").path)
        let writer = SiteWriter(outputDirectory: out.path)
        #expect(throws: SiteWriter.WriteError.self) {
            try writer.write(["index.html": Array("a".utf8), "runs/x.html": Array("x".utf8)])
        }
        #expect(throws: SiteWriter.WriteError.self) {
            try writer.write(["index.html": Array("a".utf8), "feed.xml": Array("x".utf8)])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["old.html"])
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("old.html"), encoding: .utf8) == "keep")
        // A manifest naming a page behind the link removes nothing there.
        try write("runs/old.html\n", to: out, SiteWriter.manifestName)
        _ = try writer.write(["index.html": Array("a".utf8)])
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("old.html").path))
    }

    @Test("a full disk while staging leaves the previous site as it was, and no temporary file")
    func fullDisk() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before: [String: [UInt8]] = [
            "index.html": Array("old index".utf8), "runs/a.html": Array("a".utf8),
            "data/history.json": Array("{}".utf8),
        ]
        _ = try SiteWriter(outputDirectory: folder.path).write(before)
        let tree = try readTree(folder)
        for failAt in 1...4 {
            var writer = SiteWriter(outputDirectory: folder.path)
            let written = Counter()
            writer.operations.writeFile = { path, bytes in
                if written.next() == failAt {
                    throw SiteWriter.WriteError(path: path, message: "No space left on device")
                }
                try SiteWriter.FileOperations.posix.writeFile(path, bytes)
            }
            #expect(throws: SiteWriter.WriteError.self) {
                try writer.write([
                    "index.html": Array("new index".utf8), "runs/b.html": Array("b".utf8),
                    "data/history.json": Array("{\"runs\": 2}".utf8),
                ])
            }
            #expect(try readTree(folder) == tree, "failing write \(failAt)")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                    SiteWriter.manifestName, "data", "index.html", "runs",
                ])
        }
    }

    @Test("killed at any point of a publish, the folder is the old site or the new one in full after the next command")
    func killedPublish() throws {
        #expect(FileManager.default.isExecutableFile(atPath: benchsiteExecutable.path))
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let examples = repositoryRoot.appendingPathComponent("examples/nightly")
        let old = folder.appendingPathComponent("old"), new = folder.appendingPathComponent("new")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        for name in inputs.prefix(10) {
            try FileManager.default.copyItem(
                at: examples.appendingPathComponent(name), to: old.appendingPathComponent(name).creatingParent())
        }
        for name in inputs {
            try FileManager.default.copyItem(
                at: examples.appendingPathComponent(name), to: new.appendingPathComponent(name).creatingParent())
        }
        // The two complete sites, for reference.
        let oldSite = folder.appendingPathComponent("old-site"), newSite = folder.appendingPathComponent("new-site")
        #expect(try runBenchsite(["build", old.path, "--out", oldSite.path, "--quiet"]).status == 0)
        #expect(try runBenchsite(["build", new.path, "--out", newSite.path, "--quiet"]).status == 0)
        let oldTree = try readTree(oldSite), newTree = try readTree(newSite)
        #expect(oldTree != newTree)
        let points = ["staged:1", "staged:12", "committed:1", "switched:1", "switched:8", "switched:16", "removed:1"]
        for point in points {
            let out = folder.appendingPathComponent("out-\(point.replacingOccurrences(of: ":", with: "-"))")
            #expect(try runBenchsite(["build", old.path, "--out", out.path, "--quiet"]).status == 0)
            let killed = try runBenchsite(
                ["build", new.path, "--out", out.path, "--quiet"], environment: ["BENCHSITE_FAILPOINT": point])
            #expect(killed.status == 9 || killed.status == 137, "\(point): status \(killed.status) \(killed.output)")
            // What the next command finds: before the commit, the old site; after, the new one.
            let recovery = try SiteWriter(outputDirectory: out.path).recover()
            let tree = try readTree(out)
            if point.hasPrefix("staged") {
                #expect(recovery == .rolledBack, "\(point)")
                #expect(tree == oldTree, "\(point): not the old site")
            } else {
                #expect(recovery == .rolledForward, "\(point)")
                #expect(tree == newTree, "\(point): not the new site")
            }
            let hidden = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
                $0.hasPrefix(".") && $0 != BuildStamp.fileName && $0 != BuildCache.folderName
            }
            #expect(hidden == [SiteWriter.manifestName], "\(point): \(hidden)")
            // The old site's stamp no longer describes a rolled-forward site: the next build is a full one.
            #expect(point.hasPrefix("staged") || BuildStamp.intact(in: out.path) == nil, "\(point)")
        }
    }

    @Test(
        "killed at any point of a new site's publish, the folder is empty or the new site in full after the next command"
    )
    func killedFirstPublish() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let examples = repositoryRoot.appendingPathComponent("examples/nightly").path
        let reference = folder.appendingPathComponent("reference")
        #expect(try runBenchsite(["build", examples, "--out", reference.path, "--quiet"]).status == 0)
        let site = try readTree(reference)
        // A new site is moved into place folder by folder: a handful of switches, the root index last.
        let tops = Set(site.keys.map { $0.split(separator: "/")[0] }.filter { !$0.hasPrefix(".") })
        #expect(tops.contains("runs") && tops.contains("index.html") && tops.count < 12)
        let points = ["staged:1", "staged:12", "committed:1", "switched:1", "switched:2", "switched:\(tops.count)"]
        for point in points {
            let out = folder.appendingPathComponent("out-\(point.replacingOccurrences(of: ":", with: "-"))")
            let killed = try runBenchsite(
                ["build", examples, "--out", out.path, "--quiet"], environment: ["BENCHSITE_FAILPOINT": point])
            #expect(killed.status == 9 || killed.status == 137, "\(point): status \(killed.status) \(killed.output)")
            let recovery = try SiteWriter(outputDirectory: out.path).recover()
            let tree = try readTree(out)
            if point.hasPrefix("staged") {
                #expect(recovery == .rolledBack && tree.isEmpty, "\(point): \(tree.keys.sorted().prefix(5))")
            } else {
                #expect(recovery == .rolledForward, "\(point)")
                #expect(tree == site, "\(point): not the new site")
            }
            let entries = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(!entries.contains(SiteWriter.stagingName) && !entries.contains(SiteWriter.journalName), "\(point)")
        }
        // Built again over the recovered site: nothing to write.
        let again = folder.appendingPathComponent("out-switched-1")
        let rebuilt = try runBenchsite(["build", examples, "--out", again.path])
        #expect(
            rebuilt.status == 0 && (rebuilt.output.contains("up to date") || rebuilt.output.contains("0 written")),
            "\(rebuilt.output)")
    }

    @Test("paths that would leave the output folder are refused")
    func unsafePaths() {
        for path in [
            "../x.html", "/etc/passwd", "a/../../b", ".hidden", "a//b", "", "a/", "a/./b", "runs/.x.html", "a\\b",
            "a\u{01}b", "a\u{7F}", "/", ".",
        ] {
            #expect(!SiteWriter.isSafe(path), "\(path)")
        }
        for path in ["runs/2026-10-01.html", "data/runs/x..y.json.gz", "models/a.b", "é/ü.html"] {
            #expect(SiteWriter.isSafe(path), "\(path)")
        }
    }

    @Test("a failed build leaves the previous site intact")
    func failedBuildKeepsSite() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("site")
        try write(sampleRun(), to: folder, "in/run.json")
        _ = try buildSite(BuildOptions(inputs: [folder.appendingPathComponent("in").path], outputDirectory: out.path))
        let before = try readTree(out)
        try write("{ broken", to: folder, "in/run.json")
        #expect(throws: ActionError.self) {
            try buildSite(BuildOptions(inputs: [folder.appendingPathComponent("in").path], outputDirectory: out.path))
        }
        let templates = folder.appendingPathComponent("templates")
        try write(sampleRun(), to: folder, "in/run.json")
        try write("{{#unclosed}}", to: templates, "run.md")
        #expect(throws: ActionError.self) {
            try buildSite(
                BuildOptions(
                    inputs: [folder.appendingPathComponent("in").path], outputDirectory: out.path,
                    templatesDirectory: templates.path))
        }
        #expect(try readTree(out) == before)
    }
}

/// What a page may hold of JavaScript: benchsite's own script (`templates/benchsite.js`: the filter
/// box over long tables), inline, once; no element with `src` (no script, image or frame loaded
/// from anywhere); the page's rows and links are all in the HTML without it.
func expectOnlyOwnScript(_ html: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let own = Theme.defaultFiles["benchsite.js"] ?? ""
    let tags = html.ranges(of: "<script")
    #expect(tags.count == 1, "\(path) holds \(tags.count) scripts", sourceLocation: sourceLocation)
    #expect(
        html.contains("<script>\n\(own)</script>\n</body>"), "\(path) inlines benchsite.js as it is",
        sourceLocation: sourceLocation)
    #expect(
        html.ranges(of: "</script>").count == tags.count, "\(path): a script closed twice",
        sourceLocation: sourceLocation)
    // The tags' attributes, their quoted values left out: an input's `<img src=x onerror=...>` is
    // text on the page, in an attribute value too (`aria-label="... &lt;img src=x ..."`).
    for tag in html.matches(of: #/<[a-zA-Z][^<>]*>/#) {
        let names = String(tag.output).replacing(#/"[^"]*"/#, with: "")
        #expect(!names.contains(#/\ssrc=/#), "\(path) loads something: \(tag.output)", sourceLocation: sourceLocation)
        #expect(
            !names.contains(#/\son[a-zA-Z]+=/#), "\(path) has an event handler attribute: \(tag.output)",
            sourceLocation: sourceLocation)
    }
    #expect(
        !html.contains("<iframe") && !html.contains("<object") && !html.contains("<embed"), "\(path) embeds something",
        sourceLocation: sourceLocation)
}

func hrefs(in html: String) -> [String] {
    var out: [String] = []
    var rest = Substring(html)
    while let range = rest.range(of: "href=\"") {
        rest = rest[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { break }
        out.append(String(rest[..<end]))
        rest = rest[end...]
    }
    return out
}

func resolve(_ link: String, from page: String) -> String {
    var parts = page.split(separator: "/").dropLast().map(String.init)
    for piece in link.split(separator: "#")[0].split(separator: "/") {
        if piece == ".." { parts.removeLast() } else if piece != "." { parts.append(String(piece)) }
    }
    return parts.joined(separator: "/")
}

@Suite("Accessible charts")
struct AccessibleChartTests {
    @Test("every chart has a title, a description and a table of its numbers with header cells")
    func chartsHaveTextAlternatives() throws {
        let files = demoSite.files
        var charts = 0
        for (path, bytes) in files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            for figure in html.components(separatedBy: "<figure class=\"chart ").dropFirst() {
                let body = figure.components(separatedBy: "</figure>")[0]
                charts += 1
                #expect(
                    (body.contains("role=\"img\"") || body.contains("role=\"group\" aria-labelledby=\""))
                        && body.contains("<title id=") && body.contains("<desc id="),
                    "\(path)")
                #expect(
                    body.contains(
                        "<details class=\"chart-data\"><summary>Table of the numbers</summary><table tabindex=\"0\"><caption>"
                    ),
                    "\(path)")
                #expect(body.contains("<th scope=\"col\" class=\"l\">"), "\(path)")
            }
        }
        #expect(charts > 50)
    }
}
