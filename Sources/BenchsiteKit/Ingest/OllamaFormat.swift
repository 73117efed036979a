/// Ollama `/api/generate` or `/api/chat` final responses saved as a JSON array or JSON Lines:
/// durations in nanoseconds, one sample per response, grouped by `model`.
struct OllamaFormat: InputFormat {
    let signature = ["model", "created_at", "total_duration", "eval_count", "eval_duration"]
    let name = "ollama"
    let displayName = "Ollama responses"
    static let known: Set<String> = [
        "model", "created_at", "response", "message", "done", "done_reason", "context", "total_duration",
        "load_duration",
        "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration", "error",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let first = document.records.first else { return false }
        return first["total_duration"] != nil && first["eval_count"] != nil && first["model"] != nil
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var byModel: [String: [Sample]] = [:]
        var order: [String] = []
        var earliest: Timestamp?
        var unread = Set<String>()
        for (i, record) in document.records.enumerated() {
            let place = "response \(i + 1)"
            guard let model = reader.string(record, "model", in: place) else {
                reader.error("expected \"model\" in \(place); the response is skipped", at: record)
                continue
            }
            var sample = Sample()
            if let error = reader.string(record, "error", in: place) {
                sample.ok = false
                sample.error = error
            }
            let total = reader.nonNegative(record, "total_duration", in: place)
            let load = reader.nonNegative(record, "load_duration", in: place) ?? 0
            let promptEval = reader.nonNegative(record, "prompt_eval_duration", in: place)
            let evalDuration = reader.nonNegative(record, "eval_duration", in: place)
            sample.latency = total.map { $0 / 1e9 }
            // Ollama reports no first-token time; load plus prompt evaluation is the time before the first token.
            sample.timeToFirstToken = promptEval.map { ($0 + load) / 1e9 }
            sample.promptTokens = reader.count(record, "prompt_eval_count", in: place)
            sample.completionTokens = reader.count(record, "eval_count", in: place)
            if let tokens = sample.completionTokens, let evalDuration, evalDuration > 0 {
                sample.reportedTokensPerSecond = Double(tokens) / (evalDuration / 1e9)
                if tokens > 0 { sample.timePerOutputToken = evalDuration / 1e9 / Double(tokens) }
            }
            sample.output = reader.string(record, "response", in: place) ?? record["message"]?["content"]?.stringValue
            if let created = reader.string(record, "created_at", in: place), let stamp = Timestamp(iso8601: created) {
                if earliest == nil || stamp < earliest! { earliest = stamp }
            }
            if sample.ok, sample.latency == nil {
                reader.error("expected \"total_duration\" in \(place); the response is skipped", at: record)
                continue
            }
            unread.formUnion(FormatSupport.unread(record, known: Self.known))
            if byModel[model] == nil { order.append(model) }
            byModel[model, default: []].append(sample)
        }
        let results = order.map { model -> RunResult in
            var result = RunResult(subject: model, scenario: "default", samples: byModel[model]!)
            result.sampleFields = [
                .latency: "total_duration", .timeToFirstToken: "load_duration + prompt_eval_duration",
                .throughput: "eval_count / eval_duration",
            ]
            let failures = result.samples.failedCount
            if failures > 0 { result.status = .init(failed: failures, total: result.samples.count) }
            return result
        }
        var source = RunSource(format: displayName, file: reader.file.path, tool: "Ollama")
        source.unreadFields = unread.sorted()
        source.notes.append(
            "Time to first token is load_duration + prompt_eval_duration: Ollama reports no first-token time.")
        let run = Run(
            id: "", timestamp: earliest, timestampSource: earliest == nil ? nil : .file, source: source,
            results: results)
        return FormatOutput(runs: [run])
    }
}
