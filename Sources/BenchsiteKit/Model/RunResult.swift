/// One subject (a model) under one scenario within a run.
public struct RunResult: Sendable, Codable {
    public enum Status: String, Sendable, Codable {
        case ok
        case failed
        /// Some requests failed, some succeeded.
        case partial

        /// The one rule: none failed is ok, all failed is failed, anything between is partial.
        public init(failed: Int, total: Int) {
            if failed <= 0 {
                self = .ok
            } else if failed >= total {
                self = .failed
            } else {
                self = .partial
            }
        }
    }

    public var subject: String
    public var scenario: String
    public var status: Status
    public var error: String?
    /// The tool's own identifier of the subject when it differs from the display name
    /// (Foundry's `model_id`, e.g. `Phi-4-mini-instruct-cuda-gpu:4`).
    public var subjectID: String?
    public var samples: [Sample]
    /// Figures as the tool reported them, per metric.
    public var reported: [Metric: ReportedStatistics]
    /// How many requests were planned, when the tool says.
    public var configuredRequests: Int?
    /// How many requests succeeded, when the tool reports only that.
    public var reportedSuccesses: Int?
    /// A sample of the model's output, when the tool kept one.
    public var sampleOutput: String?
    /// The source field each metric's raw samples came from (`samples_ns`, `times`, ...).
    public var sampleFields: [Metric: String] = [:]
    /// Settings of this result beyond its subject and scenario (llama-bench's threads and batch size,
    /// a sweep point's server arguments), in the file's order. Those that differ between results of
    /// one run that would otherwise share a series join the scenario (see `Run.separateSeries()`).
    public var parameters: [KeyValue] = []

    public init(
        subject: String, scenario: String, status: Status = .ok, error: String? = nil, subjectID: String? = nil,
        samples: [Sample] = [], reported: [Metric: ReportedStatistics] = [:], configuredRequests: Int? = nil,
        reportedSuccesses: Int? = nil, sampleOutput: String? = nil
    ) {
        self.subject = subject
        self.scenario = scenario
        self.status = status
        self.error = error
        self.subjectID = subjectID
        self.samples = samples
        self.reported = reported
        self.configuredRequests = configuredRequests
        self.reportedSuccesses = reportedSuccesses
        self.sampleOutput = sampleOutput
    }

    public var seriesKey: SeriesKey { SeriesKey(subject: subject, scenario: scenario) }

    /// What the tool means by throughput: each request's output tokens per second (single-stream
    /// tools: the workshop scripts, llama-bench, Ollama), or the whole benchmark's output tokens per
    /// second under load (serving benchmarks). With `.benchmark`, the samples' own rates are the
    /// metric `.perRequestThroughput`, so a column never mixes the two.
    public enum ThroughputScope: String, Sendable, Codable {
        case request
        case benchmark
    }

    public var throughputScope: ThroughputScope = .request

    /// The unit of the metric `.value`, as the tool names it (`unit`, `items`).
    public var valueUnit: String?

    /// The values of a metric in the successful samples, as the tool defines the metric: inter-token
    /// latency over every gap of every request when the samples carry the gaps (as vLLM computes
    /// it), throughput per the `throughputScope`.
    public func sampleValues(_ metric: Metric) -> [Double] {
        switch metric {
        case .throughput where throughputScope == .benchmark: return []
        case .perRequestThroughput where throughputScope == .request: return []
        case .perRequestThroughput: return samples.compactMap { $0.ok ? $0.tokensPerSecond : nil }
        case .interTokenLatency where samples.contains { $0.interTokenGaps != nil }:
            return samples.flatMap { $0.ok ? ($0.interTokenGaps ?? []) : [] }
        default: return samples.compactMap { $0.ok ? $0.value(of: metric) : nil }
        }
    }

    /// One value per successful request, for tests that need independent values (a request's gaps
    /// are not independent of each other): per-request mean inter-token latency rather than the gaps.
    public func requestValues(_ metric: Metric) -> [Double] {
        metric == .interTokenLatency ? samples.compactMap { $0.ok ? $0.interTokenLatency : nil } : sampleValues(metric)
    }
}

