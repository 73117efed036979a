/// NVIDIA AIPerf `profile_export_aiperf.json` (every release from 0.1 to 0.13 and the schema 1.5
/// nightlies) and GenAI-Perf `*_genai_perf.json`: one block per metric, `{unit, avg, p1 ... p99, min,
/// max, std}`. Blocks with percentiles are per-request distributions; blocks with only `avg` are
/// whole-run figures (`output_token_throughput`, `request_count`, ...). AIPerf 0.1 keeps the blocks
/// under `records` and calls TTFT `ttft`.
///
/// Where things are, by version: the model in `input_config.endpoint.model_names` (to 0.8),
/// `input_config.models.items[].name` (0.9 on) or `input_config.model_names`/`model` (GenAI-Perf);
/// the load level in `input_config.loadgen` (to 0.8), in the profiling phase of
/// `input_config.phases[]` (0.9 on; with a warmup the first phase is the warmup), or in
/// `input_config.perf_analyzer.stimulus` (GenAI-Perf). `request_count` counts the successful
/// requests, `error_request_count` the failed ones (absent when none failed). `start_time` is the
/// benchmark machine's local time without a zone. Times are in ms.
///
/// Definitions are kept: AIPerf's `inter_token_latency` is (latency − TTFT) / (output tokens − 1),
/// which benchsite calls time per output token; its `inter_chunk_latency` pools every gap between
/// chunks, which is benchsite's inter-token latency; `output_token_throughput` is the whole run's.
struct AIPerfFormat: InputFormat {
    let signature = ["request_latency", "time_to_first_token", "inter_token_latency", "input_config"]
    let name = "aiperf"
    let displayName = "GenAI-Perf / AIPerf export"

    /// Per-request distributions benchsite shows, by block name (aliases of AIPerf 0.1 included).
    static let metrics: [(key: String, metric: Metric)] = [
        ("request_latency", .latency), ("time_to_first_token", .timeToFirstToken), ("ttft", .timeToFirstToken),
        ("inter_token_latency", .timePerOutputToken), ("inter_chunk_latency", .interTokenLatency),
        ("e2e_output_token_throughput", .perRequestThroughput),
    ]
    /// Blocks read for counts and context, or known and deliberately not shown.
    static let known: Set<String> = [
        "request_count", "error_request_count", "completed_request_count", "input_config", "start_time", "end_time",
        "was_cancelled",
        "error_summary", "telemetry_data", "benchmark_duration", "request_throughput", "output_token_throughput",
        "aiperf_version",
        "schema_version", "benchmark_id", "run_info", "is_complete", "incomplete_reason", "records", "warmup_metrics",
        "sessions",
        "telemetry_stats", "runtime_submission_invalid_reasons",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root else { return false }
        let blocks = root["records"] ?? root
        return Self.metrics.contains {
            blocks[$0.key]?["unit"] != nil && (blocks[$0.key]?["avg"] != nil || blocks[$0.key]?["p50"] != nil)
        }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root else { return FormatOutput() }
        let blocks = root["records"] ?? root
        let config = root["input_config"]
        let genAIPerf = config?["perf_analyzer"] != nil || reader.file.fileName.hasSuffix("_genai_perf.json")
        let models = Self.modelNames(config)
        let model = models.isEmpty ? FormatSupport.stem(reader.file.path) : models.joined(separator: ", ")
        if models.isEmpty {
            reader.warning(
                "no model name in input_config; the run is named after the file, \"\(model)\"", at: config ?? root)
        }
        var result = RunResult(subject: model, scenario: Self.scenario(config, reader: &reader))
        result.throughputScope = .benchmark
        var unread: [String] = []
        for member in blocks.objectMembers ?? [] {
            if let metric = Self.metrics.first(where: { $0.key == member.key })?.metric {
                if result.reported[metric] == nil,
                    var stats = block(member.key, member.value, metric: metric, reader: &reader)
                {
                    // The pooled chunk gaps are summarized by a sketch in some releases (0.8 to 0.11
                    // differ from the exact percentiles of their own records): the mean is exact.
                    stats.approximatePercentiles = member.key == "inter_chunk_latency"
                    result.reported[metric] = stats
                }
            } else if !Self.known.contains(member.key), member.value["unit"] != nil {
                unread.append(member.key)
            }
        }
        if let throughput = Self.average(blocks["output_token_throughput"]), throughput.isFinite, throughput >= 0 {
            var stats = ReportedStatistics()
            stats.set(.mean, throughput, field: "output_token_throughput.avg")
            result.reported[.throughput] = stats
        }
        let successes = reader.count(blocks["request_count"]?["avg"], named: "request_count.avg", in: "the export")
        let errors =
            reader.count(blocks["error_request_count"]?["avg"], named: "error_request_count.avg", in: "the export") ?? 0
        if let successes {
            result.reportedSuccesses = successes
            result.configuredRequests = successes + errors
            for metric in result.reported.keys where metric != .throughput {
                result.reported[metric]?.set(.count, Double(successes), field: "request_count.avg")
            }
            if errors > 0 { result.status = .init(failed: errors, total: errors + successes) }
        }
        result.error = Self.errorSummary(root["error_summary"])
        var timestamp: Timestamp?
        if let start = root["start_time"]?.stringValue {
            timestamp = Timestamp(iso8601: start)
            if timestamp == nil {
                reader.warning("cannot read \"start_time\" \"\(start)\"; expected ISO 8601", at: root["start_time"])
            }
        }
        var source = RunSource(
            format: displayName, file: reader.file.path, tool: Self.toolName(root, genAIPerf: genAIPerf))
        source.aggregatesOnly = true
        source.unreadFields = unread
        if timestamp != nil {
            source.notes.append(
                "\"start_time\" is the benchmark machine's local time without a zone; benchsite reads it as UTC.")
        }
        source.notes.append(
            "Throughput is the whole run's output tokens per second (output_token_throughput); time per output token is AIPerf's inter_token_latency, (latency − TTFT) / (output tokens − 1); inter-token latency pools every gap between chunks (inter_chunk_latency)."
        )
        var environment = Environment()
        environment.gpu = Self.gpus(root["telemetry_data"])
        var run = Run(
            id: "", timestamp: timestamp, timestampSource: timestamp == nil ? nil : .file, source: source,
            environment: environment,
            configuration: Self.configuration(config), results: [result])
        run.mergeKey = Self.pairingKey(reader.file.path)
        return FormatOutput(runs: [run])
    }

