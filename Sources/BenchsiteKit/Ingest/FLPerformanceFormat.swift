/// FLPerformance exports (the Foundry Local community's benchmarking app, `benchmark-<run>.json`):
/// `{run, results, exported_at}`, one result per model and scenario. Times are in milliseconds.
/// `raw_data` (in real exports) holds every iteration (`iterations[]` with its error, `latencies`,
/// `ttfts`, `allInterTokenDelays`): those are the samples. Without it, the app's figures are shown
/// as reported: `latency_p50/p95/p99` (nearest rank), `ttft` (upper median), `tpot` (the mean gap
/// between streamed chunks), `tps` (tokens of successful iterations over their total time).
/// `error_rate` is a percentage; the SQLite backend writes 0 as null.
struct FLPerformanceFormat: InputFormat {
    let signature = ["run", "results", "exported_at", "model_id", "scenario", "tps", "latency_p50"]
    let name = "flperformance"
    let displayName = "FLPerformance export"
    static let known: Set<String> = [
        "id", "run_id", "model_id", "scenario", "tps", "ttft", "tpot", "gen_tps", "latency_p50", "latency_p95",
        "latency_p99", "error_rate",
        "timeout_rate", "cpu_avg", "ram_avg", "gpu_avg", "raw_data", "created_at", "total_tokens", "total_iterations",
        "successful_iterations",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, root["run"]?.objectMembers != nil,
            let first = root["results"]?.arrayElements?.first
        else { return false }
        return first["model_id"] != nil && (first["tps"] != nil || first["latency_p50"] != nil)
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let entries = reader.array(root, "results", in: "the export") else {
            return FormatOutput()
        }
        let runNode = root["run"]
        var results: [RunResult] = []
        var unread = Set<String>()
        for (index, entry) in entries.enumerated() {
            let place = "results[\(index)]"
            guard entry.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(entry.kindDescription)", at: entry)
                continue
            }
            guard let model = reader.string(entry, "model_id", in: place), !model.isEmpty else {
                reader.error("expected \"model_id\" in \(place); the result is skipped", at: entry)
                continue
            }
            let entryPlace = "\(place) (\"\(model)\")"
            var result = RunResult(
                subject: model, scenario: reader.string(entry, "scenario", in: entryPlace) ?? "default")
            func milliseconds(_ key: String) -> Double? {
                reader.nonNegative(entry, key, in: entryPlace).map { $0 / 1000 }
            }
            var latency = ReportedStatistics()
            for (key, statistic) in [("latency_p50", Statistic.p50), ("latency_p95", .p95), ("latency_p99", .p99)] {
                if let value = milliseconds(key) { latency.set(statistic, value, field: key) }
            }
            if !latency.isEmpty { result.reported[.latency] = latency }
            if let ttft = milliseconds("ttft") {
                var stats = ReportedStatistics()
                stats.set(.p50, ttft, field: "ttft")
                result.reported[.timeToFirstToken] = stats
            }
            if let tpot = milliseconds("tpot") {
                var stats = ReportedStatistics()
                stats.set(.mean, tpot, field: "tpot")
                result.reported[.interTokenLatency] = stats
            }
            if let tps = reader.nonNegative(entry, "tps", in: entryPlace) {
                var stats = ReportedStatistics()
                stats.set(.mean, tps, field: "tps")
                result.reported[.throughput] = stats
            }
            let errorRate = reader.nonNegative(entry, "error_rate", in: entryPlace) ?? 0
            let configured =
                reader.count(entry, "total_iterations", in: entryPlace)
                ?? reader.count(runNode?["config"] ?? entry, "iterations", in: "run.config")
            result.configuredRequests = configured
            if let raw = reader.object(entry, "raw_data", in: entryPlace) {
                result.samples = samples(raw, place: "\(entryPlace).raw_data", reader: &reader)
                result.sampleFields = [
                    .latency: "raw_data.iterations (endTime − startTime)",
                    .timeToFirstToken: "raw_data.iterations.ttft",
                    .interTokenLatency: "raw_data.iterations.interTokenDelays",
                ]
                // The app's own figures use other definitions (nearest-rank percentiles, an upper
                // median, a ratio of sums): with the samples at hand, only figures computed from them are shown.
                result.reported = [:]
            }
            let failures = result.samples.failedCount
            if !result.samples.isEmpty {
                result.status = .init(failed: failures, total: result.samples.count)
            } else if errorRate >= 100 {
                result.status = .failed
                result.reportedSuccesses = 0
            } else if errorRate > 0 {
                result.status = .partial
                if let configured {
                    result.reportedSuccesses = Int((Double(configured) * (1 - errorRate / 100)).rounded())
                }
            } else if let configured {
                result.reportedSuccesses = configured
            }
            if let first = result.samples.first(where: { !$0.ok })?.error { result.error = first }
            unread.formUnion(FormatSupport.unread(entry, known: Self.known))
            results.append(result)
        }
        var timestamp: Timestamp?
        if let started = runNode.flatMap({ reader.number($0, "started_at", in: "run") }) {
            timestamp = Timestamp(epochMilliseconds: started)
            if timestamp == nil {
                reader.error(
                    "expected milliseconds since 1970 for \"started_at\" in run, found \(NumberFormatting.plain(started))",
                    at: runNode?["started_at"])
            }
        }
        var environment = Environment()
        if let hardware = runNode?["hardware_info"] {
            environment.cpu =
                [hardware["cpu"]?["manufacturer"]?.stringValue, hardware["cpu"]?["brand"]?.stringValue].compactMap {
                    $0
                }.joined(separator: " ").nilIfEmpty
            environment.gpu = hardware["gpu"]?["model"]?.stringValue
            environment.os =
                [hardware["os"]?["distro"]?.stringValue, hardware["os"]?["release"]?.stringValue].compactMap { $0 }
                .joined(separator: " ").nilIfEmpty
            if let memory = hardware["memory"]?["total"]?.stringValue {
                environment.extra.append(KeyValue("Memory", memory))
            }
        }
        var source = RunSource(format: displayName, file: reader.file.path, tool: "FLPerformance")
        source.unreadFields = unread.sorted()
        source.aggregatesOnly = results.allSatisfy { $0.samples.isEmpty }
        source.notes.append(
            "FLPerformance names models by its own ids (model_<time>_<random>); the export does not carry the Foundry Local model names."
        )
        if !source.aggregatesOnly {
            source.notes.append(
                "Computed from raw_data (every iteration); the app's own summary figures, defined differently (nearest-rank percentiles, upper median), are not shown."
            )
        } else {
            source.notes.append(
                "Without raw_data: latency percentiles as the app computed them (nearest rank), time to first token its upper median, inter-token latency its mean gap between streamed chunks (tpot), throughput its total tokens over total time (tps)."
            )
        }
        let configuration = (runNode?["config"]?.objectMembers ?? []).map {
            KeyValue($0.key, JSONText.compact($0.value))
        }
        let run = Run(
            id: runNode?["id"]?.stringValue ?? "", label: runNode?["suite_name"]?.stringValue, timestamp: timestamp,
            timestampSource: timestamp == nil ? nil : .file, source: source, environment: environment,
            configuration: configuration, results: results)
        return FormatOutput(runs: [run])
    }

    /// One sample per iteration: its end-to-end time, first-token time and gaps between chunks (ms → s).
    private func samples(_ raw: JSONNode, place: String, reader: inout FieldReader) -> [Sample] {
        guard let iterations = reader.array(raw, "iterations", in: place) else {
            // Older exports: only the successful latencies.
            return (reader.array(raw, "latencies", in: place) ?? []).compactMap { node in
                guard let ms = node.numberValue, ms.isFinite, ms >= 0 else { return nil }
                return Sample(latency: ms / 1000)
            }
        }
        var out: [Sample] = []
        for (k, iteration) in iterations.enumerated() {
            let iterationPlace = "\(place).iterations[\(k)]"
            var sample = Sample()
            if let error = reader.string(iteration, "error", in: iterationPlace), !error.isEmpty {
                sample.ok = false
                sample.error =
                    reader.bool(iteration, "timeout", in: iterationPlace) == true ? "timeout: \(error)" : error
            } else if reader.bool(iteration, "timeout", in: iterationPlace) == true {
                sample.ok = false
                sample.error = "timeout"
            }
            if sample.ok {
                if let start = reader.number(iteration, "startTime", in: iterationPlace),
                    let end = reader.number(iteration, "endTime", in: iterationPlace),
                    (end - start).isFinite, end >= start
                {
                    sample.latency = (end - start) / 1000
                }
                sample.timeToFirstToken = reader.nonNegative(iteration, "ttft", in: iterationPlace).map { $0 / 1000 }
                sample.completionTokens = reader.count(iteration, "tokens", in: iterationPlace)
                if let gaps = reader.array(iteration, "interTokenDelays", in: iterationPlace) {
                    let values = gaps.compactMap(\.numberValue).filter { $0.isFinite && $0 >= 0 }.map { $0 / 1000 }
                    sample.interTokenGaps = values
                    sample.interTokenLatency = FormatSupport.mean(values)
                }
                if sample.latency == nil {
                    reader.error(
                        "expected \"startTime\" and \"endTime\" in \(iterationPlace) for a successful iteration; it is skipped",
                        at: iteration)
                    continue
                }
            }
            out.append(sample)
        }
        return out
    }
}
