/// ray-project/llmperf: `*_summary.json` (flattened `results_<metric>_quantiles_pXX`, `_mean`,
/// `_min`, `_max`, `_stddev`; some numbers written as strings) and `*_individual_responses.json`
/// (one record per request). A summary and its individual file are one run: they pair by name
/// (`X_summary.json` with `X_individual_responses.json` in one folder, or the same file name in
/// sibling `summary/` and `individual/` folders).
struct LLMPerfSummaryFormat: InputFormat {
    let signature = [
        "model", "timestamp", "num_concurrent_requests", "results_ttft_s_mean", "results_end_to_end_latency_s_mean",
    ]
    let name = "llmperf-summary"
    let displayName = "llmperf summary"

    /// The per-request distributions. llmperf's throughput is benchmark-wide
    /// (`results_mean_output_throughput_token_per_s`: output tokens of every successful request over
    /// the test's wall time); each request's own rate is the per-request throughput.
    static let metrics: [(prefix: String, metric: Metric)] = [
        ("results_end_to_end_latency_s", .latency), ("results_ttft_s", .timeToFirstToken),
        ("results_inter_token_latency_s", .interTokenLatency),
        ("results_request_output_throughput_token_per_s", .perRequestThroughput),
    ]
    static let known: Set<String> = [
        "model", "timestamp", "version", "name", "num_concurrent_requests", "results_num_completed_requests",
        "results_number_errors", "results_error_rate", "results_num_requests_started", "mean_input_tokens",
        "mean_output_tokens", "stddev_input_tokens", "stddev_output_tokens", "framework", "api", "model_size",
        "results_error_code_frequency", "results_mean_output_throughput_token_per_s",
        "results_num_completed_requests_per_min",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let members = root.objectMembers else { return false }
        return members.contains { $0.key.hasPrefix("results_") } && root["model"] != nil
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root else { return FormatOutput() }
        let place = "the summary"
        let model = reader.string(root, "model", in: place) ?? FormatSupport.stem(reader.file.path)
        var scenario = "default"
        if let concurrency = reader.number(root, "num_concurrent_requests", in: place, acceptNumericStrings: true) {
            scenario = "concurrency \(NumberFormatting.plain(concurrency))"
        }
        var result = RunResult(subject: model, scenario: scenario)
        result.throughputScope = .benchmark
        var understood = Self.known
        for (prefix, metric) in Self.metrics {
            var stats = ReportedStatistics()
            for member in root.objectMembers ?? [] where member.key.hasPrefix(prefix + "_") {
                let suffix = String(member.key.dropFirst(prefix.count + 1))
                let statistic: Statistic?
                switch suffix {
                case "mean": statistic = .mean
                case "min": statistic = .min
                case "max": statistic = .max
                case "stddev": statistic = .stddev
                default:
                    statistic =
                        suffix.hasPrefix("quantiles_")
                        ? FormatSupport.statistic(forPercentile: String(suffix.dropFirst(10))) : nil
                }
                understood.insert(member.key)
                guard let statistic,
                    let value = reader.nonNegative(root, member.key, in: place, acceptNumericStrings: true)
                else { continue }
                stats.set(statistic, value, field: member.key)
            }
            if !stats.isEmpty { result.reported[metric] = stats }
        }
        for member in root.objectMembers ?? []
        where member.key.hasPrefix("results_number_input_tokens")
            || member.key.hasPrefix("results_number_output_tokens")
        {
            understood.insert(member.key)  // token-count distributions: read, not shown yet
        }
        if let throughput = reader.nonNegative(
            root, "results_mean_output_throughput_token_per_s", in: place, acceptNumericStrings: true)
        {
            var stats = ReportedStatistics()
            stats.set(.mean, throughput, field: "results_mean_output_throughput_token_per_s")
            result.reported[.throughput] = stats
        }
        // Completed requests exclude the errored ones; started counts both (llmperf's metrics_summary).
        func count(_ key: String) -> Int? {
            reader.number(root, key, in: place, acceptNumericStrings: true).flatMap { value in
                guard let whole = FormatSupport.wholeNumber(value), whole >= 0 else {
                    reader.error(
                        "expected a count for \"\(key)\" in \(place), found \(NumberFormatting.plain(value))",
                        at: root[key])
                    return nil
                }
                return whole
            }
        }
        let completed = count("results_num_completed_requests")
        let started = count("results_num_requests_started")
        var errors = count("results_number_errors")
        if errors == nil, let started, let completed, started >= completed { errors = started - completed }
        if errors == nil, let rate = reader.number(root, "results_error_rate", in: place, acceptNumericStrings: true),
            let started, rate.isFinite
        {
            errors = Int((max(0, min(1, rate)) * Double(started)).rounded())
        }
        if let completed {
            result.reportedSuccesses = completed
            result.configuredRequests = completed + (errors ?? 0)
            for metric in result.reported.keys where metric != .throughput {
                result.reported[metric]?.set(.count, Double(completed), field: "results_num_completed_requests")
            }
            if let errors, errors > 0 {
                result.status = .init(failed: errors, total: completed + errors)
                let codes =
                    root["results_error_code_frequency"]?.stringValue.map { " (error codes and counts: \($0))" } ?? ""
                result.error = "\(errors) of \(completed + errors) requests failed\(codes)"
            }
        } else if let errors, errors > 0 {
            result.status = .partial
        }
        var timestamp: Timestamp?
        if let seconds = reader.number(root, "timestamp", in: place, acceptNumericStrings: true), seconds > 0 {
            timestamp = Timestamp(epochSeconds: seconds)
            if timestamp == nil {
                reader.error(
                    "expected seconds since 1970 for \"timestamp\" in \(place), found \(NumberFormatting.plain(seconds))",
                    at: root["timestamp"])
            }
        }
        let version = reader.string(root, "version", in: place)
        var source = RunSource(
            format: displayName, file: reader.file.path, tool: "llmperf" + (version.map { " \($0)" } ?? ""))
        source.unreadFields = FormatSupport.unread(root, known: understood)
        source.aggregatesOnly = true
        var configuration: [KeyValue] = []
        for key in [
            "framework", "api", "model_size", "mean_input_tokens", "mean_output_tokens", "num_concurrent_requests",
        ] {
            if let node = root[key], !node.isNull { configuration.append(KeyValue(key, JSONText.compact(node))) }
        }
        var run = Run(
            id: "", label: reader.string(root, "framework", in: place), timestamp: timestamp,
            timestampSource: timestamp == nil ? nil : .file,
            source: source, configuration: configuration, results: [result])
        run.mergeKey = LLMPerfIndividualFormat.pairingKey(reader.file.path)
        return FormatOutput(runs: [run])
    }
}