    /// The aggregate `<stem>_aiperf.json` (or `<stem>.json` with `--profile-export-prefix`) pairs with
    /// `<stem>.jsonl` in the same folder.
    static func pairingKey(_ path: String) -> String {
        var name = path
        for suffix in ["_aiperf.json", ".jsonl", ".json"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return "aiperf:" + name
    }

    /// One metric block, `{unit, avg, p50, ...}`, with times converted to seconds.
    private func block(
        _ key: String, _ node: JSONNode, metric: Metric, reader: inout FieldReader
    ) -> ReportedStatistics? {
        let place = "\"\(key)\""
        let unit = reader.string(node, "unit", in: place) ?? ""
        var scale = 1.0
        if metric.unit == "s" {
            guard let seconds = FormatSupport.secondsPerUnit(unit) else {
                reader.error("expected a time unit (ms, s, us, ns) for \(place), found \"\(unit)\"", at: node["unit"])
                return nil
            }
            scale = seconds
        }
        var stats = ReportedStatistics()
        let names: [(String, Statistic)] = [
            ("avg", .mean), ("std", .stddev), ("min", .min), ("max", .max), ("p50", .p50), ("p90", .p90), ("p95", .p95),
            ("p99", .p99),
        ]
        for (name, statistic) in names {
            if let value = reader.nonNegative(node, name, in: place) {
                stats.set(statistic, value * scale, field: "\(key).\(name)")
            }
        }
        return stats.isEmpty ? nil : stats
    }

    /// The `avg` of a whole-run block such as `output_token_throughput`.
    private static func average(_ block: JSONNode?) -> Double? {
        block?["avg"]?.numberValue
    }

    static func modelNames(_ config: JSONNode?) -> [String] {
        guard let config else { return [] }
        if let items = config["models"]?["items"]?.arrayElements {
            let names = items.compactMap { $0["name"]?.stringValue }
            if !names.isEmpty { return names }
        }
        for node in [config["endpoint"]?["model_names"], config["model_names"], config["model"]] {
            if let names = node?.arrayElements?.compactMap(\.stringValue), !names.isEmpty { return names }
            if let name = node?.stringValue { return [name] }
        }
        return []
    }

    /// `concurrency 4`, `rate 2`, `rate 2 (constant), max concurrency 8`: the load level the run measured.
    static func scenario(_ config: JSONNode?, reader: inout FieldReader) -> String {
        guard let config else { return "default" }
        func number(_ node: JSONNode?) -> String? { node?.numberValue.map(NumberFormatting.plain) }
        if let phases = config["phases"]?.arrayElements {
            // 0.12+: the phase of kind "profiling"; 0.9-0.11: the last phase not excluded from the results.
            let phase =
                phases.first { $0["kind"]?.stringValue == "profiling" }
                ?? phases.last { $0["exclude_from_results"]?.value.isTrue != true }
            if let phase {
                let type = phase["type"]?.stringValue ?? ""
                if type == "concurrency", let c = number(phase["concurrency"]) { return "concurrency \(c)" }
                if let rate = number(phase["rate"]) {
                    var text = "rate \(rate)"
                    if !type.isEmpty, type != "poisson" { text += " (\(type))" }
                    if let cap = number(phase["concurrency"]) { text += ", max concurrency \(cap)" }
                    return text
                }
                if let c = number(phase["concurrency"]) { return "concurrency \(c)" }
            }
        }
        if let stimulus = config["perf_analyzer"]?["stimulus"] {
            if let c = number(stimulus["concurrency"]) { return "concurrency \(c)" }
            if let rate = number(stimulus["request_rate"]) { return "rate \(rate)" }
        }
        let loadgen = config["loadgen"]
        if let rate = number(loadgen?["request_rate"]) ?? number(config["request_rate"]) {
            var text = "rate \(rate)"
            if let cap = number(loadgen?["concurrency"]) { text += ", max concurrency \(cap)" }
            return text
        }
        if let c = number(loadgen?["concurrency"]) ?? number(config["concurrency"]) { return "concurrency \(c)" }
        return "default"
    }

    static func toolName(_ root: JSONNode, genAIPerf: Bool) -> String {
        if genAIPerf { return "GenAI-Perf" }
        if let version = root["aiperf_version"]?.stringValue { return "AIPerf \(version)" }
        if root["records"] != nil { return "AIPerf 0.1.x" }
        let newer = root["time_to_first_output_token"] != nil || root["prefill_throughput"] != nil
        return "AIPerf \(newer ? "0.3" : "0.2") (the file names no version)"
    }

    /// `HTTP 500 Internal Server Error ×4`: the errors AIPerf summarized.
    static func errorSummary(_ node: JSONNode?) -> String? {
        guard let entries = node?.arrayElements, !entries.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for entry in entries {
            let details = entry["error_details"]
            let code = details?["code"].map { JSONText.compact($0) }
            let type = details?["type"]?.stringValue
            let text = [code.map { "HTTP \($0)" }, type].compactMap { $0 }.joined(separator: " ")
            let key = text.isEmpty ? "error" : text
            if counts[key] == nil { order.append(key) }
            let count = entry["count"]?.numberValue.flatMap(FormatSupport.wholeNumber) ?? 1
            counts[key, default: 0] += max(0, count)
        }
        return order.map { "\($0) ×\(counts[$0] ?? 0)" }.joined(separator: "; ")
    }

    /// The load settings worth showing from `input_config`.
    private static func configuration(_ config: JSONNode?) -> [KeyValue] {
        var out: [KeyValue] = []
        let endpoint = config?["endpoint"]
        for key in ["type", "streaming"] {
            if let value = endpoint?[key] { out.append(KeyValue("endpoint.\(key)", JSONText.compact(value))) }
        }
        let prompt = config?["input"]?["prompt"]
        for key in ["input_tokens", "output_tokens"] {
            if let value = prompt?[key] { out.append(KeyValue(key, JSONText.compact(value))) }
        }
        if let prompts = config?["datasets"]?.arrayElements?.first?["prompts"] {
            for key in ["isl", "osl"] {
                if let mean = prompts[key]?["mean"] { out.append(KeyValue("\(key) mean", JSONText.compact(mean))) }
            }
        }
        return out
    }

    /// The GPUs AIPerf's telemetry saw, as "2 × NVIDIA L40S".
    private static func gpus(_ telemetry: JSONNode?) -> String? {
        guard let endpoint = telemetry?["endpoints"]?.objectMembers?.first else { return nil }
        let names = (endpoint.value["gpus"]?.objectMembers ?? []).compactMap { $0.value["gpu_name"]?.stringValue }
        return names.isEmpty ? nil : "\(names.count) × \(names[0])"
    }
}

/// AIPerf's per-request `profile_export.jsonl` (0.2 and later, written by default beside the
/// aggregate): one record per request, `{metadata, metrics: {name: {value, unit}}, error?}`. Warmup
/// records (0.12+, `benchmark_phase` "warmup") are left out. Beside its aggregate, its requests are
/// that run's samples; alone, it is a run of its own named after the file.
struct AIPerfRecordsFormat: InputFormat {
    let signature = ["metadata", "metrics", "request_latency", "benchmark_phase"]
    let name = "aiperf-records"
    let displayName = "AIPerf per-request records"

