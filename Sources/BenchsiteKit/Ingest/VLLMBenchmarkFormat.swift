/// vLLM `benchmark_serving.py --save-result` and `vllm bench serve` results, every version from 0.4:
/// one JSON object, JSON Lines with `--append-result` (one record per run, each its own load point),
/// or the JSON array of `vllm bench sweep serve`'s `summary.json` (its records add `run_number` and
/// the sweep's parameters, such as `max_num_seqs`). See `ServingRecordReader` for the figures.
///
/// The model is `model_id`; the load point `request_rate` (`"inf"`), `max_concurrency`, `burstiness`.
/// `--metadata` values are strings: those that differ between records name the scenario, the others
/// are run labels. Numbers and booleans that vLLM does not write itself are sweep parameters and always
/// name the scenario. vLLM 0.6.0 to 0.6.3 swapped `mean_e2el_ms` and `median_e2el_ms` (fixed in 0.6.4,
/// which added `burstiness`): read the right way round.
struct VLLMBenchmarkFormat: InputFormat {
    let signature = ["date", "backend", "model_id", "completed", "request_throughput", "mean_ttft_ms", "mean_e2el_ms"]
    let name = "vllm"
    let displayName = "vLLM benchmark_serving"

    static let known: Set<String> = [
        "date", "backend", "endpoint_type", "label", "model_id", "tokenizer_id", "best_of", "use_beam_search",
        "num_prompts", "request_rate",
        "burstiness", "max_concurrency", "duration", "completed", "failed", "total_input_tokens", "total_output_tokens",
        "request_throughput",
        "request_goodput", "request_goodput:", "output_throughput", "total_token_throughput", "input_throughput",
        "input_lens", "output_lens",
        "ttfts", "itls", "latencies", "start_times", "queue_times", "errors", "generated_texts", "model",
        "percentile_metrics",
        "metric_percentiles", "max_output_tokens_per_s", "max_concurrent_requests", "rtfx", "run_number",
        "ramp_up_strategy",
        "ramp_up_start_rps", "ramp_up_end_rps", "rps_change_events", "server_queue_times", "server_ttfts",
        "request_inthroughput", "version",
    ]

    /// The records of a file: JSON Lines, one object, or a sweep's array.
    static func records(_ document: InputDocument) -> [JSONNode] {
        if case .lines(let nodes) = document { return nodes }
        guard let root = document.root else { return [] }
        return root.arrayElements ?? [root]
    }

