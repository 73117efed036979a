/// What a model list file (`models.json`) says about one model.
public struct ModelInfo: Sendable, Hashable {
    public var capabilities: [String] = []
    public var sizeMB: Double?
    public var license: String?
    /// Any other fields, shown as given.
    public var extra: [KeyValue] = []

    public init(capabilities: [String] = [], sizeMB: Double? = nil, license: String? = nil, extra: [KeyValue] = []) {
        self.capabilities = capabilities
        self.sizeMB = sizeMB
        self.license = license
        self.extra = extra
    }
}

/// A rubric score (1-5) a person gave one model's answer to one prompt.
public struct QualityScore: Sendable, Hashable {
    public var model: String
    public var prompt: String
    public var score: Double
    public var note: String?

    public init(model: String, prompt: String, score: Double, note: String? = nil) {
        self.model = model
        self.prompt = prompt
        self.score = score
        self.note = note
    }
}

/// Metadata files merged over all inputs: model facts, prompt sets and quality scores.
public struct Metadata: Sendable {
    public var models: [String: ModelInfo] = [:]
    /// The prompt set files found, by file.
    public var promptSets: [(file: String, prompts: [String])] = []
    public var qualityScores: [QualityScore] = []
    public var rubric: String?
    /// asv benchmark definitions (`benchmarks.json`) by the folder they were found in.
    public var asvDefinitions: [String: [String: ASVBenchmark]] = [:]

    public init() {}

    public mutating func merge(_ other: Metadata) {
        for (name, info) in other.models where models[name] == nil { models[name] = info }
        asvDefinitions.merge(other.asvDefinitions) { first, _ in first }
        promptSets += other.promptSets
        qualityScores += other.qualityScores
        if rubric == nil { rubric = other.rubric }
    }
}
