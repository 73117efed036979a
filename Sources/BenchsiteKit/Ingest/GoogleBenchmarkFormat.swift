/// Google Benchmark `--benchmark_format=json`: `context` is the environment, iteration rows are
/// samples (`real_time`, `cpu_time` in `time_unit`), repetitions group by `run_name`, aggregate rows
/// (`aggregate_name`) are reported values.
struct GoogleBenchmarkFormat: InputFormat {
    let signature = ["context", "benchmarks", "real_time", "cpu_time", "time_unit"]
    let name = "google-benchmark"
    let displayName = "Google Benchmark"
    static let known: Set<String> = [
        "name", "run_name", "run_type", "repetitions", "repetition_index", "threads", "iterations", "real_time", "cpu_time",
        "time_unit", "aggregate_name", "aggregate_unit", "family_index", "per_family_instance_index", "error_occurred",
        "error_message", "label", "bytes_per_second", "items_per_second",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let first = root["benchmarks"]?.arrayElements?.first else { return false }
        return first["stats"] == nil && first["name"] != nil
            && (first["real_time"] != nil || first["cpu_time"] != nil || first["run_type"] != nil)
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let rows = reader.array(root, "benchmarks", in: "the file") else { return FormatOutput() }
        var order: [String] = []
        var byName: [String: RunResult] = [:]
        var unread = Set<String>()
        var untimed = 0
        for (i, row) in rows.enumerated() {
            let place = "benchmarks[\(i)]"
            guard let name = reader.string(row, "run_name", in: place) ?? reader.string(row, "name", in: place) else {
                reader.error("expected \"name\" in \(place); the row is skipped", at: row)
                continue
            }
            let unit = reader.string(row, "time_unit", in: place) ?? "ns"
            guard let scale = FormatSupport.secondsPerUnit(unit) else {
                reader.error("expected \"time_unit\" ns, us, ms or s in \(place), found \"\(unit)\"", at: row["time_unit"])
                continue
            }
            if byName[name] == nil {
                order.append(name)
                var result = RunResult(subject: name, scenario: "default")
                result.sampleFields = [.latency: "real_time", .cpuTime: "cpu_time"]
                byName[name] = result
            }
            let real = reader.number(row, "real_time", in: place)
            let cpu = reader.number(row, "cpu_time", in: place)
            if let aggregate = reader.string(row, "aggregate_name", in: place) {
                let statistic: Statistic? = ["mean": .mean, "median": .p50, "stddev": .stddev][aggregate]
                if statistic == nil {
                    unread.insert("aggregate \"\(aggregate)\"")
                }
                if let statistic {
                    if let real, real.isFinite { byName[name]!.reported[.latency, default: ReportedStatistics()].set(statistic, real * scale, field: "\(aggregate) real_time") }
                    if let cpu, cpu.isFinite { byName[name]!.reported[.cpuTime, default: ReportedStatistics()].set(statistic, cpu * scale, field: "\(aggregate) cpu_time") }
                }
                continue
            }
            if reader.string(row, "run_type", in: place) == "aggregate" {
                unread.insert("aggregate row \"\(reader.string(row, "name", in: place) ?? name)\" without aggregate_name")
                continue
            }
            var sample = Sample()
            if reader.bool(row, "error_occurred", in: place) == true {
                sample.ok = false
                sample.error = reader.string(row, "error_message", in: place) ?? "error"
            }
            if let real, real.isFinite, real >= 0 { sample.latency = real * scale }
            if let cpu, cpu.isFinite, cpu >= 0 { sample.cpuTime = cpu * scale }
            if sample.ok, sample.latency == nil {
                if row["real_time"] == nil && row["cpu_time"] == nil {
                    untimed += 1
                } else {
                    reader.error("expected a finite, non-negative \"real_time\" in \(place); the row is skipped", at: row["real_time"] ?? row)
                }
                continue
            }
            byName[name]!.samples.append(sample)
            unread.formUnion(FormatSupport.unread(row, known: Self.known))
        }
        if untimed > 0 {
            reader.warning("\(untimed) of \(rows.count) benchmark rows have no \"real_time\" or \"cpu_time\"; they are listed without figures", at: root["benchmarks"])
        }
        let context = root["context"]
        var environment = Environment()
        if let context {
            environment.host = reader.string(context, "host_name", in: "context")
            if let cpus = context["num_cpus"]?.numberValue {
                let mhz = context["mhz_per_cpu"]?.numberValue.map { " at \(NumberFormatting.plain($0)) MHz" } ?? ""
                environment.cpu = "\(NumberFormatting.plain(cpus)) CPUs\(mhz)"
            }
            var extra: [KeyValue] = []
            for key in ["cpu_scaling_enabled", "library_build_type", "executable", "load_avg"] {
                if let v = context[key], !v.isNull { extra.append(KeyValue(key, JSONText.compact(v))) }
            }
            environment.extra = extra
        }
        var timestamp: Timestamp?
        if let date = context.flatMap({ reader.string($0, "date", in: "context") }) {
            timestamp = Timestamp(iso8601: date)
            if timestamp == nil { reader.warning("cannot read the date \"\(date)\" in context; expected ISO 8601", at: context?["date"]) }
        }
        var source = RunSource(format: displayName, file: reader.file.path, tool: "Google Benchmark")
        source.unreadFields = unread.sorted()
        if let date = context?["date"]?.stringValue, !date.contains("+"), !date.hasSuffix("Z") {
            source.notes.append("The context date has no time zone; benchsite reads it as UTC.")
        }
        let results = order.map { byName[$0]! }
        return FormatOutput(runs: [Run(id: "", timestamp: timestamp, timestampSource: timestamp == nil ? nil : .file, source: source, environment: environment, results: results)])
    }
}