/// The same subject and scenario across runs: what "over time" is made of.
public struct SeriesKey: Sendable, Hashable, Comparable, Codable {
    public var subject: String
    public var scenario: String
    public init(subject: String, scenario: String) {
        self.subject = subject
        self.scenario = scenario
    }
    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        (a.subject, a.scenario) < (b.subject, b.scenario)
    }
}

/// One request, round or repetition.
///
/// Stored compactly, since a history of years holds millions: a number that is absent is a NaN with
/// a payload of its own (any other NaN, one a tool wrote, stays a value), a count that is absent is
/// `Int.min`, and the rarely set text (error, output) and token gaps share one optional reference.
/// 112 bytes a sample instead of 224; the properties read and write as plain optionals.
public struct Sample: Sendable {
    public var ok: Bool
    public var prompt: String?
    /// End-to-end latency in seconds.
    @OptionalNumber public var latency: Double? = nil
    /// Time to first token in seconds.
    @OptionalNumber public var timeToFirstToken: Double? = nil
    @OptionalCount public var promptTokens: Int? = nil
    @OptionalCount public var completionTokens: Int? = nil
    /// Tokens per second as the tool measured it; when absent it is derived from tokens and latency.
    @OptionalNumber public var reportedTokensPerSecond: Double? = nil
    /// Mean time per output token after the first, in seconds.
    @OptionalNumber public var timePerOutputToken: Double? = nil
    /// Mean time between output tokens, in seconds.
    @OptionalNumber public var interTokenLatency: Double? = nil
    /// CPU time (user + system) in seconds.
    @OptionalNumber public var cpuTime: Double? = nil
    /// Peak memory in bytes.
    @OptionalNumber public var memoryBytes: Double? = nil
    /// A number in the result's `valueUnit` (the metric `.value`).
    @OptionalNumber public var value: Double? = nil
    private var extras: Extras?

    /// The rare fields.
    private struct Rare: Sendable {
        var error: String?
        var output: String?
        var interTokenGaps: [Double]?
    }

    /// The rare fields behind one reference, immutable and replaced as a whole when one changes (so
    /// `Sample` stays a value).
    private final class Extras: Sendable {
        let rare: Rare
        init(_ rare: Rare) { self.rare = rare }
    }

    private var rare: Rare {
        get { extras?.rare ?? Rare() }
        set {
            extras =
                newValue.error == nil && newValue.output == nil && newValue.interTokenGaps == nil
                ? nil : Extras(newValue)
        }
    }

    public var error: String? {
        get { extras?.rare.error }
        set { rare.error = newValue }
    }
    public var output: String? {
        get { extras?.rare.output }
        set { rare.output = newValue }
    }
    /// Every gap between consecutive output tokens, in seconds, when the tool kept them (vLLM's `itls`).
    public var interTokenGaps: [Double]? {
        get { extras?.rare.interTokenGaps }
        set { rare.interTokenGaps = newValue }
    }

    public init(
        ok: Bool = true, error: String? = nil, prompt: String? = nil, latency: Double? = nil,
        timeToFirstToken: Double? = nil,
        promptTokens: Int? = nil, completionTokens: Int? = nil, reportedTokensPerSecond: Double? = nil,
        output: String? = nil
    ) {
        self.ok = ok
        self.prompt = prompt
        self.rare = Rare(error: error, output: output)
        self.latency = latency
        self.timeToFirstToken = timeToFirstToken
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.reportedTokensPerSecond = reportedTokensPerSecond
    }

    /// Output throughput of this request: the tool's figure, else completion tokens over end-to-end latency.
    public var tokensPerSecond: Double? {
        if let reportedTokensPerSecond { return reportedTokensPerSecond }
        guard let completionTokens, let latency, latency > 0 else { return nil }
        return Double(completionTokens) / latency
    }

    /// Whether the sample holds any measurement (latency first: nearly every sample has one).
    public var hasMeasurement: Bool {
        latency != nil || Metric.allCases.contains { value(of: $0) != nil }
    }

    public func value(of metric: Metric) -> Double? {
        switch metric {
        case .latency: return latency
        case .timeToFirstToken: return timeToFirstToken
        case .throughput, .perRequestThroughput: return tokensPerSecond
        case .timePerOutputToken: return timePerOutputToken
        case .interTokenLatency: return interTokenLatency
        case .cpuTime: return cpuTime
        case .memory: return memoryBytes
        case .value: return value
        }
    }
}

