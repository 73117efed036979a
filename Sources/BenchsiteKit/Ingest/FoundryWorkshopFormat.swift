/// The Foundry Local workshop's benchmark outputs: a JSON array with one entry per model.
///
/// Two variants exist, and both may come as captured stdout (log lines and a banner before the JSON):
/// - the session 3 script: `{alias | model, rounds, latency_avg, latency_p95, tokens_per_sec_avg,
///   first_token_latency_avg?, sample?}`, seconds;
/// - the session 3 notebook: `{alias, model_id, latency_avg_s, latency_min_s, latency_max_s, latency_p95_s,
///   tokens_per_sec_avg, avg_*_tokens, rounds_ok, configured_rounds, sample_output}`.
/// An entry with a `status` other than ok, or with an `error`, is a failed model.
/// Only aggregates are written, so every figure is a reported one.
struct FoundryWorkshopFormat: InputFormat {
    let signature = ["alias", "latency_avg", "latency_p95", "tokens_per_sec_avg", "rounds"]
    let name = "foundry-workshop"
    let displayName = "Foundry Local workshop"

    private static let figureKeys: Set<String> = [
        "latency_avg", "latency_p95", "latency_avg_s", "latency_p95_s", "latency_min_s", "latency_max_s",
        "tokens_per_sec_avg", "first_token_latency_avg", "rounds", "rounds_ok",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let entries = document.values.first?.arrayElements, !entries.isEmpty, document.values.count == 1 else { return false }
        return entries.contains { entry in
            guard let members = entry.objectMembers else { return false }
            let keys = Set(members.map(\.key))
            let named = keys.contains("alias") || keys.contains("model") || keys.contains("model_id")
            let hasFigures = !keys.isDisjoint(with: Self.figureKeys)
            let failed = keys.contains("error") || keys.contains("status")
            return named && (hasFigures || failed)
        }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        guard let entries = document.values.first?.arrayElements else { return output }
        let notebook = entries.contains { $0["latency_avg_s"] != nil || $0["rounds_ok"] != nil }
        var results: [RunResult] = []
        for (index, entry) in entries.enumerated() {
            let place = "entry \(index + 1)"
            guard entry.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(entry.kindDescription)", at: entry)
                continue
            }
            let alias = reader.string(entry, "alias", in: place)
            let model = reader.string(entry, "model", in: place)
            let modelID = reader.string(entry, "model_id", in: place) ?? (alias != nil ? model : nil)
            guard let subject = alias ?? model ?? modelID, !subject.isEmpty else {
                reader.error("expected \"alias\" or \"model\" naming the model in \(place); the entry is skipped", at: entry)
                continue
            }
            let entryPlace = "\(place) (\"\(subject)\")"
            var result = RunResult(subject: subject, scenario: Self.scenario(forModelID: modelID ?? subject))
            result.subjectID = modelID == subject ? nil : modelID
            let status = reader.string(entry, "status", in: entryPlace)
            let error = reader.string(entry, "error", in: entryPlace)
            if let error, !error.isEmpty {
                result.status = .failed
                result.error = error
            } else if let status, !["ok", "success", "succeeded", "completed", "passed"].contains(status.lowercased()) {
                result.status = .failed
                result.error = "status: \(status)"
            }

            var latency = ReportedStatistics()
            for (key, statistic) in [
                ("latency_avg", Statistic.mean), ("latency_p95", .p95), ("latency_avg_s", .mean), ("latency_p95_s", .p95),
                ("latency_min_s", .min), ("latency_max_s", .max),
            ] {
                if let value = reader.nonNegative(entry, key, in: entryPlace) { latency.set(statistic, value, field: key) }
            }
            var throughput = ReportedStatistics()
            if let value = reader.nonNegative(entry, "tokens_per_sec_avg", in: entryPlace) {
                throughput.set(.mean, value, field: "tokens_per_sec_avg")
            }
            var ttft = ReportedStatistics()
            if let value = reader.nonNegative(entry, "first_token_latency_avg", in: entryPlace) {
                ttft.set(.mean, value, field: "first_token_latency_avg")
            }
            let rounds = reader.count(entry, "rounds", in: entryPlace)
            let roundsOK = reader.count(entry, "rounds_ok", in: entryPlace)
            let configured = reader.count(entry, "configured_rounds", in: entryPlace)
            result.configuredRequests = configured ?? rounds
            result.reportedSuccesses = roundsOK ?? (result.status == .failed ? 0 : rounds)
            if let n = result.reportedSuccesses {
                let field = roundsOK != nil ? "rounds_ok" : "rounds"
                if !latency.isEmpty { latency.set(.count, Double(n), field: field) }
                if !throughput.isEmpty { throughput.set(.count, Double(n), field: field) }
                if !ttft.isEmpty { ttft.set(.count, Double(n), field: field) }
            }
            if !latency.isEmpty { result.reported[.latency] = latency }
            if !throughput.isEmpty { result.reported[.throughput] = throughput }
            if !ttft.isEmpty { result.reported[.timeToFirstToken] = ttft }
            result.sampleOutput = reader.string(entry, "sample_output", in: entryPlace) ?? reader.string(entry, "sample", in: entryPlace)
            if result.status == .ok, let ok = result.reportedSuccesses, let planned = result.configuredRequests, ok < planned {
                result.status = ok == 0 ? .failed : .partial
                if ok == 0, result.error == nil { result.error = "no round succeeded (0/\(planned))" }
            }
            if result.status == .ok, result.reported.isEmpty {
                reader.warning("\(entryPlace) has no latency or throughput figures", at: entry)
            }
            results.append(result)
        }
        let run = Run(
            id: "",
            timestamp: nil,
            timestampSource: nil,
            source: RunSource(format: "\(displayName) (\(notebook ? "notebook" : "script"))", file: reader.file.path),
            results: results)
        output.runs.append(run)
        return output
    }

    /// Foundry Local model ids name their execution provider: `Phi-4-mini-instruct-cuda-gpu:4`,
    /// `qwen2.5-0.5b-instruct-generic-cpu:3`. That is the scenario; plain aliases are "default".
    static func scenario(forModelID id: String) -> String {
        let lower = id.lowercased()
        let base = lower.split(separator: ":").first.map(String.init) ?? lower
        if base.hasSuffix("-gpu") { return "gpu" }
        if base.hasSuffix("-cpu") { return "cpu" }
        if base.hasSuffix("-npu") { return "npu" }
        return "default"
    }
}
