import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Foundry Local workshop outputs")
struct FoundryWorkshopTests {
    @Test("the session 3 notebook's captured output in the shared corpus")
    func corpusNotebook() throws {
        let path = corpusFolder.appendingPathComponent("foundry-local/session03-notebook-output.txt").path
        let result = Ingest.read(paths: [path])
        #expect(result.files.first?.format == "foundry-workshop")
        let run = try #require(result.runs.first)
        #expect(run.results.map(\.subject) == ["phi-4-mini", "gpt-oss-20b"])
        #expect(run.results.allSatisfy { $0.scenario == "gpu" })
        let phi = run.results[0]
        #expect(phi.subjectID == "Phi-4-mini-instruct-cuda-gpu:4")
        #expect(phi.reported[.latency]?[.mean] == 38.81543548901876)
        #expect(phi.reported[.latency]?.fields[.p95] == "latency_p95_s")
        #expect(phi.reported[.throughput]?[.mean] == 4.6117357291016745)
        #expect(phi.reportedSuccesses == 3 && phi.configuredRequests == 3)
        let gpt = Analyzer.figures(run.results[1])
        #expect(
            gpt.contradictions.contains {
                $0.sentence.contains("latency_p95_s (220.7) is above the reported latency_max_s (191.8)")
            })
        #expect(run.results[1].sampleOutput?.hasPrefix("<|channel|>analysis") == true)
        #expect(result.diagnostics.contains { $0.message.contains("no date") })
    }

    @Test("the corpus notebook builds a site whose run page shows the contradiction and escapes the output")
    func corpusSite() throws {
        let path = corpusFolder.appendingPathComponent("foundry-local").path
        let (files, report) = try generateSite(
            BuildOptions(
                inputs: [path], outputDirectory: "/unused",
                ingest: IngestOptions(fallbackDate: Timestamp(iso8601: "2025-11-01"))))
        #expect(report.runs == 1)
        let page = String(decoding: try #require(files["runs/session03-notebook-output.html"]), as: UTF8.self)
        #expect(page.contains("&lt;|channel|&gt;analysis&lt;|message|&gt;"))
        #expect(page.contains("is above the reported latency_max_s"))
        #expect(files["index.html"] != nil && files["models/gpt-oss-20b.html"] != nil)
    }

    @Test("the script's stdout: [INFO] lines, then the JSON; aliases only")
    func scriptStdout() throws {
        let text = """
            [INFO] Benchmarking 2 models with 3 rounds each
            [INFO] Prompt: Explain retrieval augmented generation briefly.
              Round 1/3: 1.234s (130 tokens)

            [BENCHMARK RESULTS]
            [
              {"alias": "phi-4-mini", "latency_avg": 1.5, "latency_p95": 1.9, "tokens_per_sec_avg": 80.0, "rounds": 3, "first_token_latency_avg": 0.12},
              {"alias": "qwen2.5-0.5b", "latency_avg": 0.5, "latency_p95": 0.6, "tokens_per_sec_avg": 200.0, "rounds": 3}
            ]
            """
        let result = Ingest.read(SourceFile(path: "2026-10-01-bench.txt", bytes: Array(text.utf8)))
        #expect(result.diagnostics.isEmpty)
        let run = try #require(result.runs.first)
        #expect(run.timestamp == Timestamp(iso8601: "2026-10-01"))
        #expect(run.timestampSource == .fileName)
        #expect(run.results.count == 2 && run.results[0].scenario == "default")
        #expect(run.results[0].reported[.timeToFirstToken]?[.mean] == 0.12)
        #expect(run.results[0].reported[.latency]?[.p95] == 1.9)
    }

    @Test("entries marked failed by status or error")
    func failedEntries() throws {
        let text = """
            [{"alias": "a", "status": "failed", "error": "Model not found"},
             {"model": "b", "error": "timeout", "rounds": 3},
             {"alias": "c", "status": "ok", "latency_avg": 2.0, "rounds": 3}]
            """
        let run = try #require(Ingest.read(SourceFile(path: "2026-10-01.json", bytes: Array(text.utf8))).runs.first)
        #expect(run.results.map(\.status) == [.failed, .failed, .ok])
        #expect(run.results[0].error == "Model not found")
        let analysis = Analyzer.figures(run.results[1])
        #expect(analysis.failures == 3)
    }

    @Test("models.json, prompts.json and quality annotations are metadata")
    func metadataFiles() throws {
        let models = Ingest.read(
            SourceFile(
                path: "models.json",
                bytes: Array(#"{"phi-4-mini": {"capabilities": ["chat"], "size_mb": 3720, "license": "MIT"}}"#.utf8)))
        #expect(models.metadata.models["phi-4-mini"]?.sizeMB == 3720)
        #expect(models.metadata.models["phi-4-mini"]?.capabilities == ["chat"])
        let prompts = Ingest.read(SourceFile(path: "prompts.json", bytes: Array(#"["one", "two"]"#.utf8)))
        #expect(prompts.metadata.promptSets.first?.prompts == ["one", "two"])
        let quality = Ingest.read(
            SourceFile(
                path: "q.json",
                bytes: Array(
                    #"{"scores": [{"model": "m", "prompt": "p", "score": 4}, {"model": "m", "prompt": "p", "score": 9}]}"#
                        .utf8)))
        #expect(quality.metadata.qualityScores.count == 1)
        #expect(quality.diagnostics.first?.message.contains("from 1 to 5") == true)
    }

    @Test("a model list's own keys are row labels on the model page")
    func metadataLabels() {
        #expect(PageComposer.label(ofKey: "publisher") == "Publisher")
        #expect(PageComposer.label(ofKey: "max_output_tokens") == "Max output tokens")
        #expect(PageComposer.label(ofKey: "") == "")
    }

    @Test("the Foundry model id names the scenario")
    func scenarioFromModelID() {
        #expect(FoundryWorkshopFormat.scenario(forModelID: "Phi-4-mini-instruct-cuda-gpu:4") == "gpu")
        #expect(FoundryWorkshopFormat.scenario(forModelID: "qwen2.5-0.5b-instruct-generic-cpu:3") == "cpu")
        #expect(FoundryWorkshopFormat.scenario(forModelID: "phi-4-mini") == "default")
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test func iso8601() {
        #expect(Timestamp(iso8601: "2026-10-01T02:00:00Z")?.iso8601 == "2026-10-01T02:00:00Z")
        #expect(Timestamp(iso8601: "2026-10-01T04:00:00+02:00") == Timestamp(iso8601: "2026-10-01T02:00:00Z"))
        #expect(Timestamp(iso8601: "2026-10-01")?.display == "2026-10-01 00:00 UTC")
        #expect(
            Timestamp(iso8601: "2026-10-01 02:00:00.5")?.secondsSince1970 == Timestamp(iso8601: "2026-10-01T02:00:00Z")!
                .secondsSince1970 + 0.5)
        #expect(Timestamp(iso8601: "yesterday") == nil)
        #expect(Timestamp(iso8601: "2026-13-01") == nil)
    }

    @Test(
        "dates in file and folder names",
        arguments: [
            ("results/2026-10-01.json", "2026-10-01T00:00:00Z"),
            ("0001_b87b9aae_20150814_190343_uncommitted-changes.json", "2015-08-14T19:03:43Z"),
            ("2026-10-05/bench.json", "2026-10-05T00:00:00Z"),
            ("run-20261003T0215.json", "2026-10-03T00:00:00Z"),
            ("bench.json", ""),
        ])
    func dateInPath(pair: (String, String)) {
        #expect(DateInPath.find(in: pair.0)?.iso8601 ?? "" == pair.1)
    }
}
