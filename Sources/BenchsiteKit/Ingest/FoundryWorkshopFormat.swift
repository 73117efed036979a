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

/// A Foundry model list (`models.json`): `{alias: {capabilities: [...], size_mb, license, ...}}`.
struct FoundryModelListFormat: InputFormat {
    let name = "models"
    let displayName = "model list"
    private static let infoKeys: Set<String> = ["capabilities", "size_mb", "license", "publisher", "task", "parameters", "description"]

    func matches(_ document: InputDocument) -> Bool {
        guard case .single(let root) = document, let members = root.objectMembers, !members.isEmpty else { return false }
        return members.allSatisfy { member in
            guard let inner = member.value.objectMembers else { return false }
            return inner.contains { Self.infoKeys.contains($0.key) }
        }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        guard case .single(let root) = document, let members = root.objectMembers else { return output }
        for member in members {
            let place = "model \"\(member.key)\""
            var info = ModelInfo()
            for (i, capability) in (reader.array(member.value, "capabilities", in: place) ?? []).enumerated() {
                if let text = capability.stringValue {
                    info.capabilities.append(text)
                } else {
                    reader.error("expected a string for capabilities[\(i)] in \(place), found \(capability.kindDescription)", at: capability)
                }
            }
            info.sizeMB = reader.nonNegative(member.value, "size_mb", in: place)
            info.license = reader.string(member.value, "license", in: place)
            info.extra = reader.keyValues(member.value).filter { !["capabilities", "size_mb", "license"].contains($0.key) }
            output.metadata.models[member.key] = info
        }
        return output
    }
}

/// A prompt set (`prompts.json`): a JSON array of strings.
struct PromptSetFormat: InputFormat {
    let name = "prompts"
    let displayName = "prompt set"

    func matches(_ document: InputDocument) -> Bool {
        guard case .single(let root) = document, let elements = root.arrayElements, !elements.isEmpty else { return false }
        return elements.allSatisfy { $0.stringValue != nil }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        let prompts = document.values.first?.arrayElements?.compactMap(\.stringValue) ?? []
        output.metadata.promptSets.append((reader.file.path, prompts))
        return output
    }
}

/// Quality annotations: rubric scores (1-5) per model and prompt, shown beside the speed figures.
/// `{"rubric": "...", "scores": [{"model": "...", "prompt": "...", "score": 4, "note": "..."}]}`
struct QualityAnnotationFormat: InputFormat {
    let name = "quality"
    let displayName = "quality annotations"

    func matches(_ document: InputDocument) -> Bool {
        guard case .single(let root) = document, let scores = root["scores"]?.arrayElements else { return false }
        return scores.first.map { $0["score"] != nil && $0["model"] != nil } ?? false
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        guard case .single(let root) = document else { return output }
        output.metadata.rubric = reader.string(root, "rubric", in: "the annotations")
        for (i, entry) in (reader.array(root, "scores", in: "the annotations") ?? []).enumerated() {
            let place = "scores[\(i)]"
            guard let model = reader.string(entry, "model", in: place) else {
                reader.error("expected \"model\" in \(place)", at: entry)
                continue
            }
            guard let score = reader.number(entry, "score", in: place) else {
                if entry["score"] == nil { reader.error("expected \"score\" (1 to 5) in \(place)", at: entry) }
                continue
            }
            guard (1...5).contains(score) else {
                reader.error("expected a score from 1 to 5 in \(place), found \(NumberFormatting.plain(score))", at: entry["score"])
                continue
            }
            let prompt = reader.string(entry, "prompt", in: place) ?? ""
            output.metadata.qualityScores.append(
                QualityScore(model: model, prompt: prompt, score: score, note: reader.string(entry, "note", in: place)))
        }
        return output
    }
}
