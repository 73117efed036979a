/// pytest-benchmark `--benchmark-json` files and autosave storage (`.benchmarks/<machine>/NNNN_<commit>_<date>.json`):
/// `stats.data` are samples when present, else the reported stats.
struct PytestBenchmarkFormat: InputFormat {
    let signature = ["benchmarks", "machine_info", "datetime", "stats"]
    let name = "pytest-benchmark"
    let displayName = "pytest-benchmark"
    static let knownStats: Set<String> = [
        "min", "max", "mean", "stddev", "rounds", "median", "iqr", "q1", "q3", "iqr_outliers", "stddev_outliers",
        "outliers",
        "ld15iqr", "hd15iqr", "ops", "total", "data", "iterations",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let first = root["benchmarks"]?.arrayElements?.first else { return false }
        return first["stats"] != nil
            && (root["machine_info"] != nil || root["datetime"] != nil || first["fullname"] != nil)
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let benchmarks = reader.array(root, "benchmarks", in: "the file") else {
            return FormatOutput()
        }
        var results: [RunResult] = []
        var unread = Set<String>()
        for (i, benchmark) in benchmarks.enumerated() {
            let place = "benchmarks[\(i)]"
            guard
                let name = reader.string(benchmark, "fullname", in: place)
                    ?? reader.string(benchmark, "name", in: place)
            else {
                reader.error("expected \"name\" in \(place); the entry is skipped", at: benchmark)
                continue
            }
            var result = RunResult(subject: name, scenario: reader.string(benchmark, "group", in: place) ?? "default")
            guard let stats = reader.object(benchmark, "stats", in: place) else {
                reader.error("expected \"stats\" in \(place); the entry is skipped", at: benchmark)
                continue
            }
            for (k, value) in (reader.array(stats, "data", in: "\(place).stats") ?? []).enumerated() {
                guard let seconds = value.numberValue, seconds.isFinite, seconds >= 0 else {
                    reader.error(
                        "expected a non-negative number at stats.data[\(k)] in \(place), found \(value.kindDescription)",
                        at: value)
                    continue
                }
                result.samples.append(Sample(latency: seconds))
            }
            result.sampleFields = [.latency: "stats.data"]
            var reported = ReportedStatistics()
            for (key, statistic) in [
                ("mean", Statistic.mean), ("stddev", .stddev), ("median", .p50), ("min", .min), ("max", .max),
            ] {
                if let value = reader.nonNegative(stats, key, in: "\(place).stats") {
                    reported.set(statistic, value, field: "stats.\(key)")
                }
            }
            if let rounds = reader.count(stats, "rounds", in: "\(place).stats") {
                reported.set(.count, Double(rounds), field: "stats.rounds")
                result.reportedSuccesses = rounds
            }
            if !reported.isEmpty { result.reported[.latency] = reported }
            unread.formUnion(FormatSupport.unread(stats, known: Self.knownStats, prefix: "stats."))
            results.append(result)
        }
        var timestamp: Timestamp?
        if let text = reader.string(root, "datetime", in: "the file") {
            timestamp = Timestamp(iso8601: text)
            if timestamp == nil {
                reader.error("expected an ISO 8601 \"datetime\", found \"\(text)\"", at: root["datetime"])
            }
        }
        var versionControl: VersionControl?
        if let commit = root["commit_info"] {
            versionControl = VersionControl(
                commit: reader.string(commit, "id", in: "commit_info"),
                branch: reader.string(commit, "branch", in: "commit_info"),
                dirty: reader.bool(commit, "dirty", in: "commit_info"))
        }
        var environment = Environment()
        if let machine = root["machine_info"] {
            environment.host = reader.string(machine, "node", in: "machine_info")
            let system = [
                reader.string(machine, "system", in: "machine_info"),
                reader.string(machine, "release", in: "machine_info"),
            ].compactMap { $0 }
            if !system.isEmpty { environment.os = system.joined(separator: " ") }
            environment.cpu =
                machine["cpu"]?["brand_raw"]?.stringValue ?? reader.string(machine, "processor", in: "machine_info")
            var extra: [KeyValue] = []
            for key in ["python_implementation", "python_version", "python_compiler"] {
                if let v = machine[key]?.stringValue { extra.append(KeyValue(key, v)) }
            }
            environment.extra = extra
        }
        let version = reader.string(root, "version", in: "the file")
        var source = RunSource(
            format: displayName, file: reader.file.path, tool: "pytest-benchmark" + (version.map { " \($0)" } ?? ""))
        source.unreadFields = unread.sorted()
        source.aggregatesOnly = results.allSatisfy { $0.samples.isEmpty }
        let run = Run(
            id: "", timestamp: timestamp, timestampSource: timestamp == nil ? nil : .file, source: source,
            environment: environment,
            versionControl: versionControl, results: results)
        return FormatOutput(runs: [run])
    }
}
