import Foundation

/// The Foundry Local workshop's benchmark outputs: a JSON array with one entry per model, printed
/// after logs (or saved by the export script).
///
/// Every version in the workshop's history (microsoft/edgeai-for-beginners, Workshop/):
/// - session 3 script and guide snippet: `{alias | model, rounds, latency_avg, latency_p95,
///   tokens_per_sec_avg, first_token_latency_avg?, sample?}`, seconds;
/// - session 3 notebook: `{alias, model_id?, latency_avg_s, latency_min_s?, latency_max_s?,
///   latency_p95_s, tokens_per_sec_avg, avg_*_tokens, rounds_ok, configured_rounds, sample_output?}`;
/// - session 4 script: `{alias, latency_sec, tokens, sample}` (one request), `{alias, error}` on failure;
/// - session 4 notebook: `{alias, status: success | error, content, elapsed_sec, tokens, usage, model}`.
/// An entry with a `status` other than ok/success, or with an `error`, is a failed model. Only
/// aggregates are written, so every figure is a reported one. Log lines such as
/// `Loaded model: phi-4-mini -> Phi-4-mini-instruct-generic-cpu:4` name a model's id (and so its
/// device) when the entries do not. A capture that holds several runs (`>>` twice) is read as several runs.
/// `tokens_per_sec_avg` counts prompt and completion tokens (estimated from characters when the
/// service reports no usage): the run page says so.
struct FoundryWorkshopFormat: InputFormat {
    let signature = ["alias", "latency_avg", "latency_p95", "tokens_per_sec_avg", "rounds"]
    let name = "foundry-workshop"
    let displayName = "Foundry Local workshop"

    private static let figureKeys: Set<String> = [
        "latency_avg", "latency_p95", "latency_avg_s", "latency_p95_s", "latency_min_s", "latency_max_s",
        "tokens_per_sec_avg", "first_token_latency_avg", "rounds", "rounds_ok", "latency_sec", "elapsed_sec",
    ]

    /// The arrays of entries in the file: one, or several when runs were appended to one capture.
    private static func arrays(_ document: InputDocument) -> [[JSONNode]] {
        document.values.compactMap(\.arrayElements)
    }

    func matches(_ document: InputDocument) -> Bool {
        let arrays = Self.arrays(document)
        guard !arrays.isEmpty, arrays.count == document.values.count else { return false }
        return arrays.allSatisfy { entries in
            !entries.isEmpty
                && entries.contains { entry in
                    guard let members = entry.objectMembers else { return false }
                    let keys = Set(members.map(\.key))
                    let named = keys.contains("alias") || keys.contains("model") || keys.contains("model_id")
                    let hasFigures = !keys.isDisjoint(with: Self.figureKeys)
                    let failed = keys.contains("error") || keys.contains("status")
                    return named && (hasFigures || failed)
                }
        }
    }

