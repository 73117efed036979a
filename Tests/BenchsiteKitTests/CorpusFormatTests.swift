import Foundation
import Testing

@testable import BenchsiteKit

/// Every file in ../shared/corpus, read with concrete numbers checked against the file (or numpy on its raw samples).
@Suite("Real tool outputs (shared corpus)")
struct CorpusFormatTests {
    func read(_ relative: String) -> IngestResult {
        Ingest.read(
            paths: [corpusFolder.appendingPathComponent(relative).path],
            options: IngestOptions(displayBase: corpusFolder.path))
    }

    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("the whole corpus builds one site, and summary.csv agrees with numpy on every series with raw samples")
    func wholeCorpus() throws {
        let (files, report) = try generateSite(
            BuildOptions(
                inputs: [corpusFolder.path], outputDirectory: "/unused",
                ingest: IngestOptions(displayBase: corpusFolder.path)))
        #expect(
            report.diagnostics.allSatisfy { $0.severity == .warning },
            "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.runs == 72)
        let csv = String(decoding: try #require(files["data/summary.csv"]), as: UTF8.self)
        var table: [String: [String]] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = parseCSVLine(String(line))
            table["\(fields[0])|\(fields[2])|\(fields[3])|\(fields[4])"] = fields
        }
        struct Row: Decodable {
            var run_id: String, model: String, scenario: String, metric: String, n: Int
            var mean: Double, stddev: Double?, min: Double, p50: Double, p90: Double, p95: Double, p99: Double,
                max: Double
        }
        struct Fixture: Decodable { var rows: [Row] }
        let fixture = try JSONDecoder().decode(
            Fixture.self, from: Data(contentsOf: fixturesFolder.appendingPathComponent("corpus-numpy.json")))
        #expect(fixture.rows.count > 150)
        for row in fixture.rows {
            let key = "\(row.run_id)|\(row.model)|\(row.scenario)|\(row.metric)"
            guard let fields = table[key] else {
                Issue.record("summary.csv has no row \(key)")
                continue
            }
            #expect(Int(fields[6]) == row.n, "\(key) n")
            #expect(fields[15] == "computed", "\(key) source")
            let expected: [Double?] = [row.mean, row.stddev, row.min, row.p50, row.p90, row.p95, row.p99, row.max]
            for (offset, value) in expected.enumerated() {
                guard let value else { continue }
                #expect(
                    close(Double(fields[7 + offset]), value, 1e-9),
                    "\(key) column \(7 + offset): \(fields[7 + offset]) vs numpy \(value)")
            }
        }
    }

    @Test("vLLM JSON Lines: one scenario per record, ms converted to s, date read as UTC")
    func vllm() throws {
        let result = read("vllm/results.jsonl")
        #expect(result.files.first?.format == "vllm")
        let run = try #require(result.runs.first)
        #expect(run.results.count == 9)
        #expect(run.timestamp?.iso8601 == "2025-05-30T19:47:38Z")
        #expect(run.source.notes.contains { $0.contains("as UTC") })
        let first = run.results[0]
        #expect(first.subject == "meta-llama/Llama-3.2-3B-Instruct")
        #expect(first.scenario == "rate 10, deployment=no-features")
        #expect(close(first.reported[.timeToFirstToken]?[.p50], 0.052868896000063614))
        #expect(close(first.reported[.timeToFirstToken]?[.p99], 0.09869780922984769))
        #expect(first.reported[.timeToFirstToken]?.fields[.p99] == "p99_ttft_ms")
        #expect(close(first.reported[.throughput]?[.mean], 2258.212337970085))
        #expect(first.reportedSuccesses == 300)
        #expect(run.labels.contains(KeyValue("gpu", "4xNVIDIA_L40S")))
        #expect(!run.source.unreadFields.contains("request_goodput:"))
    }

    @Test("llmperf: a summary and its individual responses are one run")
    func llmperf() throws {
        let result = read("llmperf")
        #expect(result.runs.count == 19)
        let run = try #require(result.runs.first { $0.source.file == "llmperf/summary/anyscale_13b.json" })
        #expect(run.timestamp == Timestamp(secondsSince1970: 1703136016))
        #expect(run.source.tool == "llmperf 2023-08-31")
        let r = try #require(run.results.first)
        #expect(r.subject == "meta-llama/Llama-2-13b-chat-hf" && r.scenario == "concurrency 5")
        #expect(r.samples.count == 150)
        #expect(close(r.reported[.timeToFirstToken]?[.p99], 0.4964714485800012))
        #expect(close(r.samples[0].latency, 1.5281514210000182))
        #expect(run.source.notes.contains { $0.contains("individual/anyscale_13b.json") })
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("AIPerf: aggregates only, in ms, with the model from input_config")
    func aiperf() throws {
        let run = try #require(read("aiperf/profile_export_aiperf.json").runs.first)
        // AIPerf 0.3 wrote no version; its keys tell (time_to_first_output_token, prefill_throughput).
        #expect(run.source.tool == "AIPerf 0.3 (the file names no version)" && run.source.aggregatesOnly)
        let r = try #require(run.results.first)
        #expect(r.subject == "openai/gpt-oss-20b")
        #expect(r.samples.isEmpty)
        #expect(close(r.reported[.latency]?[.p50], 5.230033456499999))
        #expect(close(r.reported[.timeToFirstToken]?[.p99], 0.09964934874000001))
        // The whole run's output_token_throughput, not the per-user rate (55.49).
        #expect(close(r.reported[.throughput]?[.mean], 54.55756456668085) && r.throughputScope == .benchmark)
        #expect(r.reportedSuccesses == 100)
        #expect(run.timestamp?.iso8601 == "2026-01-15T06:27:34Z")
    }

    @Test("llama-bench: repetitions as samples, one series per model and test")
    func llamaBench() throws {
        let run = try #require(read("llama-bench/llama-bench.json").runs.first)
        #expect(run.results.count == 2)
        let r = run.results[0]
        #expect(r.subject == "Snowpiercer-15B-v1.Q3_K_L" && r.scenario == "pp8192")
        #expect(r.samples.count == 5)
        #expect(close(r.samples[0].latency, 2.705811935))
        #expect(r.samples[0].tokensPerSecond == 3027.56)
        #expect(run.timestamp?.iso8601 == "2025-06-08T22:17:33Z")
        #expect(run.versionControl?.commit == "247e5c6e")
        #expect(run.environment.gpu == "NVIDIA GeForce RTX 4090")
    }

    @Test("hyperfine: times as samples, the command as subject")
    func hyperfine() throws {
        let run = try #require(read("hyperfine/1brc.json").runs.first)
        let r = run.results[0]
        #expect(r.subject == "cargo run --release --bin 1brc measurements_1000000000.txt")
        #expect(r.samples.count == 3)
        let stats = try #require(SampleStatistics(r.samples.compactMap(\.latency)))
        #expect(close(stats.p50, 11.81813333352))
        #expect(close(r.reported[.latency]?[.mean], 11.61481411152))
    }

    @Test("Google Benchmark: iterations as samples, aggregates as reported, time units converted")
    func googleBenchmark() throws {
        let result = read("google-benchmark")
        #expect(result.runs.count == 10)
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        let run = try #require(result.runs.first { $0.source.file == "google-benchmark/test3_run0.json" })
        #expect(run.timestamp?.iso8601 == "2016-08-02T17:44:46Z")
        #expect(run.environment.cpu == "4 CPUs at 4228 MHz")
        let two = try #require(run.results.first { $0.subject == "BM_Two" })
        #expect(two.samples.count == 2)
        #expect(close(two.samples[0].latency, 9e-9) && close(two.samples[0].cpuTime, 90e-9))
        let withAggregates = try #require(result.runs.first { $0.source.file == "google-benchmark/test1_run1.json" })
        // Complexity rows describe a family: a note each, no series of their own.
        #expect(
            withAggregates.source.notes.contains { $0.contains("complexity O(") }
                && withAggregates.source.notes.contains { $0.contains("RMS") })
        #expect(!withAggregates.results.contains { $0.subject.hasSuffix("_BigO") || $0.subject.hasSuffix("_RMS") })
        let seconds = try #require(withAggregates.results.first { $0.subject == "BM_NotBadTimeUnit" })
        #expect(seconds.samples.first?.latency == 0.4 && seconds.samples.first?.cpuTime == 0.5)
    }

    @Test("pytest-benchmark autosave folder: 30 runs over time with commit and machine")
    func pytestBenchmark() throws {
        let result = read("pytest-benchmark")
        #expect(result.runs.count == 30)
        let history = HistoryBuilder.build(
            runs: result.runs, metadata: result.metadata, diagnostics: DiagnosticBuffer())
        #expect(
            history.runs.first?.timestamp?.iso8601 == "2015-08-15T00:01:46Z" || history.runs.first?.timestamp != nil)
        let first = try #require(result.runs.first { $0.source.file.hasPrefix("pytest-benchmark/0001_") })
        #expect(
            first.versionControl?.commit == "5b78858eb718649a31fb93d8dc96ca2cee41a4cd"
                && first.versionControl?.dirty == true)
        #expect(first.environment.host == "minibox")
        let r = try #require(first.results.first { $0.subject == "tests/test_normal.py::test_xfast_parametrized[0]" })
        #expect(close(r.reported[.latency]?[.mean], 2.622408132654948e-07))
        #expect(r.reported[.latency]?[.count] == 9987)
        #expect(first.source.aggregatesOnly)
    }
}

