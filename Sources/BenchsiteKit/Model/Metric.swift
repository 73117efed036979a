/// A measured quantity, with its unit and which way is better.
public enum Metric: String, Sendable, Hashable, CaseIterable, Comparable, Codable, CodingKeyRepresentable {
    case latency
    case timeToFirstToken = "ttft"
    case throughput
    case timePerOutputToken = "tpot"
    case interTokenLatency = "itl"
    case cpuTime = "cpu_time"
    case memory
    /// Output tokens per second of each request, where the tool's own throughput is the whole
    /// benchmark's (serving benchmarks: vLLM, SGLang, llmperf, GuideLLM, AIPerf).
    case perRequestThroughput = "per_request_throughput"
    /// A number in a unit of the tool's choosing (asv's `track_` benchmarks, pyperf's integer
    /// benchmarks); the result names the unit (`RunResult.valueUnit`). Lower is better, as asv assumes.
    case value

    public var title: String {
        switch self {
        case .latency: return "Latency"
        case .timeToFirstToken: return "Time to first token"
        case .throughput: return "Throughput"
        case .timePerOutputToken: return "Time per output token"
        case .interTokenLatency: return "Inter-token latency"
        case .cpuTime: return "CPU time"
        case .memory: return "Peak memory"
        case .perRequestThroughput: return "Per-request throughput"
        case .value: return "Value"
        }
    }

    public var unit: String {
        switch self {
        case .latency, .timeToFirstToken, .timePerOutputToken, .interTokenLatency, .cpuTime: return "s"
        case .throughput, .perRequestThroughput: return "tokens/s"
        case .memory: return "bytes"
        case .value: return ""
        }
    }

    /// True when a smaller value is better.
    public var lowerIsBetter: Bool { self != .throughput && self != .perRequestThroughput }

    /// Name used in `summary.csv`.
    public var csvName: String { rawValue }

    /// The metrics the comparison tables show in their own columns; the others get a table of their own.
    public static let main: [Metric] = [.latency, .timeToFirstToken, .throughput]

    /// Its place in `allCases` (the order of tables and of `<`).
    var order: Int {
        switch self {
        case .latency: return 0
        case .timeToFirstToken: return 1
        case .throughput: return 2
        case .timePerOutputToken: return 3
        case .interTokenLatency: return 4
        case .cpuTime: return 5
        case .memory: return 6
        case .perRequestThroughput: return 7
        case .value: return 8
        }
    }

    public static func < (a: Metric, b: Metric) -> Bool { a.order < b.order }

    /// By its place, not its raw value: dictionaries keyed by metric are looked up for every figure
    /// (the raw value would hash a string each time). Nothing depends on a dictionary's order.
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }

    /// What `Dictionary` and `Set` hash (the standard library's customization point, whose default
    /// runs `hash(into:)` through a seeded SipHash): the place mixed with the table's seed by one
    /// multiply-xorshift round. A metric is one of nine cases, so there is nothing to attack, and the
    /// lookups of every figure of every page and table spent 5% of a build's CPU in SipHash.
    public func _rawHashValue(seed: Int) -> Int { Self.mixedHash(order, seed: seed) }

    /// A case's place and a table's seed, mixed (a bijection of their sum: distinct places never collide).
    @inline(__always)
    static func mixedHash(_ place: Int, seed: Int) -> Int {
        var mixed = UInt64(truncatingIfNeeded: seed &+ place) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 32
        return Int(truncatingIfNeeded: mixed)
    }
}

/// The statistics a summary holds, in table order.
public enum Statistic: String, Sendable, Hashable, CaseIterable, Codable, CodingKeyRepresentable {
    case count = "n", mean, stddev, min, p50, p90, p95, p99, max

    /// Its place among the cases.
    var order: Int {
        switch self {
        case .count: return 0
        case .mean: return 1
        case .stddev: return 2
        case .min: return 3
        case .p50: return 4
        case .p90: return 5
        case .p95: return 6
        case .p99: return 7
        case .max: return 8
        }
    }

    /// By case, not by raw value (see `Metric.hash(into:)`).
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }

    /// As `Metric`'s: the place mixed with the table's seed, not a SipHash (a result's reported
    /// figures are read by statistic for every cell and fingerprint).
    public func _rawHashValue(seed: Int) -> Int { Metric.mixedHash(order, seed: seed) }

    /// A table header: `Mean`, `Std dev`, `p95`.
    public var header: String {
        switch self {
        case .count: return "n"
        case .mean: return "Mean"
        case .stddev: return "Std dev"
        case .min: return "Min"
        case .max: return "Max"
        default: return rawValue
        }
    }
}

/// Figures a tool reported for one metric, with the field each came from.
public struct ReportedStatistics: Sendable, Codable {
    public var values: [Statistic: Double] = [:]
    /// The source field name of each value, e.g. `latency_p95_s`.
    public var fields: [Statistic: String] = [:]
    /// The tool's percentiles are estimates (a digest or histogram), not the exact percentiles of its
    /// values: they are not held against percentiles computed from the samples.
    public var approximatePercentiles = false

    public init() {}

    public subscript(statistic: Statistic) -> Double? {
        values[statistic]
    }

    public mutating func set(_ statistic: Statistic, _ value: Double, field: String) {
        values[statistic] = value
        fields[statistic] = field
    }

    public var isEmpty: Bool { values.isEmpty }
}