    /// `alias -> model id` pairs the workshop's logs print (`Loaded model: a -> id`, `Connected to 'a' -> id`).
    static func modelIDs(inLog bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        let text = String(decoding: bytes.prefix(4_000_000), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where line.contains("->") {
            let parts = line.components(separatedBy: "->")
            guard parts.count == 2 else { continue }
            let trimming = CharacterSet(charactersIn: "'\" \t\r")
            let alias = parts[0].split(separator: " ").last.map { String($0).trimmingCharacters(in: trimming) } ?? ""
            let id = parts[1].split(separator: " ").first.map { String($0).trimmingCharacters(in: trimming) } ?? ""
            guard !alias.isEmpty, !id.isEmpty, !alias.contains(":"),
                id.range(of: #"^[A-Za-z0-9._\-]+(:[0-9]+)?$"#, options: .regularExpression) != nil
            else { continue }
            out[alias] = id
        }
        return out
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        let arrays = Self.arrays(document)
        let logIDs = Self.modelIDs(inLog: reader.file.bytes)
        for (index, entries) in arrays.enumerated() {
            var run = readRun(entries, reader: &reader, logIDs: logIDs)
            if arrays.count > 1 {
                run.source.notes.append("Run \(index + 1) of \(arrays.count) in this capture.")
            }
            output.runs.append(run)
        }
        return output
    }

    private func readRun(_ entries: [JSONNode], reader: inout FieldReader, logIDs: [String: String]) -> Run {
        let notebook = entries.contains { $0["latency_avg_s"] != nil || $0["rounds_ok"] != nil }
        let sessionFour = entries.contains {
            $0["latency_sec"] != nil || $0["elapsed_sec"] != nil || $0["content"] != nil
        }
        let variant =
            sessionFour
            ? (entries.contains { $0["elapsed_sec"] != nil || $0["content"] != nil }
                ? "session 4 notebook" : "session 4 script")
            : (notebook ? "notebook" : "script")
        var results: [RunResult] = []
        var throughputFields = Set<String>()
        for (index, entry) in entries.enumerated() {
            let place = "entry \(index + 1)"
            guard entry.objectMembers != nil else {
                reader.error("expected an object for \(place), found \(entry.kindDescription)", at: entry)
                continue
            }
            let alias = reader.string(entry, "alias", in: place)
            let model = reader.string(entry, "model", in: place)
            var modelID = reader.string(entry, "model_id", in: place) ?? (alias != nil ? model : nil)
            guard let subject = alias ?? model ?? modelID, !subject.isEmpty else {
                reader.error(
                    "expected \"alias\" or \"model\" naming the model in \(place); the entry is skipped", at: entry)
                continue
            }
            if modelID == nil { modelID = logIDs[subject] }
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
                ("latency_avg", Statistic.mean), ("latency_p95", .p95), ("latency_avg_s", .mean),
                ("latency_p95_s", .p95),
                ("latency_min_s", .min), ("latency_max_s", .max), ("latency_sec", .mean), ("elapsed_sec", .mean),
            ] {
                if let value = reader.nonNegative(entry, key, in: entryPlace) {
                    latency.set(statistic, value, field: key)
                }
            }
            var throughput = ReportedStatistics()
            if let value = reader.nonNegative(entry, "tokens_per_sec_avg", in: entryPlace) {
                throughput.set(.mean, value, field: "tokens_per_sec_avg")
                throughputFields.insert("tokens_per_sec_avg")
            }
            var ttft = ReportedStatistics()
            if let value = reader.nonNegative(entry, "first_token_latency_avg", in: entryPlace) {
                ttft.set(.mean, value, field: "first_token_latency_avg")
            }
            let rounds = reader.count(entry, "rounds", in: entryPlace)
            let roundsOK = reader.count(entry, "rounds_ok", in: entryPlace)
            let configured = reader.count(entry, "configured_rounds", in: entryPlace)
            // Session 4 makes one request per model.
            result.configuredRequests = configured ?? rounds ?? (sessionFour ? 1 : nil)
            result.reportedSuccesses = roundsOK ?? (result.status == .failed ? 0 : (rounds ?? (sessionFour ? 1 : nil)))
            if let n = result.reportedSuccesses {
                let field = roundsOK != nil ? "rounds_ok" : (rounds != nil ? "rounds" : "one request")
                if !latency.isEmpty { latency.set(.count, Double(n), field: field) }
                if !throughput.isEmpty { throughput.set(.count, Double(n), field: field) }
                if !ttft.isEmpty { ttft.set(.count, Double(n), field: field) }
            }
            if !latency.isEmpty { result.reported[.latency] = latency }
            if !throughput.isEmpty { result.reported[.throughput] = throughput }
            if !ttft.isEmpty { result.reported[.timeToFirstToken] = ttft }
            result.sampleOutput =
                reader.string(entry, "sample_output", in: entryPlace) ?? reader.string(entry, "sample", in: entryPlace)
                ?? reader.string(entry, "content", in: entryPlace)
            if result.status == .ok, let ok = result.reportedSuccesses, let planned = result.configuredRequests,
                ok < planned
            {
                result.status = .init(failed: planned - ok, total: planned)
                if ok == 0, result.error == nil { result.error = "no round succeeded (0/\(planned))" }
            }
            if result.status == .ok, result.reported.isEmpty {
                reader.warning("\(entryPlace) has no latency or throughput figures", at: entry)
            }
            results.append(result)
        }
        var source = RunSource(format: "\(displayName) (\(variant))", file: reader.file.path)
        if !throughputFields.isEmpty {
            source.notes.append(
                "Throughput is the workshop's tokens_per_sec_avg: prompt and completion tokens per second (estimated from the text's length when the service reported no token usage), not output tokens alone."
            )
        }
        if notebook {
            source.notes.append(
                "The notebook's p95 comes from Python's statistics.quantiles, which can lie above the slowest round when there are fewer than 20 rounds."
            )
        }
        if !logIDs.isEmpty, results.contains(where: { $0.subjectID != nil }) {
            source.notes.append("Model ids (and so CPU, GPU or NPU) as the log lines before the results name them.")
        }
        return Run(id: "", timestamp: nil, timestampSource: nil, source: source, results: results)
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
