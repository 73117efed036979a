import Foundation
import Testing

@testable import BenchsiteKit

/// Inputs that once took the whole site down (a trap or an endless loop) or lost data without a
/// word: each builds a site, and what it holds is read and said.
@Suite("Hostile and unusual inputs")
struct HostileInputTests {
    /// Builds a site from files (name → contents) in memory; returns its files and diagnostics.
    /// The key under which `site` returns every run's samples as one CSV table.
    static let allSamples = "(data/samples/*.csv.gz, concatenated)"

    func site(
        _ inputs: [String: String], date: Timestamp? = Timestamp(iso8601: "2026-10-01")
    ) throws -> (files: [String: String], diagnostics: [Diagnostic]) {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in inputs { try write(text, to: folder, name) }
        let options = BuildOptions(
            inputs: [folder.path], outputDirectory: folder.appendingPathComponent("out").path,
            ingest: IngestOptions(fallbackDate: date, displayBase: folder.path))
        let (files, report) = try generateSite(options)
        var texts = files.mapValues { String(decoding: $0, as: UTF8.self) }
        texts[Self.allSamples] = try samplesTable(files)
        return (texts, report.diagnostics)
    }

    func run(
        _ id: String, _ timestamp: String, _ results: [(model: String, scenario: String, latencies: [Double])]
    ) -> String {
        let entries = results.map { r in
            "{\"model\": \(JSONText.quote(r.model)), \"scenario\": \(JSONText.quote(r.scenario)), \"samples\": ["
                + r.latencies.map { "{\"latency_s\": \(NumberFormatting.plain($0))}" }.joined(separator: ", ") + "]}"
        }
        return
            "{\"format\": \"benchsite-run/1\", \"id\": \(JSONText.quote(id)), \"timestamp\": \"\(timestamp)\", \"results\": [\(entries.joined(separator: ", "))]}"
    }