    func matches(_ document: InputDocument) -> Bool {
        guard let first = Self.records(document).first, let members = first.objectMembers else { return false }
        let keys = Set(members.map(\.key))
        let hasLatencyKeys = keys.contains {
            $0.hasSuffix("_ttft_ms") || $0.hasSuffix("_e2el_ms") || $0.hasSuffix("_tpot_ms")
        }
        return hasLatencyKeys && (keys.contains("model_id") || keys.contains("date"))
            && (keys.contains("request_throughput") || keys.contains("completed"))
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        let records = Self.records(document)
        var results: [RunResult] = []
        var earliest: Timestamp?
        var labels: [String: String] = [:]
        var unread = Set<String>()
        var backend: String?
        var notes: [String] = []
        // --metadata keys (strings) that differ between records tell the records apart: they join the scenario.
        var valuesByKey: [String: Set<String>] = [:]
        for record in records {
            for member in record.objectMembers ?? []
            where !Self.known.contains(member.key) && !member.key.hasSuffix("_ms") {
                if let text = member.value.stringValue { valuesByKey[member.key, default: []].insert(text) }
            }
        }
        let distinguishing = valuesByKey.filter { $0.value.count > 1 }.keys.sorted()
        var swapped = false
        for (index, record) in records.enumerated() {
            let place = records.count > 1 ? "record \(index + 1)" : "the result"
            guard record.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(record.kindDescription)", at: record)
                continue
            }
            if let date = reader.string(record, "date", in: place) {
                if let stamp = FormatSupport.compactDate(date) {
                    if earliest.map({ stamp < $0 }) ?? true { earliest = stamp }
                } else {
                    reader.error(
                        "expected \"date\" as YYYYMMDD-HHMMSS in \(place), found \"\(date)\"", at: record["date"])
                }
            }
            backend =
                backend ?? reader.string(record, "backend", in: place)
                ?? reader.string(record, "endpoint_type", in: place)
            guard let model = reader.string(record, "model_id", in: place) ?? reader.string(record, "model", in: place)
            else {
                reader.error("expected \"model_id\" in \(place); the record is skipped", at: record)
                continue
            }
            // Sweep parameters (numbers, booleans vLLM does not write) and differing metadata name the scenario.
            var extra: [String] = []
            for member in record.objectMembers ?? []
            where !Self.known.contains(member.key) && !member.key.hasSuffix("_ms") {
                switch member.value.value {
                case .number, .bool: extra.append("\(member.key)=\(JSONText.compact(member.value))")
                case .string(let text) where distinguishing.contains(member.key): extra.append("\(member.key)=\(text)")
                default: break
                }
            }
            let parts = ServingRecordReader.scenario(record) + extra
            var result = RunResult(subject: model, scenario: parts.isEmpty ? "default" : parts.joined(separator: ", "))
            result.throughputScope = .benchmark
            if let run = record["run_number"], !run.isNull {
                result.parameters.append(KeyValue("run_number", JSONText.compact(run)))
            }
            // 0.6.0-0.6.3 (total_token_throughput, no burstiness yet) wrote the e2el mean and median swapped.
            let swapsEndToEnd =
                record["total_token_throughput"] != nil && record["burstiness"] == nil && record["mean_e2el_ms"] != nil
            swapped = swapped || swapsEndToEnd
            result.reported = ServingRecordReader.reported(
                record, reader: &reader, place: place, swappedEndToEnd: swapsEndToEnd)
            if let throughput = ServingRecordReader.throughput(record, reader: &reader, place: place) {
                result.reported[.throughput] = throughput
            }
            result.samples = ServingRecordReader.samples(record, reader: &reader, place: place, result: &result)
            if result.sampleFields[.interTokenLatency]?.hasPrefix("itls after") == true,
                !notes.contains(where: { $0.hasPrefix("vLLM 0.5.1") })
            {
                notes.append(
                    "vLLM 0.5.1 to 0.5.4 counted each request's time to the first token among its inter-token gaps (fixed in 0.5.5): benchsite leaves it out, so inter-token latency is lower than that version reported."
                )
            }
            ServingRecordReader.settleCounts(&result, record: record, reader: &reader, place: place)
            for member in record.objectMembers ?? [] {
                let key = member.key
                if Self.known.contains(key) || key.hasSuffix("_ms") { continue }
                if let text = member.value.stringValue {
                    if !distinguishing.contains(key) { labels[key] = text }  // --metadata key=value pairs
                } else if member.value.objectMembers != nil || member.value.arrayElements != nil {
                    unread.insert(key)
                }
            }
            results.append(result)
        }
        results = ServingRecordReader.poolRepetitions(results, notes: &notes)
        var source = RunSource(
            format: displayName, file: reader.file.path,
            tool: backend.map { "vLLM benchmark (backend \($0))" } ?? "vLLM benchmark")
        source.unreadFields = unread.sorted()
        source.aggregatesOnly = results.allSatisfy { $0.samples.isEmpty }
        source.notes = notes
        if earliest != nil {
            source.notes.append("vLLM writes \"date\" as local time without a time zone; benchsite reads it as UTC.")
        }
        if records.count > 1 {
            source.notes.append("Each record (a request rate, concurrency or sweep point) is its own scenario.")
        }
        source.notes.append(
            "Throughput is the whole benchmark's output tokens per second (output_throughput); inter-token latency pools every gap between tokens, time per output token is (latency − TTFT) / (output tokens − 1), as vLLM computes them."
        )
        if swapped {
            source.notes.append(
                "vLLM 0.6.0 to 0.6.3 wrote the end-to-end mean and median swapped; they are read the right way round.")
        }
        let run = Run(
            id: "", timestamp: earliest, timestampSource: earliest == nil ? nil : .file, source: source,
            labels: labels.sorted { $0.key < $1.key }.map { KeyValue($0.key, $0.value) }, results: results)
        return FormatOutput(runs: [run])
    }
}

/// SGLang `python -m sglang.bench_serving --output-file FILE` (JSON Lines, a record appended per run;
/// every version from 0.1 to 0.5): vLLM-like figures (`*_e2e_latency_ms`, `median_ttft_ms`,
/// `median_itl_ms`, `completed`, `output_throughput`), per-request arrays with `--output-details`
/// (0.4.6 on). No version writes the model or a date: the model comes from `server_info.model_path`
/// (0.5.5 on, against an SGLang server), else from the file's name, which the run page states; the
/// date from the file name or `--date`. An unlimited rate is the bare token `Infinity`.
struct SGLangBenchServingFormat: InputFormat {
    let signature = [
        "backend", "dataset_name", "request_rate", "completed", "median_ttft_ms", "mean_e2e_latency_ms",
        "output_throughput",
    ]
    let name = "sglang"
    let displayName = "SGLang bench_serving"

