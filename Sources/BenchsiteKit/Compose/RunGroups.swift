/// The runs of one tool, or of tools that measured the same subjects: what the overview shows under
/// one heading, with its own latest run, and what the indexes list together.
struct RunGroup: Sendable, Equatable {
    /// The tools of the group's runs, the tool of its newest run first.
    var tools: [String]
    /// The group's runs, oldest first as in the history.
    var runIndices: [Int]
    /// What the group's subjects are.
    var noun: SubjectNoun

    var name: String { tools.joined(separator: " · ") }
    /// The group's newest run.
    var latestRunIndex: Int { runIndices[runIndices.count - 1] }
}

/// What a tool's subjects are called: a model for LLM tools, a command for hyperfine, a benchmark
/// for benchmark suites, a test for pytest-benchmark.
struct SubjectNoun: Sendable, Equatable {
    var singular: String
    var plural: String

    static let model = SubjectNoun(singular: "model", plural: "models")
    static let command = SubjectNoun(singular: "command", plural: "commands")
    static let benchmark = SubjectNoun(singular: "benchmark", plural: "benchmarks")
    static let test = SubjectNoun(singular: "test", plural: "tests")

    /// `Model`, for a column header.
    var header: String { Self.capitalized(singular) }
    /// `Models`, for a column header or a title.
    var pluralHeader: String { Self.capitalized(plural) }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// `1 model`, `20 models`.
    func count(_ n: Int) -> String { "\(n) \(n == 1 ? singular : plural)" }
}

enum RunGroups {
    /// The tool a run's results come from: its reading's format without the variant (the workshop's
    /// notebook and script files are one tool, llmperf's summary and individual responses too).
    static func tool(ofFormat format: String) -> String {
        for (prefix, tool) in toolPrefixes where format.hasPrefix(prefix) { return tool }
        return format
    }

    private static let toolPrefixes: [(String, String)] = [
        ("Foundry Local workshop", "Foundry Local workshop"), ("llmperf", "llmperf"),
        ("GenAI-Perf / AIPerf", "AIPerf"), ("AIPerf", "AIPerf"), ("asv ", "asv"),
        ("vLLM", "vLLM"), ("SGLang", "SGLang"),
    ]

    /// What a tool's subjects are called.
    static func noun(ofTool tool: String) -> SubjectNoun {
        switch tool {
        case "hyperfine": return .command
        case "Google Benchmark", "asv", "pyperf": return .benchmark
        case "pytest-benchmark": return .test
        default: return .model
        }
    }

    /// A history's runs by tool, tools that measured a subject of the same name joined into one
    /// group (the demo's nightly runs in benchsite's format and the workshop's files about the same
    /// models are one group). The group with the newest run first; a group's noun is its newest
    /// tool's, unless its tools disagree (then `model` for LLM tools, else `benchmark`).
    static func make(_ runs: [Run]) -> [RunGroup] {
        var runsOfTool: [String: [Int]] = [:]
        var subjectsOfTool: [String: Set<String>] = [:]
        for index in runs.indices {
            let tool = tool(ofFormat: runs[index].source.format)
            runsOfTool[tool, default: []].append(index)
            subjectsOfTool[tool, default: []].formUnion(runs[index].results.map(\.subject))
        }
        var merged: [(tools: [String], subjects: Set<String>)] = []
        for tool in runsOfTool.keys.sorted() {
            var group = (tools: [tool], subjects: subjectsOfTool[tool] ?? [])
            merged.removeAll { other in
                guard !other.subjects.isDisjoint(with: group.subjects) else { return false }
                group.tools += other.tools
                group.subjects.formUnion(other.subjects)
                return true
            }
            merged.append(group)
        }
        let groups = merged.map { group -> RunGroup in
            let newest = { (tool: String) in runsOfTool[tool]?.last ?? -1 }
            let tools = group.tools.sorted { newest($0) != newest($1) ? newest($0) > newest($1) : $0 < $1 }
            let nouns = Set(tools.map(noun(ofTool:)).map(\.singular))
            let noun = nouns.count == 1 ? noun(ofTool: tools[0]) : (nouns.contains("model") ? .model : .benchmark)
            return RunGroup(
                tools: tools, runIndices: tools.flatMap { runsOfTool[$0] ?? [] }.sorted(), noun: noun)
        }
        return groups.sorted { a, b in
            a.latestRunIndex != b.latestRunIndex ? a.latestRunIndex > b.latestRunIndex : a.name < b.name
        }
    }
}
