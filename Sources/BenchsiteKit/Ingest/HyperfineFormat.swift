/// hyperfine `--export-json`: `results[].times` (seconds) are the samples, `command` the subject,
/// `parameters` the scenario, non-zero `exit_codes` failures, `memory_usage_byte` peak memory.
struct HyperfineFormat: InputFormat {
    let signature = ["results", "command", "times", "mean"]
    let name = "hyperfine"
    let displayName = "hyperfine"
    static let known: Set<String> = [
        "command", "mean", "stddev", "median", "user", "system", "min", "max", "times", "exit_codes", "parameters",
        "memory_usage_byte",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let first = root["results"]?.arrayElements?.first else { return false }
        return first["command"] != nil && (first["times"] != nil || first["mean"] != nil)
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let entries = reader.array(root, "results", in: "the export") else {
            return FormatOutput()
        }
        var results: [RunResult] = []
        var unread = Set<String>()
        for (i, entry) in entries.enumerated() {
            let place = "results[\(i)]"
            guard let command = reader.string(entry, "command", in: place) else {
                reader.error("expected \"command\" in \(place); the entry is skipped", at: entry)
                continue
            }
            let parameters = reader.keyValues(reader.object(entry, "parameters", in: place))
            var result = RunResult(
                subject: command,
                scenario: parameters.isEmpty
                    ? "default" : parameters.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
            let times = reader.array(entry, "times", in: place) ?? []
            let codes = reader.array(entry, "exit_codes", in: place) ?? []
            let memory = reader.array(entry, "memory_usage_byte", in: place) ?? []
            for (k, time) in times.enumerated() {
                guard let seconds = time.numberValue, seconds.isFinite, seconds >= 0 else {
                    reader.error(
                        "expected a non-negative number at times[\(k)] in \(place), found \(time.kindDescription)",
                        at: time)
                    continue
                }
                var sample = Sample(latency: seconds)
                if k < codes.count, let code = codes[k].numberValue, code != 0 {
                    sample.ok = false
                    sample.error = "exit code \(NumberFormatting.plain(code))"
                }
                if k < memory.count, let bytes = memory[k].numberValue, bytes.isFinite, bytes >= 0 {
                    sample.memoryBytes = bytes
                }
                result.samples.append(sample)
            }
            result.sampleFields = [.latency: "times", .memory: "memory_usage_byte"]
            var stats = ReportedStatistics()
            for (key, statistic) in [
                ("mean", Statistic.mean), ("stddev", .stddev), ("median", .p50), ("min", .min), ("max", .max),
            ] {
                if let value = reader.nonNegative(entry, key, in: place) { stats.set(statistic, value, field: key) }
            }
            if !stats.isEmpty { result.reported[.latency] = stats }
            if let user = reader.nonNegative(entry, "user", in: place),
                let system = reader.nonNegative(entry, "system", in: place)
            {
                var cpu = ReportedStatistics()
                cpu.set(.mean, user + system, field: "user + system")
                result.reported[.cpuTime] = cpu
            }
            let failures = result.samples.failedCount
            if failures > 0 { result.status = .init(failed: failures, total: result.samples.count) }
            unread.formUnion(FormatSupport.unread(entry, known: Self.known))
            results.append(result)
        }
        var source = RunSource(format: displayName, file: reader.file.path, tool: "hyperfine")
        source.unreadFields = unread.sorted()
        return FormatOutput(runs: [Run(id: "", timestamp: nil, timestampSource: nil, source: source, results: results)])
    }
}