    @Test("hostile names stay text on every page: its only script is benchsite's own")
    func hostileNamesNoMarkup() throws {
        let model = "<script>alert(1)</script>", scenario = "<img src=x onerror=alert(2)>"
        let (files, _) = try site([
            "a.json": run("\"><script>alert(3)</script>", "2026-10-01T00:00:00Z", [(model, scenario, [1, 1.1, 1.2])]),
            "b.json": run("b", "2026-10-02T00:00:00Z", [(model, scenario, [2, 2.1, 2.2])]),
        ])
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count >= 5)
        for (path, html) in pages {
            expectOnlyOwnScript(html, path)
        }
        let overview = try #require(files["index.html"])
        #expect(overview.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(overview.contains("&lt;img src=x onerror=alert(2)&gt;"))
    }

    @Test("the same command twice in one hyperfine export stays two series, with a warning")
    func repeatedCommand() throws {
        let export = """
            {"results": [{"command": "sleep 0.1", "times": [0.10, 0.11, 0.12], "mean": 0.11},
                         {"command": "sleep 0.1", "times": [0.20, 0.21, 0.22], "mean": 0.21}]}
            """
        let (files, diagnostics) = try site(["hyperfine.json": export])
        #expect(
            diagnostics.contains {
                $0.severity == .warning && $0.message.contains("appears 2 times")
                    && $0.message.contains("\"default #2\"")
            })
        let page = try #require(files["models/sleep-0.1.html"])
        #expect(page.contains("default #2"))
        #expect(page.contains("110 ms") || page.contains(">110<"), "the first keeps its own figures")
        #expect(page.contains("210 ms") || page.contains(">210<"), "the second keeps its own figures")
    }

    @Test("names equal in Unicode but spelled differently are one model, shown in composed form")
    func unicodeNormalization() throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let (files, diagnostics) = try site([
            "a.json": run("a", "2026-10-01T00:00:00Z", [(composed, "gpu", [1, 1.1, 1.2])]),
            "b.json": run("b", "2026-10-02T00:00:00Z", [(decomposed, "gpu", [2, 2.1, 2.2])]),
        ])
        #expect(!diagnostics.contains { $0.severity == .error })
        let page = try #require(files["models/cafe.html"], "one page, named without the accent")
        #expect(files.keys.filter { $0.hasPrefix("models/caf") }.count == 1)
        // Swift compares strings by canonical equivalence, so the bytes are what tell the spellings apart.
        #expect(page.utf8.elementsEqual(page.utf8) && page.contains("<h1>\(composed)</h1>"))
        #expect(!Data(page.utf8).contains(Data(decomposed.utf8)))
        let csv = try #require(files["data/summary.csv"])
        let rows = csv.components(separatedBy: "\n").filter { $0.contains(",latency,") }
        #expect(rows.count == 2 && rows.allSatisfy { Data($0.utf8).contains(Data(",\(composed),".utf8)) })
    }

    @Test("a repeated model in one run, with different Unicode spellings, keeps both results apart")
    func repeatedAfterNormalization() throws {
        let (files, diagnostics) = try site([
            "a.json": run(
                "a", "2026-10-01T00:00:00Z",
                [("caf\u{E9}", "default", [1, 1, 1]), ("cafe\u{301}", "default", [2, 2, 2])])
        ])
        #expect(diagnostics.contains { $0.message.contains("appears 2 times") })
        #expect(try #require(files["runs/a.html"]).contains("default #2"))
    }

    @Test(
        "extreme but valid numbers draw finite charts and never hang",
        arguments: [
            [1.7e308, 1.0, 2.0], [5e-324, 1.0, 2.0], [1.7976931348623157e308, 5e-324], [0, 0, 0], [1e-300, 1e300],
        ])
    func extremeValues(_ latencies: [Double]) throws {
        let (files, _) = try site(["x.json": run("x", "2026-10-01T00:00:00Z", [("m", "default", latencies)])])
        let page = try #require(files["runs/x.html"])
        #expect(!page.contains("nan") && !page.contains("NaN") && !page.contains("inf\""))
        let ticks = page.components(separatedBy: "class=\"tick\">").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(!ticks.isEmpty && ticks.allSatisfy { $0.count <= 12 }, "tick labels stay short: \(ticks)")
    }

    @Test("two runs whose medians differ by less than the precision of a double draw a trend")
    func indistinguishableMedians() throws {
        let (files, _) = try site([
            "a.json": run("a", "2026-10-01T00:00:00Z", [("m", "default", [1e17, 1e17, 1e17])]),
            "b.json": run("b", "2026-10-02T00:00:00Z", [("m", "default", [1e17 + 16, 1e17 + 16, 1e17 + 16])]),
        ])
        #expect(try #require(files["models/m.html"]).contains("chart-trend"))
    }

    @Test("axis ticks: at most a dozen, increasing, whatever the range")
    func ticks() {
        for (lo, hi) in [
            (0.0, 1.0), (1e17, 1e17 + 16), (0, 1.7e308), (-1.7e308, 1.7e308), (5e-324, 1e-323), (3, 3), (1e-9, 1e3),
        ] {
            for log in [false, true] {
                let scale = Scale.nice(covering: [lo, hi], pixels: 0...100, includeZero: false, allowLog: log)
                let ticks = scale.ticks
                #expect(
                    ticks.count >= 2 && ticks.count <= Scale.maximumTicks * 3, "\(lo)...\(hi): \(ticks.count) ticks")
                #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 }, "\(lo)...\(hi): \(ticks)")
                #expect(ticks.allSatisfy { $0.isFinite && scale($0).isFinite })
            }
        }
    }

    @Test("a timestamp or count no date or integer can hold is an error with its place, not a trap")
    func outOfRangeNumbers() throws {
        let text = """
            {"format": "benchsite-run/1", "id": "t", "timestamp": 1e20,
             "results": [{"model": "m", "completed": 18446744073709551616, "samples": [{"latency_s": 1, "completion_tokens": 9.3e18}]}]}
            """
        let (files, diagnostics) = try site(["t.json": text])
        let errors = diagnostics.filter { $0.severity == .error && $0.file == "t.json" }
        #expect(errors.contains { $0.message.contains("\"timestamp\"") && $0.line == 1 })
        #expect(errors.contains { $0.message.contains("\"completed\"") && $0.line == 2 })
        #expect(errors.contains { $0.message.contains("\"completion_tokens\"") })
        #expect(files["runs/t.html"] != nil)
    }

    @Test("a key named like a chart reference is shown as text and moves no chart")
    func chartLikeKeys() throws {
        let export = """
            {"results": [{"command": "ls", "times": [0.1, 0.2, 0.3], "mean": 0.2, "chart:x": 1, "chart:latency--default": 2}]}
            """
        let (files, _) = try site(["h.json": export])
        let page = try #require(files["runs/h.html"])
        #expect(page.contains("<code>chart:x</code>") && page.contains("<code>chart:latency--default</code>"))
        // The real chart is drawn once, where it belongs, not inside the note.
        #expect(page.components(separatedBy: "id=\"latency--default\"").count == 2)
    }

    @Test("JSON Lines with a truncated last line: every other record is read, and the line is named")
    func truncatedJSONLines() throws {
        var lines = (0..<100).map { i in
            "{\"model\": \"llama3\", \"created_at\": \"2026-10-01T00:00:00Z\", \"total_duration\": \(1_000_000_000 + i), \"eval_count\": 10, \"eval_duration\": 500000000}"
        }
        lines[99] = String(lines[99].prefix(30))
        let (files, diagnostics) = try site(["ollama.jsonl": lines.joined(separator: "\n")])
        let error = try #require(diagnostics.first { $0.severity == .error && $0.file == "ollama.jsonl" })
        #expect(error.line == 100 && error.message.contains("line 100"))
        let csv = try #require(files[Self.allSamples])
        #expect(csv.components(separatedBy: "\n").filter { $0.contains("llama3") }.count == 99)
    }

    @Test("a bad line in the middle of JSON Lines is one diagnostic; the lines after it are read")
    func badMiddleLine() throws {
        let good = { (i: Int) in
            "{\"model\": \"m\", \"created_at\": \"2026-10-01T00:00:00Z\", \"total_duration\": \(i)000000000, \"eval_count\": 5, \"eval_duration\": 100}"
        }
        let text = [good(1), good(2), "{\"model\": \"m\", oops}", good(3), "", good(4)].joined(separator: "\n")
        let (files, diagnostics) = try site(["r.jsonl": text])
        let errors = diagnostics.filter { $0.severity == .error && $0.file == "r.jsonl" }
        #expect(errors.count == 1 && errors[0].line == 3)
        #expect(
            try #require(files[Self.allSamples]).components(separatedBy: "\n").filter { $0.contains(",m,") }.count
                == 4)
    }

    @Test("JSON log lines before the data do not hide it")
    func jsonLogLines() throws {
        let text = """
            {"level": "info", "msg": "loading model"}
            {"level": "info", "msg": "benchmark done"}
            {"results": [{"command": "ls", "times": [0.1, 0.2, 0.3], "mean": 0.2}]}
            """
        let (files, diagnostics) = try site(["out.log": text])
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(files["models/ls.html"] != nil)
    }

    @Test(
        "a pretty-printed JSON document after log lines is found, and a broken one is reported, not mined for fragments"
    )
    func embeddedDocuments() throws {
        let document = """
            {
              "results": [
                {"command": "ls", "times": [0.1, 0.2, 0.3], "mean": 0.2}
              ]
            }
            """
        let logs = "[INFO] starting\n[2026-10-01 02:00:00] warming up\nBENCHMARK RESULTS\n"
        let good = try site(["run.log": logs + document + "\nDone.\n"])
        #expect(good.files["models/ls.html"] != nil)
        let broken = logs + document.replacingOccurrences(of: "\"mean\": 0.2}", with: "\"mean\": 0.2 oops}")
        let bad = try site([
            "run.log": broken, "ok.json": run("ok", "2026-10-01T00:00:00Z", [("m", "default", [1, 2, 3])]),
        ])
        #expect(bad.files["models/ls.html"] == nil)
        #expect(
            bad.diagnostics.contains {
                $0.file == "run.log" && $0.severity == .error && $0.message.contains("invalid JSON")
            })
    }

    @Test("finding the JSON after log lines reads each byte about once (2 MB of hostile log lines)")
    func embeddedSearchIsLinear() throws {
        // Lines that start like JSON and fail far away made the old search quadratic.
        var text = ""
        for i in 0..<20_000 { text += "{ \"step\": \(i), \"note\": \"[not closed\n" }
        text += "{\"results\": [{\"command\": \"ls\", \"times\": [0.1, 0.2, 0.3], \"mean\": 0.2}]}\n"
        let file = SourceFile(path: "big.log", bytes: Array(text.utf8))
        let started = Date()
        let result = Ingest.read(file)
        #expect(
            Date().timeIntervalSince(started) < 20,
            "a generous bound for debug builds; scripts/benchmark-ingest measures it")
        #expect(result.files.first?.format != nil || !result.diagnostics.isEmpty)
    }

    @Test("page names: a run or model called index, names differing only in case, and Windows device names")
    func reservedAndCaseFoldedNames() throws {
        let (files, _) = try site([
            "index.json": run(
                "index", "2026-10-01T00:00:00Z",
                [
                    ("index", "GPU", [1, 1, 1]), ("index", "gpu", [3, 3, 3]), ("INDEX", "gpu", [2, 2, 2]),
                    ("CON", "gpu", [2, 2, 2]),
                ])
        ])
        let runsIndex = try #require(files["runs/index.html"])
        #expect(runsIndex.contains("<h1>Runs</h1>") || runsIndex.contains("All runs") || runsIndex.contains("Runs"))
        let modelsIndex = try #require(files["models/index.html"])
        #expect(modelsIndex.contains("Models"))
        let paths = files.keys.map { $0.lowercased() }
        #expect(Set(paths).count == files.count, "unique after case folding")
        #expect(!paths.contains("models/con.html"))
        // The two scenarios draw their own charts: GPU's page holds GPU's figures only.
        let modelPages = files.filter { $0.key.hasPrefix("models/index-") }
        #expect(modelPages.count == 2)
        let ids = modelPages.values.flatMap {
            $0.components(separatedBy: "<figure class=\"chart").dropFirst().map {
                $0.components(separatedBy: "id=\"")[1].prefix { $0 != "\"" }
            }
        }
        for page in files.values {
            let pageIDs = page.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(Set(pageIDs).count == pageIDs.count, "ids unique on each page")
        }
        _ = ids
    }

    @Test("pytest-benchmark's hidden .benchmarks folder is read when its parent is given; other hidden folders are not")
    func hiddenResultFolders() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(
            run("kept", "2026-10-01T00:00:00Z", [("m", "default", [1, 2, 3])]), to: folder,
            ".benchmarks/Linux-CPython-3.11-64bit/0001_abc_20261001.json")
        try write(run("skipped", "2026-10-02T00:00:00Z", [("m", "default", [1, 2, 3])]), to: folder, ".git/x.json")
        try write(
            run("asv", "2026-10-03T00:00:00Z", [("m", "default", [1, 2, 3])]), to: folder, ".asv/results/m/x.json")
        try write(
            run("env", "2026-10-04T00:00:00Z", [("m", "default", [1, 2, 3])]), to: folder, ".asv/env/abc/lib/x.json")
        let found = InputDiscovery.expand([folder.path]).files.map {
            $0.replacingOccurrences(of: folder.path + "/", with: "")
        }
        #expect(found == [".asv/results/m/x.json", ".benchmarks/Linux-CPython-3.11-64bit/0001_abc_20261001.json"])
    }

    @Test("a folder is listed as Foundation lists it; its input files are told by their extension")
    func folderListing() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = [
            "a.json", "B.JSON", "c.jsonl.gz", "é ü.json", ".hidden.json", "noext", "x.", ".json", "d.ndjson", "e.log",
            "f.tar.gz", "g.json.bak", "..json",
        ]
        for name in names { try Data("{}".utf8).write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sub.json"), withIntermediateDirectories: true)
        #expect(
            try InputDiscovery.listFolder(folder.path).sorted()
                == FileManager.default.contentsOfDirectory(atPath: folder.path).sorted())
        #expect(throws: (any Error).self) { try InputDiscovery.listFolder(folder.path + "/missing") }
        let inputs = names.filter(InputDiscovery.isInputName).sorted()
        // As NSString's pathExtension has it: a name that starts with its only dot has none (the walk
        // skips hidden names of its own).
        #expect(
            inputs == ["..json", ".hidden.json", "B.JSON", "a.json", "c.jsonl.gz", "d.ndjson", "e.log", "é ü.json"])
    }

    @Test("a folder that cannot be read is reported, and the rest is read")
    func unreadableFolder() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(run("a", "2026-10-01T00:00:00Z", [("m", "default", [1])]), to: folder, "a.json")
        try write(run("b", "2026-10-01T00:00:00Z", [("m", "default", [1])]), to: folder, "locked/b.json")
        // As root every folder reads, so the refusal is simulated where the walk lists a folder.
        let found = InputDiscovery.expand([folder.path]) { path in
            if path.hasSuffix("locked") { throw CocoaError(.fileReadNoPermission) }
            return try FileManager.default.contentsOfDirectory(atPath: path)
        }
        #expect(found.files.map { ($0 as NSString).lastPathComponent } == ["a.json"])
        let warning = try #require(found.diagnostics.first)
        #expect(
            warning.severity == .warning && warning.file?.hasSuffix("locked") == true
                && warning.message.contains("cannot read this folder"))
    }

    @Test("every problem of a file is counted, but only the first fifty are listed")
    func manyProblems() throws {
        let samples = (0..<500).map { _ in "{\"latency_s\": \"n/a\"}" }.joined(separator: ",")
        let text =
            "{\"format\": \"benchsite-run/1\", \"id\": \"bad\", \"results\": [{\"model\": \"m\", \"samples\": [\(samples), {\"latency_s\": 1}]}]}"
        let (_, diagnostics) = try site(["bad.json": text])
        let mine = diagnostics.filter { $0.file == "bad.json" }
        #expect(mine.count == 51)
        #expect(mine.last?.message.contains("450 more problems") == true, "\(mine.last?.message ?? "")")
    }
}