extension Array where Element == Sample {
    /// How many samples succeeded, counted without copying them (`filter(\.ok).count` copies every one).
    public var okCount: Int {
        var count = 0
        for index in indices where self[index].ok { count += 1 }
        return count
    }

    /// How many samples failed.
    public var failedCount: Int { count - okCount }
}

/// A `Double?` in the 8 bytes of a `Double`: absent is a quiet NaN with a payload no arithmetic
/// produces, so every other value, NaNs included, reads back as it was set.
@propertyWrapper
public struct OptionalNumber: Sendable {
    private static let absentBits: UInt64 = 0x7FF8_0000_00AB_5E47
    private var stored: Double

    public init(wrappedValue: Double?) { stored = wrappedValue ?? Double(bitPattern: Self.absentBits) }

    public var wrappedValue: Double? {
        get { stored.bitPattern == Self.absentBits ? nil : stored }
        set { stored = newValue ?? Double(bitPattern: Self.absentBits) }
    }
}

/// An `Int?` in the 8 bytes of an `Int`: absent is `Int.min`, which no count is.
@propertyWrapper
public struct OptionalCount: Sendable {
    private var stored: Int

    public init(wrappedValue: Int?) { stored = wrappedValue ?? Int.min }

    public var wrappedValue: Int? {
        get { stored == Int.min ? nil : stored }
        set { stored = newValue ?? Int.min }
    }
}

/// Every field by name; absent ones are left out (for the build cache's binary form).
extension Sample: Codable {
    private enum CodingKeys: String, CodingKey {
        case ok, prompt, latency, timeToFirstToken, promptTokens, completionTokens, reportedTokensPerSecond
        case timePerOutputToken, interTokenLatency, cpuTime, memoryBytes, value, error, output, interTokenGaps
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            ok: try c.decode(Bool.self, forKey: .ok), error: try c.decodeIfPresent(String.self, forKey: .error),
            prompt: try c.decodeIfPresent(String.self, forKey: .prompt),
            latency: try c.decodeIfPresent(Double.self, forKey: .latency),
            timeToFirstToken: try c.decodeIfPresent(Double.self, forKey: .timeToFirstToken),
            promptTokens: try c.decodeIfPresent(Int.self, forKey: .promptTokens),
            completionTokens: try c.decodeIfPresent(Int.self, forKey: .completionTokens),
            reportedTokensPerSecond: try c.decodeIfPresent(Double.self, forKey: .reportedTokensPerSecond),
            output: try c.decodeIfPresent(String.self, forKey: .output))
        timePerOutputToken = try c.decodeIfPresent(Double.self, forKey: .timePerOutputToken)
        interTokenLatency = try c.decodeIfPresent(Double.self, forKey: .interTokenLatency)
        cpuTime = try c.decodeIfPresent(Double.self, forKey: .cpuTime)
        memoryBytes = try c.decodeIfPresent(Double.self, forKey: .memoryBytes)
        value = try c.decodeIfPresent(Double.self, forKey: .value)
        interTokenGaps = try c.decodeIfPresent([Double].self, forKey: .interTokenGaps)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ok, forKey: .ok)
        try c.encodeIfPresent(prompt, forKey: .prompt)
        try c.encodeIfPresent(latency, forKey: .latency)
        try c.encodeIfPresent(timeToFirstToken, forKey: .timeToFirstToken)
        try c.encodeIfPresent(promptTokens, forKey: .promptTokens)
        try c.encodeIfPresent(completionTokens, forKey: .completionTokens)
        try c.encodeIfPresent(reportedTokensPerSecond, forKey: .reportedTokensPerSecond)
        try c.encodeIfPresent(timePerOutputToken, forKey: .timePerOutputToken)
        try c.encodeIfPresent(interTokenLatency, forKey: .interTokenLatency)
        try c.encodeIfPresent(cpuTime, forKey: .cpuTime)
        try c.encodeIfPresent(memoryBytes, forKey: .memoryBytes)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encodeIfPresent(output, forKey: .output)
        try c.encodeIfPresent(interTokenGaps, forKey: .interTokenGaps)
    }
}
