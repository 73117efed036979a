import Foundation
import Testing

@testable import BenchsiteKit

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Exports: the history in pieces, samples, --keep-runs", .serialized)
struct ExportTests {
    /// Builds a site, then builds again from its published history (data/runs, data/metadata.json) alone.
    func roundTrip(_ inputs: [URL], base: URL) throws -> (first: [String: [UInt8]], second: [String: [UInt8]]) {
        let first = try generateSite(
            BuildOptions(
                inputs: inputs.map(\.path), outputDirectory: "/unused", ingest: IngestOptions(displayBase: base.path))
        ).files
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeHistory(first, to: folder)
        let second = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused")).files
        return (first, second)
    }

    @Test("the published history read back gives the same site as the raw files", arguments: ["examples", "corpus"])
    func historyRoundTrip(which: String) throws {
        let (first, second) =
            which == "examples"
            ? try roundTrip([repositoryRoot.appendingPathComponent("examples")], base: repositoryRoot)
            : try roundTrip([corpusFolder], base: corpusFolder)
        #expect(Set(first.keys) == Set(second.keys))
        for (path, bytes) in first where second[path] != bytes {
            Issue.record(
                "\(path) differs after the round trip:\n\(unifiedDiff(String(decoding: bytes, as: UTF8.self), String(decoding: second[path]!, as: UTF8.self), from: path))"
            )
        }
    }