extension HostileInputTests {
    @Test("llama-bench sweeping a setting that is not part of the test name: the setting joins the scenario")
    func llamaBenchSweep() throws {
        func test(_ threads: Int, _ batch: Int, gen: Int, ns: [Int]) -> String {
            """
            {"build_commit": "abc", "build_number": 1, "cpu_info": "CPU", "gpu_info": "", "backends": "CPU", "model_filename": "/m/llama-7b.gguf",
             "model_type": "llama 7B", "n_batch": \(batch), "n_threads": \(threads), "n_gpu_layers": 0, "n_prompt": 0, "n_gen": \(gen),
             "test_time": "2026-10-01T00:00:00Z", "avg_ns": \(ns[0]), "samples_ns": \(ns), "samples_ts": [10.0, 11.0]}
            """
        }
        let sweep =
            "["
            + [
                test(1, 64, gen: 128, ns: [1_000_000_000, 1_100_000_000]),
                test(2, 64, gen: 128, ns: [500_000_000, 550_000_000]),
                test(1, 128, gen: 128, ns: [900_000_000, 950_000_000]),
                test(2, 128, gen: 128, ns: [450_000_000, 460_000_000]),
            ].joined(separator: ",") + "]"
        let (files, diagnostics) = try site(["llama-bench.json": sweep])
        #expect(
            !diagnostics.contains { $0.message.contains("appears") }, "no true repeats: the settings tell them apart")
        let page = try #require(files["models/llama-7b.html"])
        for scenario in [
            "tg128 · n_batch=64 · n_threads=1", "tg128 · n_batch=64 · n_threads=2", "tg128 · n_batch=128 · n_threads=1",
            "tg128 · n_batch=128 · n_threads=2",
        ] {
            #expect(page.contains(scenario), "\(scenario)")
        }
        let runPage = try #require(files.first { $0.key.hasPrefix("runs/") && $0.key != "runs/index.html" }?.value)
        #expect(runPage.contains("n_gpu_layers"), "settings every test shares are the run's configuration")
    }

    @Test("vLLM results appended twice at the same rate, and a workshop output listing one model twice, stay apart")
    func appendedTwice() throws {
        let record =
            #"{"date": "20261001-020000", "backend": "vllm", "model_id": "m", "num_prompts": 10, "request_rate": 4.0, "duration": 2.0, "completed": 10, "request_throughput": 5, "output_throughput": 100.0, "mean_ttft_ms": 40.0, "median_ttft_ms": 39.0, "p99_ttft_ms": 60.0, "mean_tpot_ms": 8.0, "median_tpot_ms": 8.0, "p99_tpot_ms": 9.0}"#
        let workshop =
            #"[{"alias": "phi", "model_id": "phi-cuda-gpu:1", "latency_avg": 1.0, "latency_p95": 1.2, "tokens_per_sec_avg": 30, "rounds": 3}, {"alias": "phi", "model_id": "phi-cuda-gpu:1", "latency_avg": 1.5, "latency_p95": 1.9, "tokens_per_sec_avg": 25, "rounds": 3}]"#
        let (files, diagnostics) = try site([
            "vllm.jsonl": record + "\n" + record, "2026-10-02-workshop.json": workshop,
        ])
        #expect(diagnostics.filter { $0.message.contains("appears 2 times") }.count == 2)
        #expect(try #require(files["models/m.html"]).contains("rate 4 #2"))
        #expect(try #require(files["models/phi.html"]).contains("gpu #2"))
    }

    @Test("counts of 2^63 or more in vLLM, llmperf and AIPerf files are errors with their place, not traps")
    func hugeCounts() throws {
        let vllm =
            #"{"date": "20261001-020000", "model_id": "m", "request_rate": 1.0, "completed": 3, "failed": 1e19, "request_throughput": 1, "output_throughput": 10, "mean_ttft_ms": 10, "ttfts": [0.01, 0.02, 0.03], "itls": [[], [0.01], [0.01]], "output_lens": [1, 9.3e18, 2]}"#
        let llmperf =
            #"{"model": "m", "results_num_completed_requests": 9223372036854775808, "results_number_errors": "1e20", "results_end_to_end_latency_s_mean": 1.0, "timestamp": 1e20}"#
        let aiperf =
            #"{"request_latency": {"unit": "ms", "avg": 10, "p50": 10}, "request_count": {"unit": "requests", "avg": 1e300}, "error_request_count": {"unit": "requests", "avg": -5}, "input_config": {"endpoint": {"model_names": ["m"]}}}"#
        let (_, diagnostics) = try site([
            "v.json": vllm, "l_summary.json": llmperf, "profile_export_aiperf.json": aiperf,
        ])
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.file == "v.json" && $0.message.contains("\"failed\"") })
        #expect(
            errors.contains { $0.file == "l_summary.json" && $0.message.contains("results_num_completed_requests") })
        #expect(errors.contains { $0.file == "l_summary.json" && $0.message.contains("\"timestamp\"") })
        #expect(errors.contains { $0.file == "profile_export_aiperf.json" && $0.message.contains("request_count.avg") })
        #expect(errors.allSatisfy { $0.line != nil })
    }

    @Test("figures are shown in the unit that fits them: 2.29 ns, 12.3 ms, 1.50 s, 1.00 GiB")
    func unitsFitTheValue() throws {
        #expect(Metric.latency.display(2.29e-9) == "2.29 ns")
        #expect(Metric.latency.display(0.0123) == "12.3 ms")
        #expect(Metric.latency.display(0.000456) == "456 µs")
        #expect(Metric.latency.display(1.5) == "1.50 s")
        #expect(Metric.latency.display(0.9996e-3) == "1.00 ms")
        #expect(Metric.memory.display(1_073_741_824) == "1.00 GiB")
        #expect(Metric.latency.display(1.7e308) == "1.70e308 s")
        #expect(DisplayUnit.common(for: [0.1, 0.2, 0.4], of: .latency)?.symbol == "ms")
        #expect(
            DisplayUnit.common(for: [2.29e-9, 0.5], of: .latency) == nil,
            "too far apart for one unit: each figure carries its own")
        // A Google Benchmark page: nanoseconds in the table and on the axis, seconds in the CSV.
        let export =
            #"{"context": {"date": "2026-10-01T00:00:00+00:00"}, "benchmarks": [{"name": "BM_Fast", "run_name": "BM_Fast", "run_type": "iteration", "iterations": 1000, "real_time": 2.29, "cpu_time": 2.2, "time_unit": "ns"}, {"name": "BM_Fast", "run_name": "BM_Fast", "run_type": "iteration", "iterations": 1000, "real_time": 2.31, "cpu_time": 2.2, "time_unit": "ns"}]}"#
        let (files, _) = try site(["gb.json": export])
        let page = try #require(files["runs/gb.html"])
        #expect(page.contains("p50 (ns)") && page.contains(">2.30<"))
        #expect(page.contains("Latency (ns)"))
        #expect(!page.contains("0.0000000"))
        #expect(try #require(files["data/summary.csv"]).contains("2.3e-09"))
    }
}