/// llmperf's `*_individual_responses.json`: one record per request. On its own it becomes a run
/// named after the file; next to its summary its samples join the summary's run.
struct LLMPerfIndividualFormat: InputFormat {
    let signature = ["ttft_s", "end_to_end_latency_s", "inter_token_latency_s", "error_code"]
    let name = "llmperf-individual"
    let displayName = "llmperf individual responses"
    static let known: Set<String> = [
        "error_code", "error_msg", "inter_token_latency_s", "ttft_s", "end_to_end_latency_s",
        "request_output_throughput_token_per_s", "number_total_tokens", "number_output_tokens", "number_input_tokens",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let first = root.arrayElements?.first else { return false }
        return first["end_to_end_latency_s"] != nil || (first["ttft_s"] != nil && first["error_code"] != nil)
    }

    /// Files that belong together give the same key.
    static func pairingKey(_ path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        var name = FormatSupport.stem(parts.removeLast())
        for suffix in ["_summary", "_individual_responses"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        if let folder = parts.last, folder == "summary" || folder == "individual" { parts.removeLast() }
        return (parts + [name]).joined(separator: "/")
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let records = root.arrayElements else { return FormatOutput() }
        var samples: [Sample] = []
        var unread = Set<String>()
        for (i, record) in records.enumerated() {
            let place = "request \(i + 1)"
            guard record.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(record.kindDescription)", at: record)
                continue
            }
            var sample = Sample()
            let code = record["error_code"].flatMap { $0.isNull ? nil : JSONText.compact($0) }
            let message = reader.string(record, "error_msg", in: place) ?? ""
            if code != nil || !message.isEmpty {
                sample.ok = false
                sample.error = [code.map { "error \($0)" }, message.isEmpty ? nil : message].compactMap { $0 }.joined(
                    separator: ": ")
            }
            sample.latency = reader.nonNegative(record, "end_to_end_latency_s", in: place)
            sample.timeToFirstToken = reader.nonNegative(record, "ttft_s", in: place)
            sample.interTokenLatency = reader.nonNegative(record, "inter_token_latency_s", in: place)
            sample.reportedTokensPerSecond = reader.nonNegative(
                record, "request_output_throughput_token_per_s", in: place)
            sample.completionTokens = reader.count(record, "number_output_tokens", in: place)
            sample.promptTokens = reader.count(record, "number_input_tokens", in: place)
            if let latency = sample.latency, let ttft = sample.timeToFirstToken, let tokens = sample.completionTokens,
                tokens > 1
            {
                sample.timePerOutputToken = (latency - ttft) / Double(tokens - 1)
            }
            unread.formUnion(FormatSupport.unread(record, known: Self.known))
            samples.append(sample)
        }
        var result = RunResult(subject: FormatSupport.stem(reader.file.path), scenario: "default", samples: samples)
        result.throughputScope = .benchmark
        result.sampleFields = [
            .latency: "end_to_end_latency_s", .timeToFirstToken: "ttft_s", .interTokenLatency: "inter_token_latency_s",
            .perRequestThroughput: "request_output_throughput_token_per_s",
        ]
        var source = RunSource(format: displayName, file: reader.file.path, tool: "llmperf")
        source.unreadFields = unread.sorted()
        var run = Run(id: "", timestamp: nil, timestampSource: nil, source: source, results: [result])
        run.mergeKey = Self.pairingKey(reader.file.path)
        run.samplesOnly = true
        return FormatOutput(runs: [run])
    }
}