/// Variants the corpus lacks, written here.
@Suite("Format fixtures")
struct FormatFixtureTests {
    func ingest(_ name: String, _ text: String) -> IngestResult {
        Ingest.read(SourceFile(path: name, bytes: Array(text.utf8)))
    }

    @Test("vLLM with per-request arrays becomes raw samples")
    func vllmArrays() throws {
        let text = """
            {"date": "20250601-120000", "backend": "vllm", "model_id": "m", "request_rate": "inf", "completed": 3, "failed": 1,
             "request_throughput": 2.0, "output_throughput": 50.0, "mean_ttft_ms": 100.0, "median_ttft_ms": 90.0, "p99_ttft_ms": 150.0,
             "ttfts": [0.1, 0.08, 0.12, 0.0], "itls": [[0.01, 0.02], [0.01, 0.01, 0.01], [0.03], []],
             "input_lens": [10, 10, 10, 10], "output_lens": [3, 4, 2, 0], "errors": ["", "", "", "Timeout"], "run": "nightly"}
            """
        let result = ingest("bench.json", text)
        let r = try #require(result.runs.first?.results.first)
        #expect(r.scenario == "rate inf")
        #expect(r.samples.count == 4 && r.samples.filter(\.ok).count == 3)
        #expect(r.samples[1].latency == 0.08 + 0.03)
        #expect(r.samples[0].interTokenLatency == 0.015)
        #expect(r.samples[3].error == "Timeout")
        #expect(r.status == .partial)
        let analysis = Analyzer.figures(r)
        #expect(analysis.metrics[.timeToFirstToken]?.computed?.p50 == 0.1)
        #expect(analysis.failures == 1)
        #expect(result.runs[0].labels.contains(KeyValue("run", "nightly")))
    }