    @Test("tonight's run can be added to a published history")
    func appendToHistory() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nightly = repositoryRoot.appendingPathComponent("examples/nightly")
        let earlier = try FileManager.default.contentsOfDirectory(atPath: nightly.path).sorted().dropLast().map {
            nightly.appendingPathComponent($0).path
        }
        let site = try generateSite(
            BuildOptions(
                inputs: earlier, outputDirectory: "/unused", ingest: IngestOptions(displayBase: repositoryRoot.path))
        ).files
        try writeHistory(site, to: folder)
        let tonight = nightly.appendingPathComponent("2026-10-14.json").path
        let (_, report) = try generateSite(BuildOptions(inputs: [folder.path, tonight], outputDirectory: "/unused"))
        #expect(report.runs == 14)
        #expect(report.diagnostics.isEmpty)
    }

    @Test("the samples pieces hold one row per raw sample, one gzip CSV per run that has samples")
    func samplesCSV() throws {
        let files = demoSite.files
        // The demo's three runs of reported figures only have no samples file.
        #expect(files.keys.filter { $0.hasPrefix("data/samples/") }.count == demoSite.report.runs - 3)
        let lines = try samplesTable(files).split(separator: "\n")
        #expect(lines[0] == Substring(SamplesCSV.header))
        // 14 nightly runs x 5 models x 2 scenarios x 20 requests, less the one failed model-night (20).
        #expect(lines.count - 1 == 14 * 5 * 2 * 20 - 20)
        #expect(lines.contains { $0.contains(",false,timeout after 120 s,") })
    }

    @Test("a run of reported figures only (asv) has no samples file, an empty samples_file, no columns without figures")
    func reportedOnlyRuns() throws {
        // An asv results folder of two time benchmarks, three commits: the first two keep medians and
        // quartiles only (asv's default), the third its samples too (`--record-samples`).
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let machine = folder.appendingPathComponent("bench")
        try FileManager.default.createDirectory(at: machine, withIntermediateDirectories: true)
        func definition(_ name: String) -> String {
            #"{"name": "\#(name)", "code": "", "param_names": [], "params": [], "type": "time", "unit": "seconds", "version": "1"}"#
        }
        try Data(
            #"{"bench.fast": \#(definition("bench.fast")), "bench.slow": \#(definition("bench.slow")), "version": 2}"#
                .utf8
        )
        .write(to: folder.appendingPathComponent("benchmarks.json"))
        try Data(
            #"{"arch": "x86_64", "cpu": "bench", "machine": "bench", "num_cpu": "2", "os": "Linux", "ram": "1", "version": 1}"#
                .utf8
        )
        .write(to: machine.appendingPathComponent("machine.json"))
        let columns =
            #"["result", "params", "version", "started_at", "duration", "stats_q_25", "stats_q_75", "samples"]"#
        for (index, commit) in ["1111aaaa", "2222bbbb", "3333cccc"].enumerated() {
            let date = 1_700_000_000_000 + index * 86_400_000
            func entry(_ median: Double) -> String {
                let samples = index == 2 ? "[[\(median * 0.9), \(median), \(median * 1.1)]]" : "null"
                return "[[\(median)], [], \"1\", \(date), 1.0, [\(median * 0.95)], [\(median * 1.05)], \(samples)]"
            }
            let document = """
                {"commit_hash": "\(commit)\(String(repeating: "0", count: 32))", "env_name": "existing-py", "date": \(date),
                 "params": {"machine": "bench"}, "python": "3.11", "requirements": {}, "env_vars": {}, "version": 2,
                 "result_columns": \(columns), "results": {"bench.fast": \(entry(0.5)), "bench.slow": \(entry(2.0))}}
                """
            try Data(document.utf8).write(to: machine.appendingPathComponent("\(commit)-existing-py.json"))
        }
        let (files, report) = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused"))
        #expect(report.runs == 3 && !report.diagnostics.contains { $0.severity == .error }, "\(report.diagnostics)")
        let samples = files.keys.filter { $0.hasPrefix("data/samples/") }
        #expect(samples.count == 1 && samples.allSatisfy { $0.contains("3333cccc") }, "\(samples)")
        let index = String(decoding: try #require(files[HistoryPieces.indexPath]), as: UTF8.self)
        let rows = index.split(separator: "\n").dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 3)
        for row in rows { #expect(row.count == 4 && row[3].isEmpty == !row[2].contains("3333cccc"), "\(row)") }
        func page(_ commit: String) throws -> String {
            let path = try #require(files.keys.first { $0.hasPrefix("runs/\(commit)") })
            return String(decoding: try #require(files[path]), as: UTF8.self)
        }
        // Medians only: the results table shows them, without columns of statistics or counts the
        // tool never wrote.
        let statistics = [">Mean", ">Std dev", ">Min", ">p90", ">p99", ">Max"]
        for commit in ["1111aaaa", "2222bbbb"] {
            let medians = try page(commit)
            #expect(medians.contains("<th class=\"r\">p50"))
            for header in statistics + [">n</th>", ">Failed</th>"] {
                #expect(!medians.contains("<th class=\"r\"\(header)"), "\(commit): \(header)")
            }
        }
        // With samples, every statistic and the counts.
        let recorded = try page("3333cccc")
        for header in statistics + [">n</th>", ">Failed</th>"] {
            #expect(recorded.contains("<th class=\"r\"\(header)"), "\(header)")
        }
    }

    @Test("verdicts.csv and changepoints.csv hold every judgement with its test, and the demo's regression")
    func analysisCSV() throws {
        let files = demoSite.files
        let verdicts = String(decoding: try #require(files["data/verdicts.csv"]), as: UTF8.self).split(separator: "\n")
            .map(String.init)
        #expect(verdicts[0] == AnalysisCSV.verdictsHeader)
        let columns = AnalysisCSV.verdictsHeader.split(separator: ",").count
        // No field of the demo needs quoting, so every row splits into the header's columns.
        #expect(
            verdicts.dropFirst().allSatisfy {
                $0.split(separator: ",", omittingEmptySubsequences: false).count == columns
            })
        let mistral = verdicts.filter { $0.hasPrefix("nightly-2026-10-09,") && $0.contains(",mistral-7b,gpu,latency,") }
        #expect(mistral.count == 1)
        let fields = try #require(mistral.first).split(separator: ",", omittingEmptySubsequences: false).map(
            String.init)
        #expect(fields[5] == "earlier runs" && fields[6] == "history-prediction" && fields[16] == "regression")
        #expect(Double(fields[11]).map { $0 > 0.2 && $0 < 0.45 } == true)
        // Every other judged latency in the demo is no change (night-to-night noise) or has too few earlier runs.
        let flagged = verdicts.dropFirst().filter { $0.contains(",regression,") || $0.contains(",improvement,") }
        #expect(
            flagged.allSatisfy { $0.hasPrefix("nightly-2026-10-09,") && $0.contains(",mistral-7b,gpu,") }, "\(flagged)")
        let points = String(decoding: try #require(files["data/changepoints.csv"]), as: UTF8.self).split(
            separator: "\n"
        ).map(String.init)
        #expect(points[0] == AnalysisCSV.changePointsHeader)
        #expect(points.contains { $0.hasPrefix("mistral-7b,gpu,latency,nightly-2026-10-09,") })
    }

    @Test("percentiles from too few samples are marked, with the reason in a tooltip")
    func fewSamplesMarked() throws {
        let files = demoSite.files
        let run = String(decoding: try #require(files["runs/nightly-2026-10-14.html"]), as: UTF8.self)
        // 20 requests a series: p99 needs 100, p95 has its 20.
        #expect(
            run.contains(
                "<span class=\"few-mark\" title=\"estimated from 20 samples; p99 needs at least 100\">≈</span>"))
        #expect(!run.contains("p95 needs at least"))
        let methods = String(decoding: try #require(files["methods.html"]), as: UTF8.self)
        #expect(methods.contains("100"))
    }

    @Test("--keep-runs keeps the latest runs only")
    func keepRuns() throws {
        var options = demoOptions()
        options.keepRuns = 3
        let (files, report) = try generateSite(options)
        #expect(report.runs == 3)
        #expect(files["runs/nightly-2026-10-12.html"] != nil && files["runs/nightly-2026-10-11.html"] == nil)
        let pieces = files.keys.filter { $0.hasPrefix("data/runs/") }.sorted()
        #expect(pieces.count == 3 && pieces.allSatisfy { !$0.contains("nightly-2026-10-11") })
    }

    @Test("--keep-runs does not read the pieces of a published history it would drop")
    func keepRunsReadsOnlyWhatItKeeps() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeHistory(demoSite.files, to: folder)
        // Spoil every piece older than the latest three: reading any of them would be an error.
        let pieces = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent(HistoryPieces.runsFolder).path
        ).sorted()
        for name in pieces.dropLast(3) {
            try Data("not gzip".utf8).write(to: folder.appendingPathComponent(HistoryPieces.runsFolder + "/" + name))
        }
        var options = BuildOptions(inputs: [folder.path], outputDirectory: "/unused")
        options.keepRuns = 3
        let (files, report) = try generateSite(options)
        #expect(report.runs == 3 && report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(files["runs/nightly-2026-10-14.html"] != nil && files["runs/nightly-2026-10-11.html"] == nil)
        // Without --keep-runs the spoiled pieces are read, and each is named.
        let all = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused")).report
        #expect(all.diagnostics.filter { $0.severity == .error }.count == pieces.count - 3)
    }

    @Test("history.tsv lists every piece, oldest first, and nothing else")
    func historyIndex() throws {
        let files = demoSite.files
        let lines = String(decoding: try #require(files[HistoryPieces.indexPath]), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == Substring(HistoryPieces.indexHeader))
        let rows = lines.dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.count == demoSite.report.runs && rows.allSatisfy { $0.count == 4 })
        #expect(rows.map { "data/" + $0[2] } == files.keys.filter { $0.hasPrefix("data/runs/") }.sorted())
        // Runs of reported figures only (the demo has three) have no samples file, and say so.
        let withSamples = rows.filter { !$0[3].isEmpty }
        #expect(withSamples.count == rows.count - 3)
        #expect(withSamples.map { "data/" + $0[3] } == files.keys.filter { $0.hasPrefix("data/samples/") }.sorted())
        #expect(rows.map(\.[0]) == rows.map(\.[0]).sorted())
        #expect(rows.last?[1] == "nightly-2026-10-14")
    }

    @Test("a piece is named by its run's time, so names sort in time order")
    func pieceNames() {
        #expect(HistoryPieces.datedPiece("site/data/runs/20261001T020000Z-nightly.json.gz") == "20261001T020000Z")
        #expect(HistoryPieces.datedPiece("data/runs/undated-x.json.gz") == nil)
        #expect(HistoryPieces.datedPiece("data/other/20261001T020000Z-x.json.gz") == nil)
        #expect(HistoryPieces.datedPiece("data/runs/20261001T0200Z-x.json.gz") == nil)
        let files =
            ["a.json", "data/runs/undated-u.json.gz"]
            + (1...5).map { "data/runs/2026100\($0)T000000Z-r\($0).json.gz" }
        let kept = HistoryPieces.keepingLatest(files, keep: 2)
        #expect(kept.skipped == 3)
        #expect(
            kept.files == [
                "a.json", "data/runs/undated-u.json.gz", "data/runs/20261004T000000Z-r4.json.gz",
                "data/runs/20261005T000000Z-r5.json.gz",
            ])
        #expect(HistoryPieces.keepingLatest(files, keep: 10).skipped == 0)
    }
}