/// Every input the fuzzer (`scripts/fuzz`) ever found to trap or hang, minimized: each must now
/// build and validate (a trap here takes the test process down, so it cannot pass silently).
@Suite("Fuzzer crashers stay fixed")
struct FuzzCrasherTests {
    static let folder = fixturesFolder.appendingPathComponent("crashers")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }
            .sorted()
    }

    @Test("each crasher builds a site and validates", arguments: files)
    func crasher(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let options = BuildOptions(
            inputs: [path], outputDirectory: "/unused",
            ingest: IngestOptions(fallbackDate: Timestamp(iso8601: "2026-10-01")))
        let ingested = Ingest.read(paths: [path], options: options.ingest)
        if ingested.runs.isEmpty {
            #expect(ingested.diagnostics.contains { $0.severity == .error }, "\(name): no run, so an error says why")
            return
        }
        let (files, _) = try generateSite(from: ingested, options)
        #expect(files["index.html"] != nil)
        let pages = files.filter { $0.key.hasSuffix(".html") }.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(pages.allSatisfy { !$0.contains("NaN") && !$0.contains("nan\"") && !$0.contains("inf\"") }, "\(name)")
    }

    @Test("the two crashers that trapped only together build together")
    func together() throws {
        let paths = ["concurrent-traps-a.json", "concurrent-traps-b.json"].map {
            Self.folder.appendingPathComponent($0).path
        }
        let options = BuildOptions(
            inputs: paths, outputDirectory: "/unused",
            ingest: IngestOptions(fallbackDate: Timestamp(iso8601: "2026-10-01")))
        let ingested = Ingest.read(paths: paths, options: options.ingest)
        #expect(ingested.diagnostics.filter { $0.severity == .error }.count >= 2)
        if !ingested.runs.isEmpty { _ = try generateSite(from: ingested, options) }
    }
}
