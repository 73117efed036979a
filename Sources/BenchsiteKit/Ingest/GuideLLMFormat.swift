/// GuideLLM `benchmarks.json` (`guidellm benchmark --output-path`, `guidellm run --output kind=json`),
/// every layout from 0.1 to 0.8: one result per benchmark (load level) of the file.
///
/// - 0.1: `benchmarks[].benchmarks[]` of `{mode, rate, results[], errors[]}`, no statistics; each
///   result has `start_time`/`end_time` (epoch s), `first_token_time` (s after the start) and every
///   gap between tokens (`decode_times.data`, s). The model is in `benchmarks[].args.model`.
/// - 0.2, 0.3: the model in `worker.backend_model`, the load in `args.strategy`; statistics blocks
///   `metrics.<name>.successful` (0.2 has no `p50`: its `median`); records `requests.successful[]`
///   with epoch times and per-request figures.
/// - 0.4 to 0.8: the model in `config.backend.model`, the load in `config.strategy` (`streams`,
///   `rate`); counts in `metrics.request_totals`; records with `info.timings` and `info.error`, which
///   include warmup and cooldown requests outside `[start_time, end_time]` (left out here).
///
/// The records are the samples when every successful request is there (not when GuideLLM kept a
/// sample of them). GuideLLM's inter-token latency weighs each request by its gaps (output tokens − 1):
/// benchsite pools the same way. Its output throughput (`output_tokens_per_second.successful.mean`)
/// is the whole benchmark's. Its percentiles take the first value at or past each rank, so a median
/// of an even number of requests can differ from the interpolated one benchsite shows.
struct GuideLLMFormat: InputFormat {
    let signature = ["benchmarks", "metrics", "requests", "request_totals", "config", "worker"]
    let name = "guidellm"
    let displayName = "GuideLLM benchmarks"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let first = root["benchmarks"]?.arrayElements?.first else { return false }
        if first["benchmarks"]?.arrayElements?.first?["results"] != nil, first["args"] != nil { return true }  // 0.1
        return first["metrics"]?.objectMembers != nil && first["requests"] != nil
            && (first["config"] != nil || first["worker"] != nil
                || first["type_"]?.stringValue == "generative_benchmark")
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let benchmarks = reader.array(root, "benchmarks", in: "the file") else {
            return FormatOutput()
        }
        var results: [RunResult] = []
        var earliest: Timestamp?
        var notes: [String] = []
        let version = root["metadata"]?["guidellm_version"]?.stringValue
        let legacy = benchmarks.first?["benchmarks"] != nil
        for (index, benchmark) in benchmarks.enumerated() {
            let place = "benchmarks[\(index)]"
            guard benchmark.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(benchmark.kindDescription)", at: benchmark)
                continue
            }
            if legacy {
                let args = benchmark["args"]
                let model = args?["model"]?.stringValue ?? FormatSupport.stem(reader.file.path)
                for (j, inner) in (reader.array(benchmark, "benchmarks", in: place) ?? []).enumerated() {
                    if let result = legacyResult(
                        inner, model: model, args: args, place: "\(place).benchmarks[\(j)]", reader: &reader,
                        earliest: &earliest)
                    {
                        results.append(result)
                    }
                }
                continue
            }
            if let result = self.result(benchmark, place: place, reader: &reader, notes: &notes) {
                if let start = benchmark["start_time"]?.numberValue, let stamp = Timestamp(epochSeconds: start) {
                    if earliest.map({ stamp < $0 }) ?? true { earliest = stamp }
                }
                results.append(result)
            }
        }
        var source = RunSource(
            format: displayName, file: reader.file.path,
            tool: "GuideLLM" + (version.map { " \($0)" } ?? (legacy ? " 0.1" : "")))
        source.notes = notes
        source.notes.append(
            "Throughput is the whole benchmark's output tokens per second; inter-token latency weighs each request by its output tokens (as GuideLLM does). GuideLLM's own percentiles take the first value at or past each rank: a median here, interpolated, can differ slightly from its console."
        )
        source.aggregatesOnly = results.allSatisfy { $0.samples.isEmpty }
        if let python = root["metadata"]?["python_version"]?.stringValue { source.notes.append("Python \(python).") }
        var environment = Environment()
        environment.os = root["metadata"]?["platform"]?.stringValue
        let run = Run(
            id: "", timestamp: earliest, timestampSource: earliest == nil ? nil : .file, source: source,
            environment: environment, results: results)
        return FormatOutput(runs: [run])
    }

    /// `synchronous`, `concurrent 4`, `constant 5`, `poisson 2.5`, `throughput`: GuideLLM's load level.
    static func scenario(_ strategy: JSONNode?) -> String {
        guard let strategy else { return "default" }
        let type = strategy["type_"]?.stringValue ?? strategy["kind"]?.stringValue ?? "default"
        func number(_ key: String) -> String? {
            strategy[key]?.numberValue.map { NumberFormatting.significant($0, 4).trimmingTrailingZeros }
        }
        switch type {
        case "concurrent": return number("streams").map { "concurrent \($0)" } ?? "concurrent"
        case "constant", "poisson": return number("rate").map { "\(type) \($0)" } ?? type
        case "trace": return number("time_scale").map { "trace \($0)" } ?? "trace"
        default: return type
        }
    }

    private func result(
        _ benchmark: JSONNode, place: String, reader: inout FieldReader, notes: inout [String]
    ) -> RunResult? {
        let config = benchmark["config"]
        let model = config?["backend"]?["model"]?.stringValue ?? benchmark["worker"]?["backend_model"]?.stringValue
        guard let model, !model.isEmpty else {
            reader.error(
                "expected the model in \(place).config.backend.model (or worker.backend_model); the benchmark is skipped",
                at: benchmark)
            return nil
        }
        let strategy = config?["strategy"] ?? benchmark["args"]?["strategy"]
        var result = RunResult(subject: model, scenario: Self.scenario(strategy))
        result.throughputScope = .benchmark
        let metrics = benchmark["metrics"]
        let totals = metrics?["request_totals"] ?? benchmark["request_totals"]
        let successes = reader.count(totals?["successful"], named: "request_totals.successful", in: place)
        let errors = reader.count(totals?["errored"], named: "request_totals.errored", in: place) ?? 0
        let incomplete = reader.count(totals?["incomplete"], named: "request_totals.incomplete", in: place) ?? 0
        if incomplete > 0 {
            notes.append(
                "\(result.scenario): \(incomplete) request\(incomplete == 1 ? " was" : "s were") still running when the benchmark ended (not counted)."
            )
        }
        // Reported statistics of the successful requests, by what benchsite calls them.
        let blocks: [(key: String, metric: Metric, scale: Double)] = [
            ("request_latency", .latency, 1), ("time_to_first_token_ms", .timeToFirstToken, 1e-3),
            ("inter_token_latency_ms", .interTokenLatency, 1e-3),
        ]
        for (key, metric, scale) in blocks {
            guard let block = metrics?[key]?["successful"], block.objectMembers != nil else { continue }
            var stats = ReportedStatistics()
            stats.approximatePercentiles = true
            let percentiles = block["percentiles"]
            for (name, statistic, node) in [
                ("mean", Statistic.mean, block["mean"]), ("std_dev", .stddev, block["std_dev"]),
                ("min", .min, block["min"]),
                ("max", .max, block["max"]), ("median", .p50, block["median"] ?? percentiles?["p50"]),
                ("p90", .p90, percentiles?["p90"]),
                ("p95", .p95, percentiles?["p95"]), ("p99", .p99, percentiles?["p99"]),
            ] {
                if let value = node?.numberValue, value.isFinite, value >= 0 {
                    stats.set(statistic, value * scale, field: "metrics.\(key).successful.\(name)")
                }
            }
            if let successes { stats.set(.count, Double(successes), field: "request_totals.successful") }
            if !stats.isEmpty { result.reported[metric] = stats }
        }
        if let throughput = metrics?["output_tokens_per_second"]?["successful"]?["mean"]?.numberValue,
            throughput.isFinite, throughput >= 0
        {
            var stats = ReportedStatistics()
            stats.set(.mean, throughput, field: "metrics.output_tokens_per_second.successful.mean")
            result.reported[.throughput] = stats
        }
        // The records: samples when all the successful requests of the measured window are there.
        let window = (benchmark["start_time"]?.numberValue, benchmark["end_time"]?.numberValue)
        var samples: [Sample] = []
        for (status, ok) in [("successful", true), ("errored", false)] {
            for (k, record) in (benchmark["requests"]?[status]?.arrayElements ?? []).enumerated() {
                let start =
                    record["info"]?["timings"]?["request_start"]?.numberValue ?? record["start_time"]?.numberValue
                    ?? record["request_start_time"]?.numberValue
                if let start, let from = window.0, let to = window.1, config != nil,
                    start < from - 1e-6 || start > to + 1e-6
                {
                    continue
                }  // warmup or cooldown
                samples.append(sample(record, ok: ok, place: "\(place).requests.\(status)[\(k)]", reader: &reader))
            }
        }
        let kept = samples.okCount
        if let successes, kept == successes, samples.count - kept == errors {
            result.samples = samples
            result.sampleFields = [
                .latency: "request_latency", .timeToFirstToken: "time_to_first_token_ms",
                .interTokenLatency: "inter_token_latency_ms (× output tokens − 1)",
                .perRequestThroughput: "output_tokens_per_second (per request)",
            ]
        } else if let successes {
            notes.append(
                "\(result.scenario): GuideLLM kept \(kept) of the \(successes) successful requests; the figures are as it reported them."
            )
            result.configuredRequests = successes + errors
            result.reportedSuccesses = successes
        }
        if errors > 0 { result.status = successes.map { .init(failed: errors, total: errors + $0) } ?? .partial }
        if let message = samples.first(where: { !$0.ok })?.error { result.error = message }
        return result
    }

    /// One request of GuideLLM 0.2 and later.
    private func sample(_ record: JSONNode, ok: Bool, place: String, reader: inout FieldReader) -> Sample {
        var sample = Sample(ok: ok)
        if !ok {
            sample.error = record["info"]?["error"]?.stringValue ?? record["error"]?.stringValue ?? "error"
            return sample
        }
        func number(_ key: String) -> Double? {
            guard let node = record[key], let value = node.numberValue else { return nil }
            guard value.isFinite, value >= 0 else {
                reader.error(
                    "expected a non-negative number for \"\(key)\" in \(place), found \(NumberFormatting.plain(value))",
                    at: node)
                return nil
            }
            return value
        }
        sample.latency = number("request_latency")
        sample.timeToFirstToken = number("time_to_first_token_ms").map { $0 / 1000 }
        sample.completionTokens = reader.count(record["output_tokens"], named: "output_tokens", in: place)
        sample.promptTokens = reader.count(record["prompt_tokens"], named: "prompt_tokens", in: place)
        if let itl = number("inter_token_latency_ms").map({ $0 / 1000 }), let tokens = sample.completionTokens,
            tokens > 1
        {
            sample.interTokenLatency = itl
            // GuideLLM weighs a request's ITL by its gaps: the pool holds it once per gap.
            sample.interTokenGaps = Array(repeating: itl, count: min(tokens - 1, 100_000))
        } else {
            sample.interTokenGaps = []
        }
        sample.reportedTokensPerSecond = number("output_tokens_per_second")
        sample.output = record["output"]?.stringValue
        return sample
    }

    /// A benchmark of GuideLLM 0.1: no statistics, every figure from the requests.
    private func legacyResult(
        _ benchmark: JSONNode, model: String, args: JSONNode?, place: String, reader: inout FieldReader,
        earliest: inout Timestamp?
    ) -> RunResult? {
        let mode = benchmark["mode"]?.stringValue ?? "default"
        var scenario = mode
        if mode == "asynchronous" {
            let kind = args?["mode"]?.stringValue == "poisson" ? "poisson" : "constant"
            scenario =
                benchmark["rate"]?.numberValue.map {
                    "\(kind) \(NumberFormatting.significant($0, 4).trimmingTrailingZeros)"
                } ?? kind
        }
        var result = RunResult(subject: model, scenario: scenario)
        result.throughputScope = .benchmark
        var firstStart: Double?, lastEnd: Double?
        var tokens = 0
        for (k, record) in (benchmark["results"]?.arrayElements ?? []).enumerated() {
            let recordPlace = "\(place).results[\(k)]"
            guard let start = record["start_time"]?.numberValue, let end = record["end_time"]?.numberValue,
                start.isFinite, end.isFinite, end >= start
            else {
                reader.error(
                    "expected \"start_time\" and \"end_time\" (epoch seconds) in \(recordPlace); the request is skipped",
                    at: record)
                continue
            }
            firstStart = min(firstStart ?? start, start)
            lastEnd = max(lastEnd ?? end, end)
            var sample = Sample(latency: end - start)
            if let first = record["first_token_time"]?.numberValue, first.isFinite, first >= 0 {
                sample.timeToFirstToken = first
            }
            let gaps = (record["decode_times"]?["data"]?.arrayElements ?? []).compactMap(\.numberValue).filter {
                $0.isFinite && $0 >= 0
            }
            sample.interTokenGaps = gaps
            sample.interTokenLatency = FormatSupport.mean(gaps)
            sample.completionTokens = reader.count(
                record["output_token_count"], named: "output_token_count", in: recordPlace)
            sample.promptTokens = reader.count(
                record["prompt_token_count"], named: "prompt_token_count", in: recordPlace)
            tokens += sample.completionTokens ?? 0
            result.samples.append(sample)
        }
        for error in benchmark["errors"]?.arrayElements ?? [] {
            result.samples.append(Sample(ok: false, error: error["message"]?.stringValue ?? "error"))
        }
        if let firstStart, let lastEnd, lastEnd > firstStart {
            var stats = ReportedStatistics()
            stats.set(
                .mean, Double(tokens) / (lastEnd - firstStart), field: "Σ output_token_count / (last end − first start)"
            )
            result.reported[.throughput] = stats
            if let stamp = Timestamp(epochSeconds: firstStart), earliest.map({ stamp < $0 }) ?? true {
                earliest = stamp
            }
        }
        result.sampleFields = [
            .latency: "end_time − start_time", .timeToFirstToken: "first_token_time",
            .interTokenLatency: "decode_times",
        ]
        let failures = result.samples.failedCount
        if failures > 0 {
            result.status = .init(failed: failures, total: result.samples.count)
            result.error = result.samples.first { !$0.ok }?.error
        }
        return result
    }
}

extension String {
    /// `5.000` → `5`, `2.500` → `2.5`.
    var trimmingTrailingZeros: String {
        guard contains(".") else { return self }
        var text = self
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
