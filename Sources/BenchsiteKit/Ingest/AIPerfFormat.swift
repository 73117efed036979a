/// NVIDIA GenAI-Perf (`*_genai_perf.json`) and AIPerf (`profile_export_aiperf.json`) exports:
/// one block per metric, `{unit, avg, p1 ... p99, min, max, std}`, aggregates only.
struct AIPerfFormat: InputFormat {
    let signature = ["request_latency", "time_to_first_token", "inter_token_latency", "input_config"]
    let name = "aiperf"
    let displayName = "GenAI-Perf / AIPerf export"

    static let metrics: [(key: String, metric: Metric)] = [
        ("request_latency", .latency), ("time_to_first_token", .timeToFirstToken), ("inter_token_latency", .interTokenLatency),
        ("output_token_throughput_per_user", .throughput), ("output_token_throughput_per_request", .throughput),
    ]
    /// Blocks that are read for counts or context, or deliberately not shown.
    static let known: Set<String> = [
        "request_count", "error_request_count", "input_config", "start_time", "end_time", "was_cancelled", "error_summary",
        "telemetry_data", "benchmark_duration", "request_throughput", "output_token_throughput",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root else { return false }
        return Self.metrics.contains { root[$0.key]?["unit"] != nil && (root[$0.key]?["avg"] != nil || root[$0.key]?["p50"] != nil) }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root else { return FormatOutput() }
        let config = root["input_config"]
        let model = Self.modelName(config) ?? FormatSupport.stem(reader.file.path)
        var result = RunResult(subject: model, scenario: Self.scenario(config))
        var unread: [String] = []
        for member in root.objectMembers ?? [] {
            if let metric = Self.metrics.first(where: { $0.key == member.key })?.metric {
                if result.reported[metric] == nil, let stats = block(member.key, member.value, metric: metric, reader: &reader) {
                    result.reported[metric] = stats
                }
            } else if !Self.known.contains(member.key), !member.value.isNull {
                unread.append(member.key)
            }
        }
        let requests = Self.average(root["request_count"]).map { Int($0) }
        let errors = Self.average(root["error_request_count"]).map { Int($0) }
        if let requests {
            result.reportedSuccesses = requests
            result.configuredRequests = requests + (errors ?? 0)
            for metric in result.reported.keys { result.reported[metric]?.set(.count, Double(requests), field: "request_count.avg") }
            if let errors, errors > 0 { result.status = requests == 0 ? .failed : .partial }
        }
        var timestamp: Timestamp?
        if let start = root["start_time"]?.stringValue { timestamp = Timestamp(iso8601: start) }
        let isAIPerf = root["was_cancelled"] != nil || reader.file.fileName.contains("aiperf")
        var source = RunSource(format: displayName, file: reader.file.path, tool: isAIPerf ? "AIPerf" : "GenAI-Perf")
        source.aggregatesOnly = true
        source.unreadFields = unread
        if timestamp != nil { source.notes.append("\"start_time\" has no time zone; benchsite reads it as UTC.") }
        let configuration = Self.configuration(config)
        var environment = Environment()
        environment.gpu = Self.gpus(root["telemetry_data"])
        let run = Run(
            id: "", timestamp: timestamp, timestampSource: timestamp == nil ? nil : .file, source: source, environment: environment,
            configuration: configuration, results: [result])
        return FormatOutput(runs: [run])
    }

    /// One metric block, `{unit, avg, p50, ...}`, with times converted to seconds.
    private func block(_ key: String, _ node: JSONNode, metric: Metric, reader: inout FieldReader) -> ReportedStatistics? {
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
        let names: [(String, Statistic)] = [("avg", .mean), ("std", .stddev), ("min", .min), ("max", .max), ("p50", .p50), ("p90", .p90), ("p95", .p95), ("p99", .p99)]
        for (name, statistic) in names {
            if let value = reader.nonNegative(node, name, in: place) {
                stats.set(statistic, value * scale, field: "\(key).\(name)")
            }
        }
        return stats.isEmpty ? nil : stats
    }

    /// The load settings worth showing from `input_config`.
    private static func configuration(_ config: JSONNode?) -> [KeyValue] {
        var out: [KeyValue] = []
        let endpoint = config?["endpoint"]
        let prompt = config?["input"]?["prompt"]
        for key in ["type", "streaming"] {
            if let value = endpoint?[key] { out.append(KeyValue("endpoint.\(key)", JSONText.compact(value))) }
        }
        for key in ["input_tokens", "output_tokens"] {
            if let value = prompt?[key] { out.append(KeyValue(key, JSONText.compact(value))) }
        }
        return out
    }

    /// The `avg` of a count block such as `request_count`.
    private static func average(_ block: JSONNode?) -> Double? {
        guard let block, let average = block["avg"] else { return nil }
        return average.numberValue
    }

    /// GenAI-Perf writes `model_names` at the top of its config, AIPerf under `endpoint`.
    private static func modelName(_ config: JSONNode?) -> String? {
        guard let config else { return nil }
        for node in [config["endpoint"]?["model_names"], config["model_names"], config["model"]] {
            if let name = node?.arrayElements?.first?.stringValue { return name }
        }
        return nil
    }

    private static func scenario(_ config: JSONNode?) -> String {
        guard let config else { return "default" }
        let loadgen = config["loadgen"]
        if let concurrency = loadgen?["concurrency"]?.numberValue ?? config["concurrency"]?.numberValue {
            return "concurrency \(NumberFormatting.plain(concurrency))"
        }
        if let rate = loadgen?["request_rate"]?.numberValue ?? config["request_rate"]?.numberValue {
            return "rate \(NumberFormatting.plain(rate))"
        }
        return "default"
    }

    /// The GPUs AIPerf's telemetry saw, as "2 × NVIDIA L40S".
    private static func gpus(_ telemetry: JSONNode?) -> String? {
        guard let endpoint = telemetry?["endpoints"]?.objectMembers?.first else { return nil }
        let names = (endpoint.value["gpus"]?.objectMembers ?? []).compactMap { $0.value["gpu_name"]?.stringValue }
        return names.isEmpty ? nil : "\(names.count) × \(names[0])"
    }
}