    static let known: Set<String> = [
        "tag", "backend", "dataset_name", "request_rate", "max_concurrency", "sharegpt_output_len", "random_input_len",
        "random_output_len",
        "random_range_ratio", "server_info", "duration", "benchmark_duration", "completed", "total_input_tokens",
        "total_input",
        "total_input_text_tokens", "total_input_vision_tokens", "total_output_tokens", "total_output",
        "total_output_tokens_retokenized",
        "total_output_retokenized", "request_throughput", "input_throughput", "output_throughput",
        "output_token_throughput", "total_throughput",
        "concurrency", "accept_length", "max_output_tokens_per_s", "max_concurrent_requests", "goodput_slos_ms",
        "request_goodput",
        "slo_attainment", "slo_attainment_by_metric", "cache_report", "input_lens", "output_lens", "ttfts", "itls",
        "generated_texts", "errors",
        "cached_tokens", "cached_tokens_details", "mean_e2e_latency", "median_e2e_latency", "median_ttft", "median_itl",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let first = VLLMBenchmarkFormat.records(document).first, first.objectMembers != nil else { return false }
        let keys = Set((first.objectMembers ?? []).map(\.key))
        guard !keys.contains("model_id"), !keys.contains("date") else { return false }
        let retokenized = keys.contains("total_output_tokens_retokenized") || keys.contains("total_output_retokenized")
        return (keys.contains("dataset_name") || retokenized)
            && keys.contains { $0.contains("e2e_latency") || $0.contains("ttft") }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        let records = VLLMBenchmarkFormat.records(document)
        var results: [RunResult] = []
        var unread = Set<String>()
        var backend: String?
        var version: String?
        var namedAfterFile = false
        let stem = FormatSupport.stem(reader.file.path)
        // The workload tells records apart when it differs (a sharegpt and a random run in one file).
        let workloadKeys = ["dataset_name", "random_input_len", "random_output_len", "sharegpt_output_len", "tag"]
        var valuesByKey: [String: Set<String>] = [:]
        for record in records {
            for key in workloadKeys {
                if let node = record[key], !node.isNull { valuesByKey[key, default: []].insert(JSONText.compact(node)) }
            }
        }
        let distinguishing = workloadKeys.filter { (valuesByKey[$0]?.count ?? 0) > 1 }
        for (index, record) in records.enumerated() {
            let place = records.count > 1 ? "record \(index + 1)" : "the result"
            guard record.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(record.kindDescription)", at: record)
                continue
            }
            backend = backend ?? reader.string(record, "backend", in: place)
            let serverInfo = record["server_info"]
            version = version ?? serverInfo?["version"]?.stringValue
            var model = serverInfo?["served_model_name"]?.stringValue ?? serverInfo?["model_path"]?.stringValue
            if model == nil {
                model = stem
                namedAfterFile = true
            }
            let workload = distinguishing.compactMap { key in
                record[key].flatMap { $0.isNull ? nil : "\(key)=\(JSONText.compact($0))" }
            }
            let parts = ServingRecordReader.scenario(record) + workload
            var result = RunResult(
                subject: model ?? stem, scenario: parts.isEmpty ? "default" : parts.joined(separator: ", "))
            result.throughputScope = .benchmark
            result.reported = ServingRecordReader.reported(record, reader: &reader, place: place)
            if let throughput = ServingRecordReader.throughput(record, reader: &reader, place: place) {
                result.reported[.throughput] = throughput
            }
            result.samples = ServingRecordReader.samples(record, reader: &reader, place: place, result: &result)
            ServingRecordReader.settleCounts(&result, record: record, reader: &reader, place: place)
            for key in ["dataset_name", "random_input_len", "random_output_len"] {
                if let node = record[key], !node.isNull {
                    result.parameters.append(KeyValue(key, JSONText.compact(node)))
                }
            }
            unread.formUnion(FormatSupport.unread(record, known: Self.known).filter { !$0.hasSuffix("_ms") })
            results.append(result)
        }
        var source = RunSource(
            format: displayName, file: reader.file.path,
            tool: "SGLang bench_serving" + (version.map { " \($0)" } ?? "") + (backend.map { " (backend \($0))" } ?? "")
        )
        source.unreadFields = unread.sorted()
        source.aggregatesOnly = results.allSatisfy { $0.samples.isEmpty }
        if namedAfterFile {
            source.notes.append(
                "SGLang writes no model name: the model is named after the file, \"\(stem)\" (name files after their model, or use --output-file MODEL.jsonl)."
            )
            reader.warning("SGLang writes no model name; the model is named after the file, \"\(stem)\"", at: nil)
        }
        source.notes.append(
            "Throughput is the whole benchmark's output tokens per second (output_throughput); SGLang up to 0.4.3 counts the output tokens asked for, not those produced. Inter-token latency pools every gap between tokens."
        )
        if records.count > 1 {
            source.notes.append("Each JSON Lines record (a request rate or concurrency) is its own scenario.")
        }
        let run = Run(id: "", timestamp: nil, timestampSource: nil, source: source, results: results)
        return FormatOutput(runs: [run])
    }
}
