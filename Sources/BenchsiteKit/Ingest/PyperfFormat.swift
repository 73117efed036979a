/// pyperf JSON (`python -m pyperf timeit -o FILE`, `pyperf command -o`, a `Runner` suite, format
/// "1.0" and the older 5 and 6): `benchmarks[].runs[].values` are the samples, already per call
/// (divided by `loops × inner_loops`), in the benchmark's `unit` (`second`, the default; `byte` for
/// `--track-memory`, one peak per run; `integer`). Runs without `values` are calibration runs.
/// Metadata is inherited: file, then benchmark, then run (the run wins); `name`, `unit`, `date`,
/// `hostname` may sit at any level. `pyperf stats` pools every value of every run, as benchsite does.
struct PyperfFormat: InputFormat {
    let signature = ["version", "metadata", "benchmarks", "runs", "values"]
    let name = "pyperf"
    let displayName = "pyperf"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, root["version"] != nil, let first = root["benchmarks"]?.arrayElements?.first
        else { return false }
        return first["runs"]?.arrayElements != nil
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let benchmarks = reader.array(root, "benchmarks", in: "the file") else {
            return FormatOutput()
        }
        let fileMetadata = root["metadata"]?.objectMembers ?? []
        var results: [RunResult] = []
        var earliest: Timestamp?
        var environmentMetadata: [String: JSONNode] = [:]
        for member in fileMetadata { environmentMetadata[member.key] = member.value }
        for (index, benchmark) in benchmarks.enumerated() {
            let place = "benchmarks[\(index)]"
            guard benchmark.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(benchmark.kindDescription)", at: benchmark)
                continue
            }
            var inherited: [String: JSONNode] = [:]
            for member in fileMetadata { inherited[member.key] = member.value }
            for member in benchmark["metadata"]?.objectMembers ?? [] { inherited[member.key] = member.value }
            let runs = reader.array(benchmark, "runs", in: place) ?? []
            // `name` and `unit` are usually common, but may sit on the first run only.
            let firstRun = runs.first?["metadata"]?.objectMembers ?? []
            func effective(_ key: String) -> JSONNode? { inherited[key] ?? firstRun.first { $0.key == key }?.value }
            let name =
                effective("name")?.stringValue
                ?? (benchmarks.count == 1 ? FormatSupport.stem(reader.file.path) : "benchmark \(index + 1)")
            let unit = effective("unit")?.stringValue ?? "second"
            var result = RunResult(subject: name, scenario: "default")
            let metric: Metric
            switch unit {
            case "second": metric = .latency
            case "byte": metric = .memory
            case "integer":
                metric = .value
                result.valueUnit = "integer"
            default:
                reader.error(
                    "expected the unit \"second\", \"byte\" or \"integer\" for benchmark \"\(name)\", found \"\(unit)\"",
                    at: effective("unit"))
                continue
            }
            result.sampleFields = [metric: "runs[].values"]
            var calibration = 0
            for (r, run) in runs.enumerated() {
                let runPlace = "\(place).runs[\(r)]"
                if let date = run["metadata"]?["date"]?.stringValue ?? inherited["date"]?.stringValue {
                    if let stamp = Timestamp(iso8601: date) {
                        if earliest.map({ stamp < $0 }) ?? true { earliest = stamp }
                    } else {
                        reader.warning(
                            "cannot read the date \"\(date)\" of \(runPlace); expected YYYY-MM-DD HH:MM:SS",
                            at: run["metadata"]?["date"])
                    }
                }
                // Format 5 and older called the values "samples".
                guard
                    let values = reader.array(run, "values", in: runPlace) ?? reader.array(run, "samples", in: runPlace)
                else {
                    calibration += 1
                    continue
                }
                for (k, node) in values.enumerated() {
                    guard let value = node.numberValue, value.isFinite, value >= 0 else {
                        reader.error(
                            "expected a non-negative number at values[\(k)] in \(runPlace), found \(node.kindDescription)",
                            at: node)
                        continue
                    }
                    var sample = Sample()
                    switch metric {
                    case .memory: sample.memoryBytes = value
                    case .value: sample.value = value
                    default: sample.latency = value
                    }
                    result.samples.append(sample)
                }
            }
            if result.samples.isEmpty {
                reader.warning(
                    "benchmark \"\(name)\" has no values (only \(calibration) calibration run\(calibration == 1 ? "" : "s")); it is listed without figures",
                    at: benchmark)
            }
            for key in ["loops", "inner_loops"] {
                if let value = effective(key), !value.isNull {
                    result.parameters.append(KeyValue(key, JSONText.compact(value)))
                }
            }
            results.append(result)
        }
        var environment = Environment()
        environment.host = environmentMetadata["hostname"]?.stringValue
        environment.cpu =
            [
                environmentMetadata["cpu_model_name"]?.stringValue,
                environmentMetadata["cpu_count"].map { "\(JSONText.compact($0)) CPUs" },
            ]
            .compactMap { $0 }.joined(separator: ", ").nilIfEmpty
        environment.os = environmentMetadata["platform"]?.stringValue
        for key in ["python_version", "python_implementation", "cpu_config", "timer"] {
            if let value = environmentMetadata[key], !value.isNull {
                environment.extra.append(KeyValue(key, JSONText.compact(value)))
            }
        }
        let version = environmentMetadata["perf_version"]?.stringValue
        var source = RunSource(
            format: displayName, file: reader.file.path, tool: "pyperf" + (version.map { " \($0)" } ?? ""))
        if earliest != nil {
            source.notes.append(
                "pyperf writes run dates in local time without a time zone; benchsite reads them as UTC.")
        }
        source.notes.append(
            "Values are per call (pyperf divides each timing by its loops), pooled over every run, as `pyperf stats` does."
        )
        let run = Run(
            id: "", timestamp: earliest, timestampSource: earliest == nil ? nil : .file, source: source,
            environment: environment, results: results)
        return FormatOutput(runs: [run])
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
