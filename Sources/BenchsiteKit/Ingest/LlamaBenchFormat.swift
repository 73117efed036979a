/// llama.cpp `llama-bench -o json` (an array) and `-o jsonl` (one object per line): one series per
/// model file and test; `samples_ns` and `samples_ts` are the repetitions.
struct LlamaBenchFormat: InputFormat {
    let signature = ["model_filename", "n_prompt", "n_gen", "avg_ns", "samples_ns", "samples_ts"]
    let name = "llama-bench"
    let displayName = "llama-bench"
    static let known: Set<String> = [
        "build_commit", "build_number", "cpu_info", "gpu_info", "backends", "model_filename", "model_type", "model_size",
        "model_n_params", "n_prompt", "n_gen", "n_depth", "test_time", "avg_ns", "stddev_ns", "avg_ts", "stddev_ts",
        "samples_ns", "samples_ts",
    ]
    /// Settings shown as the run's configuration.
    static let settings = [
        "n_batch", "n_ubatch", "n_threads", "cpu_mask", "cpu_strict", "poll", "type_k", "type_v", "n_gpu_layers", "split_mode",
        "main_gpu", "no_kv_offload", "flash_attn", "tensor_split", "tensor_buft_overrides", "defrag_thold", "use_mmap",
        "embeddings", "no_op_offload",
    ]

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
        var configuration: [String: String] = [:]
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
            var test = [prompt > 0 ? "pp\(prompt)" : nil, generate > 0 ? "tg\(generate)" : nil].compactMap { $0 }.joined(separator: "+")
            if depth > 0 { test += " @ d\(depth)" }
            var result = RunResult(subject: model, scenario: test.isEmpty ? "default" : test)
            result.subjectID = reader.string(record, "model_type", in: place)
            let nanos = reader.array(record, "samples_ns", in: place) ?? []
            let rates = reader.array(record, "samples_ts", in: place) ?? []
            for i in 0..<max(nanos.count, rates.count) {
                var sample = Sample()
                if i < nanos.count {
                    guard let ns = nanos[i].numberValue, ns.isFinite, ns >= 0 else {
                        reader.error("expected a non-negative number at samples_ns[\(i)] in \(place), found \(nanos[i].kindDescription)", at: nanos[i])
                        continue
                    }
                    sample.latency = ns / 1e9
                }
                if i < rates.count, let ts = rates[i].numberValue, ts.isFinite, ts >= 0 { sample.reportedTokensPerSecond = ts }
                sample.completionTokens = generate > 0 ? generate : prompt
                result.samples.append(sample)
            }
            result.sampleFields = [.latency: "samples_ns", .throughput: "samples_ts"]
            var latency = ReportedStatistics()
            if let avg = reader.nonNegative(record, "avg_ns", in: place) { latency.set(.mean, avg / 1e9, field: "avg_ns") }
            if let sd = reader.nonNegative(record, "stddev_ns", in: place) { latency.set(.stddev, sd / 1e9, field: "stddev_ns") }
            if !latency.isEmpty { result.reported[.latency] = latency }
            var throughput = ReportedStatistics()
            if let avg = reader.nonNegative(record, "avg_ts", in: place) { throughput.set(.mean, avg, field: "avg_ts") }
            if let sd = reader.nonNegative(record, "stddev_ts", in: place) { throughput.set(.stddev, sd, field: "stddev_ts") }
            if !throughput.isEmpty { result.reported[.throughput] = throughput }
            if let time = reader.string(record, "test_time", in: place) {
                if let stamp = Timestamp(iso8601: time) {
                    if earliest == nil || stamp < earliest! { earliest = stamp }
                } else {
                    reader.error("expected an ISO 8601 time for \"test_time\" in \(place), found \"\(time)\"", at: record["test_time"])
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
            for key in Self.settings {
                if let node = record[key], !node.isNull { configuration[key] = JSONText.compact(node) }
            }
            unread.formUnion(FormatSupport.unread(record, known: Self.known.union(Self.settings)))
            results.append(result)
        }
        var source = RunSource(format: displayName, file: reader.file.path, tool: tool)
        source.unreadFields = unread.sorted()
        let run = Run(
            id: "", timestamp: earliest, timestampSource: earliest == nil ? nil : .file, source: source, environment: environment,
            versionControl: versionControl, configuration: configuration.sorted { $0.key < $1.key }.map { KeyValue($0.key, $0.value) },
            results: results)
        return FormatOutput(runs: [run])
    }
}
