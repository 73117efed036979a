import Foundation
import Testing

@testable import BenchsiteKit

/// Files written by the real tools (or, where a tool could not run here, by a line-by-line port of
/// its code; see each folder's PROVENANCE.md), read as a user would, and every figure a page shows
/// checked against the tool's own numbers (`expected.json`, written from the tool's API or output).
@Suite("Tool outputs against the tools' own numbers")
struct ToolFixtureTests {
    static let tools = fixturesFolder.appendingPathComponent("tools")

    /// The analysis of a site built from these inputs.
    func analyze(
        _ paths: [URL], date: Timestamp? = Timestamp(iso8601: "2026-10-01")
    ) -> (analysis: SiteAnalysis, diagnostics: [Diagnostic]) {
        let ingested = Ingest.read(paths: paths.map(\.path), options: IngestOptions(fallbackDate: date))
        let historyBuffer = DiagnosticBuffer()
        let history = HistoryBuilder.build(runs: ingested.runs, metadata: ingested.metadata, diagnostics: historyBuffer)
        let historyDiagnostics = historyBuffer.diagnostics
        return (Analyzer.analyze(history), ingested.diagnostics + historyDiagnostics)
    }

    func expected(_ tool: String, _ file: String = "expected.json") throws -> [String: Any] {
        let data = try Data(contentsOf: Self.tools.appendingPathComponent(tool).appendingPathComponent(file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func results(_ analysis: SiteAnalysis) -> [ResultAnalysis] { analysis.runs.flatMap { $0 } }

    func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
    }

    @Test("pyperf: values pooled over runs, per call, in seconds or bytes, as pyperf stats prints them")
    func pyperf() throws {
        let files = try #require(try expected("pyperf")["files"] as? [String: [String: Any]])
        var checked = 0
        for (name, file) in files where !name.contains("/") && !name.contains(":") {
            let (analysis, diagnostics) = analyze([Self.tools.appendingPathComponent("pyperf/\(name)")])
            #expect(!diagnostics.contains { $0.severity == .error }, "\(name): \(diagnostics)")
            for benchmark in try #require(file["benchmarks"] as? [[String: Any]]) {
                let subject = try #require(benchmark["name"] as? String)
                let result = try #require(results(analysis).first { $0.key.subject == subject }, "\(name): \(subject)")
                let metric: Metric = benchmark["unit"] as? String == "byte" ? .memory : .latency
                let figures = try #require(result.metrics[metric]?.computed, "\(name): \(subject)")
                #expect(figures.count == benchmark["n_samples"] as? Int, "\(name): \(subject)")
                #expect(close(figures.mean, benchmark["mean"] as? Double), "\(name): \(subject) mean")
                #expect(close(figures.p50, benchmark["median"] as? Double), "\(name): \(subject) median")
                #expect(close(figures.standardDeviation, benchmark["stdev"] as? Double), "\(name): \(subject) stdev")
                #expect(result.result.status == .ok)
                checked += 1
            }
        }
        #expect(checked == 12)
    }

    @Test("Google Benchmark: repetitions as samples, errors and skips, no series for BigO and RMS rows")
    func googleBenchmark() throws {
        let files = try #require(try expected("google-benchmark")["files"] as? [String: [String: Any]])
        for (name, file) in files {
            let (analysis, diagnostics) = analyze([Self.tools.appendingPathComponent("google-benchmark/\(name)")])
            #expect(!diagnostics.contains { $0.severity == .error }, "\(name)")
            let rows = try #require(file["rows"] as? [[String: Any]])
            let all = results(analysis)
            // Every series is a benchmark instance with rows of its own; complexity rows make none.
            let families = Set(
                rows.filter { ($0["aggregate_name"] as? String).map { ["BigO", "RMS"].contains($0) } ?? false }
                    .compactMap { $0["run_name"] as? String })
            #expect(!families.isEmpty && all.allSatisfy { !families.contains($0.key.subject) }, "\(name)")
            #expect(analysis.history.runs[0].source.notes.contains { $0.contains("complexity O(N)") })
            var instances: [String: [[String: Any]]] = [:]
            for row in rows where row["run_type"] as? String == "iteration" {
                instances[row["run_name"] as! String, default: []].append(row)
            }
            for (instance, iterations) in instances {
                let result = try #require(all.first { $0.key.subject == instance }, "\(name): \(instance)")
                let ok = iterations.filter { $0["status"] as? String == "ok" }
                let errors = iterations.filter { $0["status"] as? String == "error" }
                let skipped = iterations.filter { $0["status"] as? String == "skipped" }
                if !errors.isEmpty {
                    #expect(result.result.status == (ok.isEmpty ? .failed : .partial), "\(name): \(instance)")
                    #expect(result.failures == errors.count)
                } else if !skipped.isEmpty {
                    #expect(result.result.error?.hasPrefix("skipped") == true)
                } else {
                    #expect(result.result.status == .ok)
                }
                guard !ok.isEmpty else {
                    #expect(result.metrics[.latency]?.computed == nil, "a benchmark that never ran shows no figures")
                    continue
                }
                let scale = FormatSupport.secondsPerUnit(ok[0]["time_unit"] as! String)!
                let values = ok.map { ($0["real_time"] as! Double) * scale }
                let computed = try #require(result.metrics[.latency]?.computed)
                #expect(computed.count == values.count)
                #expect(close(computed.mean, values.reduce(0, +) / Double(values.count), 1e-12), "\(name): \(instance)")
            }
            // Aggregates-only instances (report_aggregates_only) show the tool's median and mean.
            for row in rows
            where row["aggregate_name"] as? String == "median" && instances[row["run_name"] as! String] == nil {
                let result = try #require(all.first { $0.key.subject == row["run_name"] as? String })
                let scale = FormatSupport.secondsPerUnit(row["time_unit"] as! String)!
                #expect(close(result.metrics[.latency]?.value(.p50), (row["real_time"] as! Double) * scale))
                #expect(result.metrics[.latency]?.source == .reported)
            }
        }
    }

    @Test(
        "asv: a run per commit, one series per parameter combination, failed and skipped told apart, units from benchmarks.json"
    )
    func asv() throws {
        let folder = Self.tools.appendingPathComponent("asv/results")
        let (analysis, diagnostics) = analyze([folder], date: nil)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        #expect(analysis.history.runs.count == 3)
        let folders = try #require(try expected("asv")["folders"] as? [[String: Any]])
        let files = try #require(folders.first?["result_files"] as? [[String: Any]])
        // Parameter names in their order, from the definitions (a dictionary in expected.json has none).
        let definitions = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("benchmarks.json")))
                as? [String: Any])
        func parameterNames(_ benchmark: String) -> [String] {
            ((definitions[benchmark] as? [String: Any])?["param_names"] as? [String]) ?? []
        }
        for file in files {
            let commit = try #require(file["commit_hash"] as? String)
            let runIndex = try #require(analysis.history.runs.firstIndex { $0.versionControl?.commit == commit })
            let run = analysis.history.runs[runIndex]
            #expect(run.timestamp?.secondsSince1970 == (file["commit_date_ms"] as? Double).map { $0 / 1000 })
            for benchmark in try #require(file["benchmarks"] as? [[String: Any]]) {
                let name = try #require(benchmark["name"] as? String)
                for entry in try #require(benchmark["results"] as? [[String: Any]]) {
                    let params = try #require(entry["params"] as? [String: String])
                    let names = parameterNames(name)
                    let scenario =
                        params.isEmpty
                        ? "default"
                        : names.map { "\($0)=\(ASVBenchmark.displayValue(params[$0] ?? ""))" }.joined(separator: " · ")
                    let result = try #require(
                        analysis.runs[runIndex].first { $0.key.subject == name && $0.key.scenario == scenario },
                        "\(name) \(scenario)")
                    switch entry["status"] as? String {
                    case "failed":
                        #expect(result.result.status == .failed && result.metrics.isEmpty, "\(name) \(scenario)")
                    case "skipped":
                        #expect(
                            result.result.status == .ok && result.result.error?.contains("skipped") == true
                                && result.metrics.isEmpty)
                    default:
                        let unit = benchmark["unit"] as? String
                        let metric: Metric = unit == "seconds" ? .latency : unit == "bytes" ? .memory : .value
                        let value = try #require(entry["result"] as? Double)
                        let figures = try #require(result.metrics[metric], "\(name) \(scenario)")
                        // asv's result is the median of the samples (time) or the measured number.
                        #expect(close(figures.value(metric == .latency ? .p50 : .mean), value), "\(name) \(scenario)")
                        if metric == .value { #expect(result.result.valueUnit == unit) }
                    }
                }
            }
        }
    }

    @Test(
        "asv: results of another version of a benchmark's code are left out with a note; without benchmarks.json, one warning"
    )
    func asvDefinitions() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        // Folder `a` with definitions (bench.slow's code is at version 2 now), folder `b` without.
        func write(_ folder: String, commits: [String], definitions: Bool) throws {
            let machine = root.appendingPathComponent(folder).appendingPathComponent("bench")
            try FileManager.default.createDirectory(at: machine, withIntermediateDirectories: true)
            if definitions {
                func definition(_ name: String, _ version: String, _ parameters: String) -> String {
                    #"{"name": "\#(name)", "code": "", "param_names": [\#(parameters)], "params": [], "type": "time", "unit": "seconds", "version": "\#(version)"}"#
                }
                let text =
                    #"{"bench.fast": \#(definition("bench.fast", "1", #""size""#)), "bench.slow": \#(definition("bench.slow", "2", "")), "version": 2}"#
                try Data(text.utf8).write(
                    to: root.appendingPathComponent(folder).appendingPathComponent("benchmarks.json"))
            }
            for (index, commit) in commits.enumerated() {
                let date = 1_700_000_000_000 + index * 86_400_000
                let columns = #"["result", "params", "version", "started_at", "duration"]"#
                let document = """
                    {"commit_hash": "\(commit)\(String(repeating: "0", count: 32))", "env_name": "py", "date": \(date),
                     "params": {"machine": "bench"}, "python": "3.11", "requirements": {}, "env_vars": {}, "version": 2,
                     "result_columns": \(columns), "results": {
                       "bench.fast": [[0.5, 0.7], [["10", "20"]], "1", \(date), 1.0],
                       "bench.slow": [[2.0], [], "1", \(date), 1.0]}}
                    """
                try Data(document.utf8).write(to: machine.appendingPathComponent("\(commit)-py.json"))
            }
        }
        try write("a", commits: ["1111aaaa", "2222bbbb"], definitions: true)
        try write("b", commits: ["3333cccc", "4444dddd"], definitions: false)
        let (analysis, diagnostics) = analyze([root], date: nil)
        let runs = analysis.history.runs
        #expect(runs.count == 4)
        for run in runs {
            let commit = try #require(run.versionControl?.commit)
            let names = run.results.map { "\($0.subject) \($0.scenario)" }
            #expect(!run.results.contains { $0.parameters.contains { $0.key == ASVBenchmark.versionKey } })
            if commit.hasPrefix("1111") || commit.hasPrefix("2222") {
                #expect(names == ["bench.fast size=10", "bench.fast size=20"], "\(names)")
                #expect(run.source.notes.contains { $0.contains("code changed since") && $0.contains("bench.slow") })
            } else {
                #expect(names.count == 3 && names.contains("bench.slow default"), "\(names)")
                #expect(!run.source.notes.contains { $0.contains("code changed since") })
            }
        }
        let warnings = diagnostics.filter { $0.message.contains("no benchmarks.json beside these asv results") }
        #expect(warnings.count == 1 && warnings.first?.file?.contains("/b/") == true, "\(diagnostics)")
    }

    @Test("asv: a benchmark without a definition is of the kind its function's prefix says, as asv decides")
    func asvKindFromName() {
        #expect(ASVBenchmark.kind(forName: "bench.TimeSuite.time_squares") == .time)
        #expect(ASVBenchmark.kind(forName: "suite.MemSuite.mem_list") == .memory)
        #expect(ASVBenchmark.kind(forName: "peakmem_build") == .peakmemory)
        #expect(ASVBenchmark.kind(forName: "a.b.track_value") == .track)
        // The function's name, not a class's: a "mem_" class holding a timing is a timing.
        #expect(ASVBenchmark.kind(forName: "mem_suite.time_x") == .time)
        // Trailing dots are not a name of their own; nothing at all is a timing.
        #expect(ASVBenchmark.kind(forName: "a.track_x.") == .track)
        #expect(ASVBenchmark.kind(forName: "...") == .time && ASVBenchmark.kind(forName: "") == .time)
    }

    @Test("FLPerformance: samples from raw_data in seconds, failed iterations counted, the app's ids as models")
    func flperformance() throws {
        let files = try #require(try expected("flperformance")["files"] as? [String: [String: Any]])
        for (name, file) in files {
            let (analysis, diagnostics) = analyze([Self.tools.appendingPathComponent("flperformance/\(name)")])
            #expect(!diagnostics.contains { $0.severity == .error }, "\(name)")
            #expect(
                analysis.history.runs.first?.timestamp?.secondsSince1970
                    == (file["started_at_ms"] as? Double).map { $0 / 1000 })
            for entry in try #require(file["results"] as? [[String: Any]]) {
                let result = try #require(
                    results(analysis).first {
                        $0.key.subject == entry["model_id"] as? String
                            && $0.key.scenario == entry["scenario"] as? String
                    })
                let n = try #require(entry["n_samples_latency_ms"] as? Int)
                if n == 0 {
                    #expect(result.result.status == .failed && result.metrics[.latency] == nil)
                    continue
                }
                let latency = try #require(result.metrics[.latency]?.computed)
                #expect(latency.count == n)
                #expect(close(latency.mean, (entry["latency_ms_mean"] as? Double).map { $0 / 1000 }, 1e-12))
                let failed = (entry["errors_counted"] as? Int ?? 0) + (entry["timeouts_counted"] as? Int ?? 0)
                #expect(result.result.status == (failed == 0 ? .ok : .partial))
            }
        }
    }

    @Test("llmperf: benchmark-wide throughput as the tool defines it; failed requests make a partial run")
    func llmperf() throws {
        let cases = try #require(
            try expected("llmperf", "expected_generated.json")["cases"] as? [String: [String: Any]])
        for (folder, expectation) in cases {
            let (analysis, _) = analyze([Self.tools.appendingPathComponent("llmperf/\(folder)")])
            #expect(analysis.history.runs.count == 1, "summary and individual responses are one run")
            let result = try #require(results(analysis).first)
            let summary = try #require(expectation["summary"] as? [String: Any])
            #expect(
                close(
                    result.metrics[.throughput]?.value(.mean),
                    summary["results_mean_output_throughput_token_per_s"] as? Double))
            #expect(result.metrics[.throughput]?.source == .reported)
            #expect(result.contradictions.isEmpty, "\(result.contradictions)")
            let errored = try #require(expectation["n_errored"] as? Int)
            #expect(
                result.failures == errored && result.requests == expectation["n_records_in_individual_file"] as? Int)
            #expect(result.result.status == (errored == 0 ? .ok : .partial))
            #expect(
                close(
                    result.metrics[.latency]?.computed?.mean, summary["results_end_to_end_latency_s_mean"] as? Double,
                    1e-9))
            #expect(
                close(
                    result.metrics[.perRequestThroughput]?.computed?.mean,
                    summary["results_request_output_throughput_token_per_s_mean"] as? Double, 1e-9))
        }
        // A summary alone with most requests failed is not "ok".
        let text = """
            {"model": "m", "num_concurrent_requests": 10, "results_num_completed_requests": 20, "results_num_requests_started": 150,
             "results_error_rate": 0.8667, "results_end_to_end_latency_s_mean": 2.0, "timestamp": 1703136016}
            """
        let alone = Ingest.read(SourceFile(path: "m_summary.json", bytes: Array(text.utf8)))
        let result = try #require(alone.runs.first?.results.first)
        #expect(result.status == .partial && result.configuredRequests == 150 && result.reportedSuccesses == 20)
    }

    @Test(
        "AIPerf 0.1 to 0.13 and GenAI-Perf: model, load level, counts and figures as the tool wrote them; the per-request records are the samples"
    )
    func aiperf() throws {
        let fixtures = try #require(try expected("aiperf")["fixtures"] as? [String: [String: Any]])
        var checked = 0
        for (key, fixture) in fixtures where !key.hasPrefix("corpus:") {
            let folder = Self.tools.appendingPathComponent("aiperf/\(key)")
            guard FileManager.default.fileExists(atPath: folder.path) else { continue }
            let (analysis, diagnostics) = analyze([folder])
            #expect(
                !diagnostics.contains { $0.severity == .error },
                "\(key): \(diagnostics.filter { $0.severity == .error })")
            #expect(
                analysis.history.runs.count == 1,
                "\(key): one run (phase copies and records join the run folder's export)")
            let result = try #require(results(analysis).first, "\(key)")
            #expect(result.key.subject == fixture["model"] as? String, "\(key)")
            let load = try #require(fixture["load"] as? [String: Any])
            let value = NumberFormatting.plain(try #require(load["value"] as? Double))
            let scenario = load["kind"] as? String == "concurrency" ? "concurrency \(value)" : "rate \(value)"
            #expect(result.key.scenario == scenario, "\(key): \(result.key.scenario)")
            let ok = Int(try #require(fixture["request_count"] as? Double))
            let errors = Int(fixture["error_request_count"] as? Double ?? 0)
            #expect(result.requests == ok + errors && result.failures == errors, "\(key)")
            #expect(result.result.status == (errors == 0 ? .ok : .partial))
            let written = try #require(fixture["written"] as? [String: Any])
            let latency = try #require(written["request_latency"] as? [String: Double])
            let figures = try #require(result.metrics[.latency])
            for (name, statistic) in [("avg", Statistic.mean), ("p50", .p50), ("p99", .p99)] {
                #expect(
                    close(figures.value(statistic), latency[name].map { $0 / 1000 }, 1e-9), "\(key) latency \(name)")
            }
            #expect(
                close(
                    result.metrics[.timeToFirstToken]?.value(.p50),
                    (written["time_to_first_token_p50"] as? Double).map { $0 / 1000 }, 1e-9))
            #expect(
                close(
                    result.metrics[.timePerOutputToken]?.value(.p50),
                    (written["inter_token_latency_p50"] as? Double).map { $0 / 1000 }, 1e-9))
            #expect(close(result.metrics[.throughput]?.value(.mean), written["output_token_throughput_avg"] as? Double))
            #expect(result.contradictions.isEmpty, "\(key): \(result.contradictions)")
            if let records = fixture["jsonl"] as? [String: Any] {
                #expect(
                    result.result.samples.count == records["rows"] as? Int, "\(key): every profiling record is a sample"
                )
                #expect(figures.source == .computed)
            }
            checked += 1
        }
        #expect(checked >= 30)
    }

    @Test("AIPerf start times are local: the TZ run reads the same as written, with a note")
    func aiperfLocalTime() throws {
        let (analysis, _) = analyze([
            Self.tools.appendingPathComponent("aiperf/aiperf-0.13.0/concurrency_2_TZ_America_Los_Angeles")
        ])
        let run = try #require(analysis.history.runs.first)
        #expect(run.timestamp?.iso8601.hasPrefix("2026-11-21T22:35:27") == true)
        #expect(run.source.notes.contains { $0.contains("local time") })
        #expect(run.source.tool == "AIPerf 0.13.0")
    }

    @Test(
        "GuideLLM 0.1 to 0.8: a result per benchmark with its model, load level and counts; the whole run's throughput; records as samples"
    )
    func guidellm() throws {
        let fixtures = try #require(try expected("guidellm")["fixtures"] as? [String: [String: Any]])
        var checked = 0
        for (file, fixture) in fixtures {
            let (analysis, diagnostics) = analyze([Self.tools.appendingPathComponent("guidellm/\(file)")])
            #expect(
                !diagnostics.contains { $0.severity == .error },
                "\(file): \(diagnostics.filter { $0.severity == .error })")
            let all = results(analysis)
            let benchmarks = try #require(fixture["benchmarks"] as? [[String: Any]])
            #expect(all.count == benchmarks.count, "\(file)")
            for (index, benchmark) in benchmarks.enumerated() where index < all.count {
                let result = all[index]
                let place = "\(file) #\(index)"
                #expect(result.key.subject == benchmark["model"] as? String, "\(place)")
                // The load level: the kind, and the rate or streams to four significant digits.
                let label = try #require((benchmark["scenario"] as? [String: Any])?["label"] as? String)
                let expectedParts = label.split(separator: " "), ourParts = result.key.scenario.split(separator: " ")
                #expect(expectedParts.first == ourParts.first, "\(place): \(result.key.scenario) vs \(label)")
                if expectedParts.count > 1, ourParts.count > 1, let a = Double(expectedParts[1]),
                    let b = Double(ourParts[1])
                {
                    #expect(abs(a - b) / a < 0.005, "\(place): \(result.key.scenario) vs \(label)")
                }
                let counts = try #require(benchmark["counts"] as? [String: Any])
                let ok = try #require(counts["successful"] as? Int), errored = counts["errored"] as? Int ?? 0
                #expect(result.requests == ok + errored && result.failures == errored, "\(place)")
                #expect(result.result.status == (errored == 0 ? .ok : .partial), "\(place)")
                let latency = try #require(result.metrics[.latency], "\(place)")
                #expect(latency.computed?.count == ok, "\(place): every successful request is a sample")
                if let written = benchmark["written"] as? [String: Any] {
                    #expect(
                        close(
                            result.metrics[.throughput]?.value(.mean),
                            written["output_tokens_per_second_successful_mean"] as? Double), "\(place)")
                    #expect(
                        close(latency.reported?[.p50], written["request_latency_median_s"] as? Double),
                        "\(place): GuideLLM's own median is kept")
                    // Interpolated here, the first value past the rank there: within the gap of the middle values.
                    let median = try #require(written["request_latency_median_s"] as? Double)
                    #expect(abs((latency.computed?.p50 ?? 0) - median) / median < 0.05, "\(place)")
                } else {
                    // 0.1 wrote no statistics: figures from the requests, as GuideLLM 0.1's own report computed them.
                    let recomputed = try #require(benchmark["recomputed_from_records"] as? [String: Any])
                    #expect(close(latency.computed?.p50, recomputed["request_latency_median_s"] as? Double), "\(place)")
                }
                #expect(result.contradictions.isEmpty, "\(place): \(result.contradictions)")
                checked += 1
            }
        }
        #expect(checked == 39)
    }

    /// The records of a JSON, JSON Lines or JSON-array file, as Python would read them (bare `Infinity` allowed).
    func rawRecords(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(
            of: ": Infinity", with: ": \"inf\"")
        if let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] { return array }
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] { return [object] }
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test(
        "vLLM 0.4 to 0.33 and SGLang 0.2 to 0.5: model, load point, counts, and figures from the arrays as the tools compute them"
    )
    func servingBenchmarks() throws {
        let folder = Self.tools.appendingPathComponent("vllm-sglang")
        let entries = try #require(try expected("vllm-sglang")["fixtures"] as? [[String: Any]])
        var byFile: [String: [[String: Any]]] = [:]
        for entry in entries { byFile[entry["file"] as! String, default: []].append(entry) }
        for (file, records) in byFile {
            let (analysis, diagnostics) = analyze([folder.appendingPathComponent(file)])
            #expect(
                !diagnostics.contains { $0.severity == .error },
                "\(file): \(diagnostics.filter { $0.severity == .error })")
            let all = results(analysis)
            // A sweep's repetitions of one point, with their arrays, are one result.
            let repetitions =
                records.count > 1
                && records.allSatisfy {
                    ($0["scenario"] as? [String: Any])?["request_rate"] as? String == "inf" && file.contains("summary")
                }
            #expect(all.count == (repetitions ? 1 : records.count), "\(file)")
            for (index, record) in records.enumerated() where index < all.count {
                let result = all[index]
                let place = "\(file) #\(index)"
                let model = record["model"] as? String ?? FormatSupport.stem(file)
                #expect(result.key.subject == model, "\(place): \(result.key.subject)")
                let scenario = try #require(record["scenario"] as? [String: Any])
                let rate =
                    scenario["request_rate"].map { ($0 as? String) ?? NumberFormatting.plain($0 as! Double) } ?? "?"
                #expect(result.key.scenario.hasPrefix("rate \(rate)"), "\(place): \(result.key.scenario)")
                if let concurrency = scenario["max_concurrency"] as? Int {
                    #expect(result.key.scenario.contains("concurrency \(concurrency)"), "\(place)")
                }
                if !repetitions {
                    let raw = try rawRecords(folder.appendingPathComponent(file))[index]
                    #expect(
                        close(
                            result.metrics[.throughput]?.value(.mean),
                            (raw["output_throughput"] ?? raw["output_token_throughput"]) as? Double), "\(place)")
                    if let completed = record["completed"] as? Int, let failed = record["failed"] as? Int {
                        #expect(result.requests == completed + failed && result.failures == failed, "\(place)")
                    }
                }
                guard let recomputed = record["recomputed"] as? [String: Any], !repetitions else { continue }
                func check(_ metric: Metric, _ key: String, tolerance: Double = 1e-9) throws {
                    guard let figures = recomputed[key] as? [String: Double] else { return }
                    let computed = try #require(result.metrics[metric]?.computed, "\(place) \(metric)")
                    #expect(computed.count == Int(figures["n"] ?? -1), "\(place) \(metric) n")
                    for (name, statistic) in [("mean", Statistic.mean), ("median", .p50), ("p99", .p99), ("max", .max)]
                    {
                        #expect(
                            close(computed[statistic], figures[name].map { $0 / 1000 }, tolerance),
                            "\(place) \(metric) \(name)")
                    }
                }
                try check(.timeToFirstToken, "ttft_ms")
                if file == "vllm-0.5.4.json" {
                    // That version put each request's time to the first token among its gaps; benchsite leaves it out.
                    let raw = try rawRecords(folder.appendingPathComponent(file))[0]
                    let ttfts = raw["ttfts"] as! [Double], itls = raw["itls"] as! [[Double]]
                    let gaps = zip(ttfts, itls).filter { $0.0 > 0 }.flatMap { $0.1.dropFirst() }
                    #expect(result.metrics[.interTokenLatency]?.computed?.count == gaps.count)
                    #expect(
                        close(
                            result.metrics[.interTokenLatency]?.computed?.mean, gaps.reduce(0, +) / Double(gaps.count),
                            1e-12))
                    #expect(analysis.history.runs[0].source.notes.contains { $0.contains("0.5.1 to 0.5.4") })
                } else {
                    try check(.interTokenLatency, "itl_ms_pooled")
                }
                try check(.latency, "e2e_ms")
                try check(.timePerOutputToken, "tpot_ms", tolerance: 1e-6)
                #expect(
                    result.contradictions.isEmpty || file.contains("0.4.") || file.contains("0.5.4")
                        || file.contains("sglang"), "\(place): \(result.contradictions)")
            }
        }
        // The swapped mean and median of vLLM 0.6.0 to 0.6.3 are read the right way round.
        let (swapped, _) = analyze([folder.appendingPathComponent("vllm-0.6.3-e2el-swapped.json")])
        let e2e = try #require(results(swapped).first?.result.reported[.latency])
        let raw = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("vllm-0.6.3-e2el-swapped.json"))) as? [String: Any]
        )
        #expect(
            close(e2e[.p50], (raw["mean_e2el_ms"] as? Double).map { $0 / 1000 })
                && close(e2e[.mean], (raw["median_e2el_ms"] as? Double).map { $0 / 1000 }))
        // A sweep folder reads each point once (run=N.json beside summary.json are the same runs).
        let (sweep, _) = analyze([folder.appendingPathComponent("vllm-sweep-0.33.0")])
        #expect(sweep.history.runs.count == 4)
        #expect(Set(results(sweep).map(\.key.scenario)).count == 4)
        #expect(
            results(sweep).allSatisfy { $0.key.scenario.contains("max_num_seqs=") && $0.result.samples.count == 24 })
    }

    @Test(
        "Foundry Local workshop: every version's output (session 3 script, guide and notebooks, session 4 script and notebook, PowerShell's UTF-16, two runs in one capture)"
    )
    func foundryWorkshop() throws {
        let folder = Self.tools.appendingPathComponent("foundry-workshop")
        let files = try #require(try expected("foundry-workshop")["files"] as? [String: [String: Any]])
        for (file, expectation) in files {
            let url = folder.appendingPathComponent(file)
            let ingested = Ingest.read(
                paths: [url.path], options: IngestOptions(fallbackDate: Timestamp(iso8601: "2026-10-01")))
            guard expectation["json_found"] as? Bool == true else {
                #expect(
                    ingested.runs.isEmpty
                        && ingested.diagnostics.contains { $0.message.contains("no JSON document found") }, "\(file)")
                continue
            }
            #expect(!ingested.diagnostics.contains { $0.severity == .error }, "\(file): \(ingested.diagnostics)")
            let results = ingested.runs.flatMap(\.results)
            let models = try #require(expectation["models"] as? [[String: Any]])
            #expect(results.count == models.count, "\(file): every model of every run in the capture")
            if file.contains("appended") { #expect(ingested.runs.count == 2) }
            for (index, model) in models.enumerated() where index < results.count {
                let result = results[index]
                let place = "\(file): \(model["model"] as? String ?? "?")"
                #expect(result.subject == model["model"] as? String, "\(place)")
                // A model id only the log names still tells the device.
                let scenario = (model["scenario_if_log_read"] as? String) ?? (model["scenario"] as? String)
                #expect(result.scenario == scenario, "\(place): \(result.scenario)")
                let status = try #require(model["status"] as? String)
                #expect(result.status.rawValue == status, "\(place): \(result.status)")
                #expect(result.configuredRequests == model["rounds_planned"] as? Int, "\(place)")
                #expect(result.reportedSuccesses == model["rounds_ok"] as? Int, "\(place)")
                let figures = model["figures_s"] as? [String: Double] ?? [:]
                for (name, metric, statistic) in [
                    ("latency_mean", Metric.latency, Statistic.mean), ("latency_p95", .latency, .p95),
                    ("latency_min", .latency, .min),
                    ("latency_max", .latency, .max), ("ttft_mean", .timeToFirstToken, .mean),
                ] {
                    guard let value = figures[name] else { continue }
                    #expect(close(result.reported[metric]?[statistic], value, 1e-9), "\(place) \(name)")
                }
                if !file.hasPrefix("s04") && !file.hasPrefix("real-s04"), let throughput = figures["throughput_mean"] {
                    #expect(close(result.reported[.throughput]?[.mean], throughput, 1e-9), "\(place) throughput")
                }
            }
        }
        // The throughput is labelled for what it is.
        let notebook = Ingest.read(
            paths: [folder.appendingPathComponent("s03-nb-e0f421db-auto-allcells.txt").path], options: IngestOptions())
        #expect(notebook.runs.first?.source.notes.contains { $0.contains("prompt and completion tokens") } == true)
        #expect(notebook.runs.first?.source.format == "Foundry Local workshop (notebook)")
    }
}