@Suite("Sharing: single file, Markdown report, feed", .serialized)
struct SharingTests {
    func demo(baseline: String? = nil) throws -> GeneratedReport {
        if baseline == nil { return demoSite.report }
        var options = demoOptions()
        options.singleFile = "single.html"
        options.markdownReport = "report.md"
        options.baseline = baseline
        return try generateSite(options).report
    }

    @Test("the single file needs nothing else: styles and charts inline, no link leaves it")
    func singleFile() throws {
        let html = String(
            decoding: try #require(try demo(baseline: "nightly-2026-10-08").extraOutputs["single.html"]), as: UTF8.self)
        #expect(html.contains("<style>") && html.contains("--c0:"))
        #expect(html.contains("<svg") && html.contains("chart-distribution"))
        #expect(!html.contains("<link ") && !html.contains("src="))
        for link in hrefs(in: html) { #expect(link.hasPrefix("#"), "\(link) leaves the file") }
        for id in ["overview", "latest-run", "comparison"] { #expect(html.contains("<section id=\"\(id)\">")) }
    }

    @Test(
        "every in-page link of a single file of several tools names an id it has, and no id is there twice",
        arguments: ["mixed tools", "corpus"])
    func singleFileAnchors(which: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        if which == "mixed tools" { try writeMixedTools(to: folder) }
        var options = BuildOptions(
            inputs: [which == "corpus" ? corpusFolder.path : folder.path], outputDirectory: "/unused",
            ingest: IngestOptions(displayBase: which == "corpus" ? corpusFolder.path : folder.path))
        options.singleFile = "single.html"
        let html = String(
            decoding: try #require(try generateSite(options).report.extraOutputs["single.html"]), as: UTF8.self)
        let ids = html.matches(of: #/\sid="([^"]*)"/#).map { String($0.output.1) }
        #expect(
            Set(ids).count == ids.count,
            "ids twice: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        let anchors = hrefs(in: html).filter { $0.hasPrefix("#") }
        #expect(anchors.count == hrefs(in: html).count, "every link stays in the file")
        // The overview's links to its groups (`#overview-google-benchmark`), the headings' own links,
        // the section links of the header.
        #expect(anchors.contains { $0.hasPrefix("#overview-google-benchmark") || $0.hasPrefix("#overview-aiperf") })
        for anchor in Set(anchors) {
            #expect(ids.contains(String(anchor.dropFirst())), "\(anchor) names no id of the file")
        }
    }

    @Test("the Markdown report matches its golden file (BENCHSITE_RECORD=1 re-records it) and renders as GFM tables")
    func markdownReport() throws {
        let report = String(decoding: try #require(try demo().extraOutputs["report.md"]), as: UTF8.self)
        try assertGolden(report, matches: fixturesFolder.appendingPathComponent("report.md"))
        let html = try MarkdownRenderer.render(report)
        #expect(html.components(separatedBy: "<table tabindex=\"0\">").count - 1 == 2)
        #expect(html.contains("<pre><code class=\"language-mermaid\">xychart-beta"))
    }

    @Test("feed.xml is well-formed Atom with one entry per run and the regressions in the titles")
    func feed() throws {
        let files = demoSite.files
        let data = Data(try #require(files["feed.xml"]))
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "feed.xml is not well-formed XML")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.components(separatedBy: "<entry>").count - 1 == 17)
        #expect(text.contains("<title>nightly · 2026-10-09: 3 regressions</title>"))
        // RFC 4287: an author, a self link, ids unique and the same on every build (no year written in).
        #expect(text.contains("<author><name>benchsite demo: Foundry Local models</name></author>"))
        #expect(text.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"feed.xml\"/>"))
        let ids = text.components(separatedBy: "<id>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(ids.count == 18 && Set(ids).count == 18 && ids.allSatisfy { $0.hasPrefix("urn:uuid:") })
        var again = demoOptions()
        again.inputs = Array(again.inputs.reversed())
        #expect(try generateSite(again).files["feed.xml"] == files["feed.xml"])
    }
}
