/// Google Benchmark `--benchmark_format=json` (or `--benchmark_out=FILE`): `context` is the
/// environment; iteration rows are samples (`real_time`, `cpu_time` per iteration, in `time_unit`),
/// one per repetition, grouped by `run_name`; aggregate rows (`aggregate_name` mean, median, stddev)
/// are reported values. Rows with `error_occurred` are failed repetitions (their times are zeros);
/// rows with `skipped` (v1.8+) were skipped on purpose. The complexity rows of `->Complexity()`
/// (`BigO`, `RMS`) describe a family, not a benchmark: they become a note, not a series.
/// Very old files have no `run_type` or `run_name`: every row is then an iteration.
struct GoogleBenchmarkFormat: InputFormat {
    let signature = ["context", "benchmarks", "real_time", "cpu_time", "time_unit"]
    let name = "google-benchmark"
    let displayName = "Google Benchmark"
    static let known: Set<String> = [
        "name", "run_name", "run_type", "repetitions", "repetition_index", "threads", "iterations", "real_time",
        "cpu_time",
        "time_unit", "aggregate_name", "aggregate_unit", "family_index", "per_family_instance_index", "error_occurred",
        "error_message", "label", "skipped", "skip_message", "big_o", "cpu_coefficient", "real_coefficient", "rms",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let first = root["benchmarks"]?.arrayElements?.first else { return false }
        return first["stats"] == nil && first["runs"] == nil && first["name"] != nil
            && (first["real_time"] != nil || first["cpu_time"] != nil || first["run_type"] != nil)
    }

