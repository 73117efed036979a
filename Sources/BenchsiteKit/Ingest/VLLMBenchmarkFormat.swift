/// vLLM `benchmark_serving.py --save-result` and `vllm bench serve` results: one JSON object, or
/// JSON Lines with `--append-result` (one record per request rate or concurrency level, each its
/// own scenario). Aggregates are `{mean,median,std,p<N>}_{ttft,tpot,itl,e2el}_ms`; per-request
/// arrays (`ttfts`, `itls`, `latencies`, `input_lens`, `output_lens`, `errors`) become samples.
struct VLLMBenchmarkFormat: InputFormat {
    let signature = ["date", "backend", "model_id", "completed", "request_throughput", "mean_ttft_ms", "mean_e2el_ms"]
    let name = "vllm"
    let displayName = "vLLM benchmark_serving"

    static let metricKeys: [(key: String, metric: Metric)] = [
        ("ttft", .timeToFirstToken), ("tpot", .timePerOutputToken), ("itl", .interTokenLatency), ("e2el", .latency),
    ]
    static let known: Set<String> = [
        "date", "backend", "model_id", "tokenizer_id", "num_prompts", "request_rate", "burstiness", "max_concurrency",
        "duration", "completed", "failed", "total_input_tokens", "total_output_tokens", "request_throughput",
        "request_goodput", "request_goodput:", "output_throughput", "total_token_throughput", "input_lens", "output_lens",
        "ttfts", "itls", "latencies", "errors", "generated_texts", "model", "endpoint_type", "label", "percentile_metrics",
        "metric_percentiles", "max_output_tokens_per_s", "max_concurrent_requests", "start_times",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let first = document.values.first, first.objectMembers != nil else { return false }
        let keys = Set((first.objectMembers ?? []).map(\.key))
        let hasLatencyKeys = keys.contains { $0.hasSuffix("_ttft_ms") || $0.hasSuffix("_e2el_ms") || $0.hasSuffix("_tpot_ms") }
        return hasLatencyKeys && (keys.contains("request_throughput") || keys.contains("completed"))
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var results: [RunResult] = []
        var earliest: Timestamp?
        var labels: [String: String] = [:]
        var unread = Set<String>()
        var backend: String?
        // --metadata keys that differ between records tell the records apart: they join the scenario.
        var valuesByKey: [String: Set<String>] = [:]
        for record in document.values {
            for member in record.objectMembers ?? [] where !Self.known.contains(member.key) && !member.key.hasSuffix("_ms") {
                if let text = member.value.stringValue { valuesByKey[member.key, default: []].insert(text) }
            }
        }
        let distinguishing = valuesByKey.filter { $0.value.count > 1 }.keys.sorted()
        for (index, record) in document.values.enumerated() {
            let place = document.values.count > 1 ? "record \(index + 1)" : "the result"
            guard record.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(record.kindDescription)", at: record)
                continue
            }
            if let date = reader.string(record, "date", in: place) {
                if let stamp = FormatSupport.compactDate(date) {
                    if earliest == nil || stamp < earliest! { earliest = stamp }
                } else {
                    reader.error("expected \"date\" as YYYYMMDD-HHMMSS in \(place), found \"\(date)\"", at: record["date"])
                }
            }
            backend = backend ?? reader.string(record, "backend", in: place)
            guard let model = reader.string(record, "model_id", in: place) ?? reader.string(record, "model", in: place) else {
                reader.error("expected \"model_id\" in \(place); the record is skipped", at: record)
                continue
            }
            let extra = distinguishing.compactMap { key in record[key]?.stringValue.map { "\(key)=\($0)" } }
            let parts = [scenario(record, reader: &reader, place: place)].filter { $0 != "default" } + extra
            var result = RunResult(subject: model, scenario: parts.isEmpty ? "default" : parts.joined(separator: ", "))
            for (key, metric) in Self.metricKeys {
                var stats = ReportedStatistics()
                for member in record.objectMembers ?? [] where member.key.hasSuffix("_\(key)_ms") {
                    let prefix = String(member.key.dropLast(key.count + 4))
                    let statistic: Statistic?
                    switch prefix {
                    case "mean": statistic = .mean
                    case "median": statistic = .p50
                    case "std": statistic = .stddev
                    default: statistic = prefix.hasPrefix("p") ? FormatSupport.statistic(forPercentile: prefix) : nil
                    }
                    guard let value = reader.nonNegative(record, member.key, in: place) else { continue }
                    if let statistic { stats.set(statistic, value / 1000, field: member.key) }
                }
                if !stats.isEmpty { result.reported[metric] = stats }
            }
            if let throughput = reader.nonNegative(record, "output_throughput", in: place) {
                var stats = ReportedStatistics()
                stats.set(.mean, throughput, field: "output_throughput")
                result.reported[.throughput] = stats
            }
            let completed = reader.count(record, "completed", in: place)
            let failed = reader.count(record, "failed", in: place) ?? record["errors"]?.arrayElements.map { $0.filter { ($0.stringValue ?? "").isEmpty == false }.count }
            if let completed {
                result.reportedSuccesses = completed
                result.configuredRequests = completed + (failed ?? 0)
                for metric in result.reported.keys where metric != .throughput { result.reported[metric]?.set(.count, Double(completed), field: "completed") }
            }
            result.samples = samples(record, reader: &reader, place: place, result: &result)
            if result.samples.isEmpty, let failed, let completed, failed > 0 {
                result.status = completed == 0 ? .failed : .partial
            } else if !result.samples.isEmpty {
                let failures = result.samples.filter { !$0.ok }.count
                result.status = failures == 0 ? .ok : (failures == result.samples.count ? .failed : .partial)
            }
            for member in record.objectMembers ?? [] {
                let key = member.key
                if Self.known.contains(key) || key.hasSuffix("_ms") { continue }
                if let text = member.value.stringValue {
                    if !distinguishing.contains(key) { labels[key] = text }  // --metadata key=value pairs
                } else if member.value.isNull {
                    continue
                } else {
                    unread.insert(key)
                }
            }
            results.append(result)
        }
        var source = RunSource(format: displayName, file: reader.file.path, tool: backend.map { "vLLM benchmark (backend \($0))" } ?? "vLLM benchmark")
        source.unreadFields = unread.sorted()
        source.aggregatesOnly = results.allSatisfy { $0.samples.isEmpty }
        if earliest != nil {
            source.notes.append("vLLM writes \"date\" as local time without a time zone; benchsite reads it as UTC.")
        }
        if document.values.count > 1 {
            source.notes.append("Each JSON Lines record (a request rate or concurrency level) is its own scenario.")
        }
        let run = Run(
            id: "", timestamp: earliest, timestampSource: earliest == nil ? nil : .file, source: source,
            labels: labels.sorted { $0.key < $1.key }.map { KeyValue($0.key, $0.value) }, results: results)
        return FormatOutput(runs: [run])
    }

    private func scenario(_ record: JSONNode, reader: inout FieldReader, place: String) -> String {
        var parts: [String] = []
        if let rate = record["request_rate"] {
            if let value = rate.numberValue {
                parts.append("rate \(value.isInfinite ? "inf" : NumberFormatting.plain(value))")
            } else if let text = rate.stringValue {
                parts.append("rate \(text)")
            }
        }
        if let concurrency = record["max_concurrency"]?.numberValue { parts.append("concurrency \(NumberFormatting.plain(concurrency))") }
        return parts.isEmpty ? "default" : parts.joined(separator: ", ")
    }

    private func samples(_ record: JSONNode, reader: inout FieldReader, place: String, result: inout RunResult) -> [Sample] {
        let ttfts = record["ttfts"]?.arrayElements
        let latencies = record["latencies"]?.arrayElements
        let itls = record["itls"]?.arrayElements
        let outputLens = record["output_lens"]?.arrayElements
        let inputLens = record["input_lens"]?.arrayElements
        let errors = record["errors"]?.arrayElements
        let counts = [ttfts?.count, latencies?.count, itls?.count, outputLens?.count].compactMap { $0 }
        guard let count = counts.max(), count > 0 else { return [] }
        if Set(counts).count > 1 {
            reader.warning("the per-request arrays in \(place) have different lengths (\(counts.map(String.init).joined(separator: ", "))); missing entries are left empty", at: record)
        }
        func number(_ array: [JSONNode]?, _ i: Int, _ name: String) -> Double? {
            guard let array, i < array.count, !array[i].isNull else { return nil }
            guard let value = array[i].numberValue, value.isFinite, value >= 0 else {
                reader.error("expected a non-negative number at \(name)[\(i)] in \(place), found \(array[i].kindDescription)", at: array[i])
                return nil
            }
            return value
        }
        var samples: [Sample] = []
        samples.reserveCapacity(count)
        for i in 0..<count {
            var sample = Sample()
            if let errors, i < errors.count, let message = errors[i].stringValue, !message.isEmpty {
                sample.ok = false
                sample.error = message
            }
            sample.timeToFirstToken = number(ttfts, i, "ttfts")
            sample.latency = number(latencies, i, "latencies")
            sample.completionTokens = number(outputLens, i, "output_lens").map { Int($0) }
            sample.promptTokens = number(inputLens, i, "input_lens").map { Int($0) }
            if let itls, i < itls.count, let gaps = itls[i].arrayElements {
                let values = gaps.compactMap(\.numberValue).filter { $0.isFinite && $0 >= 0 }
                sample.interTokenLatency = FormatSupport.mean(values)
                if sample.latency == nil, let ttft = sample.timeToFirstToken, !values.isEmpty {
                    sample.latency = ttft + values.reduce(0, +)  // end to end = first token + the gaps after it
                }
            }
            if let latency = sample.latency, let ttft = sample.timeToFirstToken, let tokens = sample.completionTokens, tokens > 1 {
                sample.timePerOutputToken = (latency - ttft) / Double(tokens - 1)
            }
            if sample.ok, sample.latency == nil && sample.timeToFirstToken == nil { continue }
            samples.append(sample)
        }
        result.sampleFields = [.timeToFirstToken: "ttfts", .interTokenLatency: "itls", .latency: latencies != nil ? "latencies" : "ttfts + itls"]
        return samples
    }
}
