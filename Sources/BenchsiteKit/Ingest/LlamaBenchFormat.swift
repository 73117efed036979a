/// llama.cpp `llama-bench -o json` (an array) and `-o jsonl` (one object per line): one series per
/// model file and test; `samples_ns` and `samples_ts` are the repetitions.
struct LlamaBenchFormat: InputFormat {
    let signature = ["model_filename", "n_prompt", "n_gen", "avg_ns", "samples_ns", "samples_ts"]
    let name = "llama-bench"
    let displayName = "llama-bench"
    static let known: Set<String> = [
        "build_commit", "build_number", "cpu_info", "gpu_info", "backends", "model_filename", "model_type",
        "model_size",
        "model_n_params", "n_prompt", "n_gen", "n_depth", "test_time", "avg_ns", "stddev_ns", "avg_ts", "stddev_ts",
        "samples_ns", "samples_ts",
    ]
    // Every other key is a setting of the test (n_batch, n_ubatch, n_threads, type_k, n_gpu_layers,
    // flash_attn, ..., and those newer llama-bench versions add): settings equal in every test are the
    // run's configuration; those that differ (`-t 1,2`, `-b 64,128`) tell the tests apart in the scenario.

    func matches(_ document: InputDocument) -> Bool {
        guard let first = document.records.first else { return false }
        return first["samples_ns"] != nil || (first["avg_ns"] != nil && first["n_prompt"] != nil)
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var results: [RunResult] = []
        var earliest: Timestamp?
        var environment = Environment()
        var versionControl: VersionControl?
        var tool = "llama-bench"
        var unread = Set<String>()
        for (index, record) in document.records.enumerated() {
            let place = "test \(index + 1)"
            guard record.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(record.kindDescription)", at: record)
                continue
            }
            let file = reader.string(record, "model_filename", in: place)
            let model = file.map { FormatSupport.stem($0) } ?? reader.string(record, "model_type", in: place) ?? "model"
            let prompt = reader.count(record, "n_prompt", in: place) ?? 0
            let generate = reader.count(record, "n_gen", in: place) ?? 0
            let depth = reader.count(record, "n_depth", in: place) ?? 0
            var test = [prompt > 0 ? "pp\(prompt)" : nil, generate > 0 ? "tg\(generate)" : nil].compactMap { $0 }
                .joined(separator: "+")
            if depth > 0 { test += " @ d\(depth)" }
            var result = RunResult(subject: model, scenario: test.isEmpty ? "default" : test)
            result.subjectID = reader.string(record, "model_type", in: place)
            let nanos = reader.array(record, "samples_ns", in: place) ?? []
            let rates = reader.array(record, "samples_ts", in: place) ?? []
            for i in 0..<max(nanos.count, rates.count) {
                var sample = Sample()
                if i < nanos.count {
                    guard let ns = nanos[i].numberValue, ns.isFinite, ns >= 0 else {
                        reader.error(
                            "expected a non-negative number at samples_ns[\(i)] in \(place), found \(nanos[i].kindDescription)",
                            at: nanos[i])
                        continue
                    }
                    sample.latency = ns / 1e9
                }
                if i < rates.count, let ts = rates[i].numberValue, ts.isFinite, ts >= 0 {
                    sample.reportedTokensPerSecond = ts
                }
                sample.completionTokens = generate > 0 ? generate : prompt
                result.samples.append(sample)
            }
            result.sampleFields = [.latency: "samples_ns", .throughput: "samples_ts"]
            var latency = ReportedStatistics()
            if let avg = reader.nonNegative(record, "avg_ns", in: place) {
                latency.set(.mean, avg / 1e9, field: "avg_ns")
            }
            if let sd = reader.nonNegative(record, "stddev_ns", in: place) {
                latency.set(.stddev, sd / 1e9, field: "stddev_ns")
            }
            if !latency.isEmpty { result.reported[.latency] = latency }
            var throughput = ReportedStatistics()
            if let avg = reader.nonNegative(record, "avg_ts", in: place) { throughput.set(.mean, avg, field: "avg_ts") }
            if let sd = reader.nonNegative(record, "stddev_ts", in: place) {
                throughput.set(.stddev, sd, field: "stddev_ts")
            }
            if !throughput.isEmpty { result.reported[.throughput] = throughput }
            if let time = reader.string(record, "test_time", in: place) {
                if let stamp = Timestamp(iso8601: time) {
                    if earliest == nil || stamp < earliest! { earliest = stamp }
                } else {
                    reader.error(
                        "expected an ISO 8601 time for \"test_time\" in \(place), found \"\(time)\"",
                        at: record["test_time"])
                }
            }
            environment.cpu = environment.cpu ?? reader.string(record, "cpu_info", in: place)
            environment.gpu = environment.gpu ?? reader.string(record, "gpu_info", in: place)
            environment.accelerator = environment.accelerator ?? reader.string(record, "backends", in: place)
            if let commit = reader.string(record, "build_commit", in: place) {
                versionControl = VersionControl(commit: commit)
                let build = reader.string(record, "build_number", in: place)
                tool = "llama-bench" + (build.map { " build \($0)" } ?? "") + " (\(commit))"
            }
            for member in record.objectMembers ?? [] where !Self.known.contains(member.key) {
                // Scalars and lists of scalars are settings; anything nested is not one.
                let nested =
                    member.value.objectMembers != nil
                    || (member.value.arrayElements ?? []).contains {
                        $0.objectMembers != nil || $0.arrayElements != nil
                    }
                if nested {
                    unread.insert(member.key)
                } else {
                    result.parameters.append(KeyValue(member.key, JSONText.compact(member.value)))
                }
            }
            results.append(result)
        }
        // Settings every test shares are the run's configuration.
        var configuration: [KeyValue] = []
        if let first = results.first {
            for parameter in first.parameters where results.allSatisfy({ $0.parameters.contains(parameter) }) {
                configuration.append(parameter)
            }
        }
        configuration.sort { $0.key < $1.key }
        var source = RunSource(format: displayName, file: reader.file.path, tool: tool)
        source.unreadFields = unread.sorted()
        let run = Run(
            id: "", timestamp: earliest, timestampSource: earliest == nil ? nil : .file, source: source,
            environment: environment,
            versionControl: versionControl, configuration: configuration, results: results)
        return FormatOutput(runs: [run])
    }
}
