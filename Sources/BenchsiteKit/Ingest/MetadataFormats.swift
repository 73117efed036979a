/// A Foundry model list (`models.json`): `{alias: {capabilities: [...], size_mb, license, ...}}`.
struct FoundryModelListFormat: InputFormat {
    let signature = ["capabilities", "size_mb", "license"]
    let name = "models"
    let displayName = "model list"
    private static let infoKeys: Set<String> = [
        "capabilities", "size_mb", "license", "publisher", "task", "parameters", "description",
    ]

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let members = root.objectMembers, !members.isEmpty else { return false }
        return members.allSatisfy { member in
            guard let inner = member.value.objectMembers else { return false }
            return inner.contains { Self.infoKeys.contains($0.key) }
        }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        guard let root = document.root, let members = root.objectMembers else { return output }
        for member in members {
            let place = "model \"\(member.key)\""
            var info = ModelInfo()
            for (i, capability) in (reader.array(member.value, "capabilities", in: place) ?? []).enumerated() {
                if let text = capability.stringValue {
                    info.capabilities.append(text)
                } else {
                    reader.error(
                        "expected a string for capabilities[\(i)] in \(place), found \(capability.kindDescription)",
                        at: capability)
                }
            }
            info.sizeMB = reader.nonNegative(member.value, "size_mb", in: place)
            info.license = reader.string(member.value, "license", in: place)
            info.extra = reader.keyValues(member.value).filter {
                !["capabilities", "size_mb", "license"].contains($0.key)
            }
            output.metadata.models[member.key] = info
        }
        return output
    }
}

/// A prompt set (`prompts.json`): a JSON array of strings.
struct PromptSetFormat: InputFormat {
    let signature: [String] = []
    let name = "prompts"
    let displayName = "prompt set"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let elements = root.arrayElements, !elements.isEmpty else { return false }
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
    let signature = ["scores", "model", "prompt", "score"]
    let name = "quality"
    let displayName = "quality annotations"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let scores = root["scores"]?.arrayElements else { return false }
        return scores.first.map { $0["score"] != nil && $0["model"] != nil } ?? false
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        guard let root = document.root else { return output }
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
                reader.error(
                    "expected a score from 1 to 5 in \(place), found \(NumberFormatting.plain(score))",
                    at: entry["score"])
                continue
            }
            let prompt = reader.string(entry, "prompt", in: place) ?? ""
            output.metadata.qualityScores.append(
                QualityScore(model: model, prompt: prompt, score: score, note: reader.string(entry, "note", in: place)))
        }
        return output
    }
}