    @Test("Ollama responses as a JSON array and as JSON Lines", arguments: ["array", "lines"])
    func ollama(layout: String) throws {
        let records = [
            #"{"model": "llama3.2", "created_at": "2025-02-01T10:00:00.123456789Z", "response": "Hi <b>", "done": true, "total_duration": 2000000000, "load_duration": 100000000, "prompt_eval_count": 10, "prompt_eval_duration": 200000000, "eval_count": 50, "eval_duration": 1500000000}"#,
            #"{"model": "llama3.2", "created_at": "2025-02-01T10:00:05Z", "done": true, "total_duration": 3000000000, "load_duration": 0, "prompt_eval_count": 10, "prompt_eval_duration": 100000000, "eval_count": 80, "eval_duration": 2500000000}"#,
            #"{"model": "qwen2.5", "created_at": "2025-02-01T10:01:00Z", "done": true, "total_duration": 1000000000, "eval_count": 40, "eval_duration": 800000000}"#,
        ]
        let text = layout == "array" ? "[" + records.joined(separator: ",\n") + "]" : records.joined(separator: "\n")
        let result = ingest("ollama.json", text)
        #expect(result.files.first?.format == "ollama")
        let run = try #require(result.runs.first)
        #expect(run.timestamp?.iso8601 == "2025-02-01T10:00:00Z")
        #expect(run.results.map(\.subject) == ["llama3.2", "qwen2.5"])
        let s = run.results[0].samples[0]
        #expect(s.latency == 2.0 && s.timeToFirstToken == 0.3)
        #expect(abs(s.tokensPerSecond! - 50 / 1.5) < 1e-12)
        #expect(s.output == "Hi <b>")
    }

