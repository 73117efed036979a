/// Files that benchmark tools write beside their results, which hold no results: recognised so that
/// pointing benchsite at a tool's output folder reads it without errors, and said in `validate`.
/// - AIPerf and GenAI-Perf `inputs.json` (the prompts sent: `data[]` of `payloads`/`payload`),
///   AIPerf 0.12+ `phase_manifest.json` (where each phase's aggregate is);
/// - perf_analyzer's raw `profile_export.json` under GenAI-Perf (`experiments[]`, `service_kind`).
struct CompanionFilesFormat: InputFormat {
    let signature: [String] = []
    let name = "companion"
    let displayName = "a tool's companion file (no results)"

    /// What the file is, when it is one of the known companions.
    static func kind(of root: JSONNode) -> String? {
        if let first = root["data"]?.arrayElements?.first, first["payloads"] != nil || first["payload"] != nil {
            return "the prompts AIPerf or GenAI-Perf sent (inputs.json)"
        }
        if root["phases"]?.arrayElements?.first?["metrics_json"] != nil {
            return
                "AIPerf's list of phases (phase_manifest.json); each phase's figures are read from the run folder's own export"
        }
        if root["experiments"]?.arrayElements != nil, root["service_kind"] != nil {
            return
                "perf_analyzer's raw export under GenAI-Perf; its summary (*_genai_perf.json) is what benchsite reads"
        }
        return nil
    }

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root else { return false }
        return Self.kind(of: root) != nil
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        FormatOutput()
    }
}