    func matches(_ document: InputDocument) -> Bool {
        guard let first = document.records.first, let metrics = first["metrics"], metrics.objectMembers != nil,
            first["metadata"] != nil
        else { return false }
        return (metrics.objectMembers ?? []).contains { $0.value["value"] != nil && $0.value["unit"] != nil }
            || first["error"] != nil
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var samples: [Sample] = []
        var warmup = 0
        var earliest: Double?
        for (index, record) in document.records.enumerated() {
            let place = "record \(index + 1)"
            guard record.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(record.kindDescription)", at: record)
                continue
            }
            let metadata = record["metadata"]
            if let phase = metadata?["benchmark_phase"]?.stringValue, phase != "profiling" {
                warmup += 1
                continue
            }
            if let start = metadata?["request_start_ns"]?.numberValue, start.isFinite, start > 0 {
                earliest = min(earliest ?? start, start)
            }
            let metrics = record["metrics"]
            func value(_ key: String) -> JSONNode? { metrics?[key]?["value"] }
            func milliseconds(_ key: String) -> Double? {
                guard let node = metrics?[key], let number = node["value"]?.numberValue else { return nil }
                let unit = node["unit"]?.stringValue ?? "ms"
                guard number.isFinite, number >= 0, let scale = FormatSupport.secondsPerUnit(unit) else {
                    reader.error(
                        "expected a non-negative time for \"\(key)\" in \(place), found \(NumberFormatting.plain(number)) \(unit)",
                        at: node)
                    return nil
                }
                return number * scale
            }
            var sample = Sample()
            if let error = record["error"], error.objectMembers != nil {
                sample.ok = false
                let code = error["code"].map { "HTTP \(JSONText.compact($0))" }
                sample.error =
                    [code, error["type"]?.stringValue, error["message"]?.stringValue].compactMap { $0 }.joined(
                        separator: " "
                    ).nilIfEmpty ?? "error"
                samples.append(sample)
                continue
            }
            sample.latency = milliseconds("request_latency")
            sample.timeToFirstToken = milliseconds("time_to_first_token") ?? milliseconds("ttft")
            sample.timePerOutputToken = milliseconds("inter_token_latency")
            if let gaps = value("inter_chunk_latency")?.arrayElements,
                let unit = metrics?["inter_chunk_latency"]?["unit"]?.stringValue,
                let scale = FormatSupport.secondsPerUnit(unit)
            {
                let seconds = gaps.compactMap(\.numberValue).filter { $0.isFinite && $0 >= 0 }.map { $0 * scale }
                sample.interTokenGaps = seconds
                sample.interTokenLatency = FormatSupport.mean(seconds)
            }
            sample.completionTokens = reader.count(
                value("output_sequence_length") ?? value("output_token_count"), named: "output_sequence_length",
                in: place)
            sample.promptTokens = reader.count(
                value("input_sequence_length"), named: "input_sequence_length", in: place)
            guard sample.latency != nil else {
                reader.error(
                    "expected \"request_latency\" in \(place) for a successful request; the record is skipped",
                    at: record)
                continue
            }
            samples.append(sample)
        }
        var result = RunResult(subject: FormatSupport.stem(reader.file.path), scenario: "default", samples: samples)
        result.throughputScope = .benchmark
        result.sampleFields = [
            .latency: "request_latency", .timeToFirstToken: "time_to_first_token",
            .timePerOutputToken: "inter_token_latency",
            .interTokenLatency: "inter_chunk_latency",
            .perRequestThroughput: "output_sequence_length / request_latency",
        ]
        let failures = samples.failedCount
        if failures > 0 { result.status = .init(failed: failures, total: samples.count) }
        var source = RunSource(format: displayName, file: reader.file.path, tool: "AIPerf")
        if warmup > 0 { source.notes.append("\(warmup) warmup request\(warmup == 1 ? "" : "s") left out.") }
        let timestamp = earliest.flatMap { Timestamp(epochSeconds: $0 / 1e9) }
        var run = Run(
            id: "", timestamp: timestamp, timestampSource: timestamp == nil ? nil : .file, source: source,
            results: [result])
        run.mergeKey = AIPerfFormat.pairingKey(reader.file.path)
        run.samplesOnly = true
        return FormatOutput(runs: [run])
    }
}

extension JSONNode.Value {
    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }
}