    @Test("llama-bench JSON Lines")
    func llamaBenchLines() throws {
        let text = """
            {"build_commit": "abc1234", "build_number": 6000, "cpu_info": "Apple M2", "gpu_info": "", "backends": "Metal", "model_filename": "/models/qwen2.5-0.5b-q4_0.gguf", "model_type": "qwen2 0.5B Q4_0", "n_prompt": 512, "n_gen": 0, "n_depth": 0, "test_time": "2025-07-01T08:00:00Z", "avg_ns": 20000000, "stddev_ns": 1000000, "avg_ts": 25600.0, "stddev_ts": 1280.0, "samples_ns": [19000000, 20000000, 21000000], "samples_ts": [26947.4, 25600.0, 24381.0]}
            {"build_commit": "abc1234", "build_number": 6000, "cpu_info": "Apple M2", "gpu_info": "", "backends": "Metal", "model_filename": "/models/qwen2.5-0.5b-q4_0.gguf", "model_type": "qwen2 0.5B Q4_0", "n_prompt": 0, "n_gen": 128, "n_depth": 0, "test_time": "2025-07-01T08:00:05Z", "avg_ns": 1000000000, "stddev_ns": 0, "avg_ts": 128.0, "stddev_ts": 0, "samples_ns": [1000000000, 1000000000], "samples_ts": [128.0, 128.0]}
            """
        let run = try #require(ingest("bench.jsonl", text).runs.first)
        #expect(run.results.map(\.scenario) == ["pp512", "tg128"])
        #expect(run.results[0].samples.count == 3 && run.results[0].samples[1].latency == 0.02)
        #expect(run.source.tool == "llama-bench build 6000 (abc1234)")
    }

    @Test("pytest-benchmark with stats.data reads raw rounds")
    func pytestData() throws {
        let text = """
            {"machine_info": {"node": "ci-1", "system": "Linux", "release": "6.1", "cpu": {"brand_raw": "Intel Xeon"}},
             "commit_info": {"id": "deadbeef", "branch": "main", "dirty": false},
             "benchmarks": [{"group": "parse", "name": "test_parse", "fullname": "tests/test_x.py::test_parse",
               "stats": {"min": 0.001, "max": 0.004, "mean": 0.0025, "stddev": 0.00129, "rounds": 4, "median": 0.0025, "data": [0.001, 0.002, 0.003, 0.004]}}],
             "datetime": "2025-03-01T12:00:00.000000+00:00", "version": "5.1.0"}
            """
        let run = try #require(ingest("0001_deadbeef_20250301_120000.json", text).runs.first)
        let r = run.results[0]
        #expect(r.scenario == "parse" && r.samples.count == 4)
        #expect(Analyzer.figures(r).metrics[.latency]?.computed?.p50 == 0.0025)
        #expect(run.environment.cpu == "Intel Xeon" && run.versionControl?.branch == "main")
        #expect(!run.source.aggregatesOnly)
    }

    @Test("Google Benchmark NaN and Infinity literals are accepted")
    func googleBenchmarkNonFinite() throws {
        let text = """
            {"context": {"date": "2024-01-01T00:00:00+00:00", "host_name": "h"}, "benchmarks": [
             {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "iterations": 10, "real_time": 5.0, "cpu_time": 4.0, "time_unit": "us"},
             {"name": "BM_A_mean", "run_name": "BM_A", "run_type": "aggregate", "aggregate_name": "mean", "real_time": 5.5, "cpu_time": 4.5, "time_unit": "us"},
             {"name": "BM_A_cv", "run_name": "BM_A", "run_type": "aggregate", "aggregate_name": "cv", "real_time": NaN, "cpu_time": Infinity, "time_unit": "us"}]}
            """
        let result = ingest("gb.json", text)
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        let r = try #require(result.runs.first?.results.first)
        #expect(r.samples.count == 1 && abs(r.samples[0].latency! - 5e-6) < 1e-18)
        #expect(abs(r.reported[.latency]![.mean]! - 5.5e-6) < 1e-18)
        // cv is a fraction of the mean, derivable and not shown: it is read, not listed as unread, and draws nothing.
        #expect(!result.runs[0].source.unreadFields.contains("aggregate \"cv\"") && result.runs[0].results.count == 1)
    }

    @Test("a file that matches no format names the closest formats and the missing keys")
    func closestFormats() throws {
        let result = ingest("x.json", #"{"results": [{"command": "sleep 1", "runs": 3}]}"#)
        let message = try #require(result.diagnostics.first?.message)
        #expect(message.contains("closest formats: hyperfine (missing \"times\", \"mean\")"))
    }

    @Test("--format forces a format")
    func forcedFormat() {
        let result = Ingest.read(
            SourceFile(path: "p.json", bytes: Array(#"["a", "b"]"#.utf8)),
            options: IngestOptions(forcedFormat: "prompts"))
        #expect(result.files.first?.format == "prompts")
    }
}

func parseCSVLine(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var iterator = Array(line).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                } else {
                    quoted = false
                }
            } else {
                current.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            fields.append(current)
            current = ""
        } else {
            current.append(c)
        }
    }
    fields.append(current)
    return fields
}