    /// What the rows of one benchmark instance add up to, before it becomes a result.
    private struct Instance {
        var result: RunResult
        var errors: [String] = []
        var skipped: String?
        var aggregateRepetitions: Int?
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let rows = reader.array(root, "benchmarks", in: "the file") else {
            return FormatOutput()
        }
        var order: [String] = []
        var instances: [String: Instance] = [:]
        var unread = Set<String>()
        var notes: [String] = []
        var untimed = 0
        for (i, row) in rows.enumerated() {
            let place = "benchmarks[\(i)]"
            guard row.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(row.kindDescription)", at: row)
                continue
            }
            guard let name = reader.string(row, "run_name", in: place) ?? reader.string(row, "name", in: place) else {
                reader.error("expected \"name\" in \(place); the row is skipped", at: row)
                continue
            }
            let aggregate = reader.string(row, "aggregate_name", in: place)
            if aggregate == "BigO" || aggregate == "RMS" {
                notes.append(
                    complexityNote(row, family: name, aggregate: aggregate ?? "", reader: &reader, place: place))
                continue
            }
            let unit = reader.string(row, "time_unit", in: place) ?? "ns"
            guard let scale = FormatSupport.secondsPerUnit(unit) else {
                reader.error(
                    "expected \"time_unit\" ns, us, ms or s in \(place), found \"\(unit)\"", at: row["time_unit"])
                continue
            }
            func instance(_ update: (inout Instance) -> Void) {
                if instances[name] == nil {
                    order.append(name)
                    var result = RunResult(subject: name, scenario: "default")
                    result.sampleFields = [.latency: "real_time", .cpuTime: "cpu_time"]
                    instances[name] = Instance(result: result)
                }
                update(&instances[name, default: Instance(result: RunResult(subject: name, scenario: "default"))])
            }
            let real = reader.number(row, "real_time", in: place)
            let cpu = reader.number(row, "cpu_time", in: place)
            if let aggregate {
                let statistic: Statistic? = ["mean": .mean, "median": .p50, "stddev": .stddev][aggregate]
                guard let statistic else {
                    // cv (a fraction) and user statistics: not figures benchsite shows.
                    if aggregate != "cv" { unread.insert("aggregate \"\(aggregate)\"") }
                    continue
                }
                let repetitions = reader.count(row, "repetitions", in: place)
                instance { entry in
                    if let real, real.isFinite, real >= 0 {
                        entry.result.reported[.latency, default: ReportedStatistics()].set(
                            statistic, real * scale, field: "\(aggregate) real_time")
                    }
                    if let cpu, cpu.isFinite, cpu >= 0 {
                        entry.result.reported[.cpuTime, default: ReportedStatistics()].set(
                            statistic, cpu * scale, field: "\(aggregate) cpu_time")
                    }
                    if let repetitions { entry.aggregateRepetitions = repetitions }
                }
                continue
            }
            if reader.string(row, "run_type", in: place) == "aggregate" {
                unread.insert(
                    "aggregate row \"\(reader.string(row, "name", in: place) ?? name)\" without aggregate_name")
                continue
            }
            if reader.bool(row, "error_occurred", in: place) == true {
                let message = reader.string(row, "error_message", in: place) ?? "error"
                instance { entry in
                    entry.result.samples.append(Sample(ok: false, error: message))
                    entry.errors.append(message)
                }
                continue
            }
            if reader.bool(row, "skipped", in: place) == true {
                let message = reader.string(row, "skip_message", in: place) ?? "skipped"
                instance { $0.skipped = message }
                continue
            }
            var sample = Sample()
            if let real, real.isFinite, real >= 0 { sample.latency = real * scale }
            if let cpu, cpu.isFinite, cpu >= 0 { sample.cpuTime = cpu * scale }
            guard sample.latency != nil else {
                if row["real_time"] == nil && row["cpu_time"] == nil {
                    untimed += 1
                } else {
                    reader.error(
                        "expected a finite, non-negative \"real_time\" in \(place); the row is skipped",
                        at: row["real_time"] ?? row)
                }
                continue
            }
            instance { $0.result.samples.append(sample) }
            unread.formUnion(FormatSupport.unread(row, known: Self.known))
        }
        if untimed > 0 {
            reader.warning(
                "\(untimed) of \(rows.count) benchmark rows have no \"real_time\" or \"cpu_time\"; they are listed without figures",
                at: root["benchmarks"])
        }
        var results: [RunResult] = []
        for name in order {
            guard var entry = instances[name] else { continue }
            let ok = entry.result.samples.okCount
            if !entry.errors.isEmpty {
                entry.result.status = .init(failed: entry.errors.count, total: ok + entry.errors.count)
                let distinct = Array(Set(entry.errors)).sorted()
                entry.result.error = distinct.count == 1 ? distinct[0] : distinct.joined(separator: "; ")
            } else if let skipped = entry.skipped, entry.result.samples.isEmpty, entry.result.reported.isEmpty {
                entry.result.error = "skipped: \(skipped)"
            }
            if entry.result.samples.isEmpty, let repetitions = entry.aggregateRepetitions {
                // Aggregates only (--benchmark_report_aggregates_only): the repetitions they summarize.
                for metric in entry.result.reported.keys {
                    entry.result.reported[metric]?.set(.count, Double(repetitions), field: "repetitions")
                }
            }
            results.append(entry.result)
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
            for key in ["cpu_scaling_enabled", "aslr_enabled", "library_build_type", "executable", "load_avg"] {
                if let v = context[key], !v.isNull { extra.append(KeyValue(key, JSONText.compact(v))) }
            }
            environment.extra = extra
        }
        var timestamp: Timestamp?
        if let date = context.flatMap({ reader.string($0, "date", in: "context") }) {
            timestamp = Timestamp(iso8601: date)
            if timestamp == nil {
                reader.warning("cannot read the date \"\(date)\" in context; expected ISO 8601", at: context?["date"])
            }
        }
        let version = context.flatMap { reader.string($0, "library_version", in: "context") }
        var source = RunSource(
            format: displayName, file: reader.file.path, tool: "Google Benchmark" + (version.map { " \($0)" } ?? ""))
        source.unreadFields = unread.sorted()
        source.notes = notes
        if let date = context?["date"]?.stringValue, !date.contains("+"), !date.hasSuffix("Z"),
            !date.dropFirst(10).contains("-")
        {
            source.notes.append("The context date has no time zone; benchsite reads it as UTC.")
        }
        source.aggregatesOnly = !results.isEmpty && results.allSatisfy { $0.samples.isEmpty }
        return FormatOutput(runs: [
            Run(
                id: "", timestamp: timestamp, timestampSource: timestamp == nil ? nil : .file, source: source,
                environment: environment, results: results)
        ])
    }

    /// `BM_Sort: O(NlgN), coefficient 2.2 ns (real time); fit error (RMS) 7.2%`.
    private func complexityNote(
        _ row: JSONNode, family: String, aggregate: String, reader: inout FieldReader, place: String
    ) -> String {
        if aggregate == "RMS" {
            let rms = reader.number(row, "rms", in: place)
            return
                "\(family): fit error of the complexity (RMS) \(rms.map { NumberFormatting.significant($0 * 100) + "%" } ?? "not given")."
        }
        let bigO = reader.string(row, "big_o", in: place) ?? "?"
        let unit = reader.string(row, "time_unit", in: place) ?? "ns"
        let coefficient = reader.number(row, "real_coefficient", in: place)
        let shown =
            coefficient.map { " with coefficient \(NumberFormatting.significant($0)) \(unit) (real time)" } ?? ""
        return
            "\(family): complexity O(\(bigO.hasPrefix("(") ? String(bigO.dropFirst().dropLast()) : bigO))\(shown), as Google Benchmark fitted it."
    }
}
