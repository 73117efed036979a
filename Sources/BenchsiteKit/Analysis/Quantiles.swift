import Foundation

/// Summary statistics of raw samples.
///
/// Quantiles use linear interpolation between closest ranks, numpy's default
/// (`numpy.percentile(x, q)`, method "linear"): for sorted `x` of size `n`, the
/// q-quantile is at rank `h = (n - 1) q`, `x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋+1] - x[⌊h⌋])`.
/// The standard deviation is the sample one (divisor `n - 1`), nil for one value.
public struct SampleStatistics: Sendable, Hashable {
    public var count: Int
    public var mean: Double
    public var standardDeviation: Double?
    public var min: Double
    public var p5: Double
    public var p25: Double
    public var p50: Double
    public var p75: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var max: Double

    /// Returns nil for no values or a value that is not finite.
    public init?(_ values: [Double]) {
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
        self.init(checkedSorted: values.sortedAscending())
    }

    /// Statistics of values already sorted; nil when empty or not all finite.
    public init?(sorted: [Double]) {
        guard !sorted.isEmpty, sorted.allSatisfy(\.isFinite) else { return nil }
        self.init(checkedSorted: sorted)
    }

    private init(checkedSorted sorted: [Double]) {
        count = sorted.count
        // Values near the largest double would overflow a sum or a square: work on them scaled down
        // by a power of two (exact), then scale the results back.
        let largest = Swift.max(abs(sorted[0]), abs(sorted[count - 1]))
        let scale = largest > 1e150 ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : 1
        // Kahan-compensated sums keep the mean stable for long runs of similar values.
        var sum = 0.0
        var compensation = 0.0
        for v in sorted {
            let y = v / scale - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        let scaledMean = sum / Double(count)
        mean = scaledMean * scale
        if count > 1 {
            var squares = 0.0
            for v in sorted { squares += (v / scale - scaledMean) * (v / scale - scaledMean) }
            standardDeviation = (squares / Double(count - 1)).squareRoot() * scale
        } else {
            standardDeviation = nil
        }
        min = sorted[0]
        max = sorted[count - 1]
        p5 = Self.quantile(sorted: sorted, 0.05)
        p25 = Self.quantile(sorted: sorted, 0.25)
        p50 = Self.quantile(sorted: sorted, 0.50)
        p75 = Self.quantile(sorted: sorted, 0.75)
        p90 = Self.quantile(sorted: sorted, 0.90)
        p95 = Self.quantile(sorted: sorted, 0.95)
        p99 = Self.quantile(sorted: sorted, 0.99)
    }

    /// The q-quantile (0...1) of sorted values by linear interpolation (numpy's default).
    /// NaN for no values.
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * Swift.min(Swift.max(q, 0), 1)
        let lower = Swift.min(Int(h.rounded(.down)), sorted.count - 1)
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = h - Double(lower)
        if fraction == 0 { return sorted[lower] }
        let gap = sorted[upper] - sorted[lower]
        // The gap between two huge values of opposite sign overflows: interpolate as a weighted sum.
        return gap.isFinite ? sorted[lower] + fraction * gap : (1 - fraction) * sorted[lower] + fraction * sorted[upper]
    }

    public subscript(statistic: Statistic) -> Double? {
        switch statistic {
        case .count: return Double(count)
        case .mean: return mean
        case .stddev: return standardDeviation
        case .min: return min
        case .p50: return p50
        case .p90: return p90
        case .p95: return p95
        case .p99: return p99
        case .max: return max
        }
    }
}

/// Percentiles estimated from too few samples for their rank: p99 of 20 samples is the largest of
/// them, below the true p95 in 40 % of runs. A percentile is trusted when at least one sample lies
/// beyond it, `n · (1 − q) ≥ 1` (p90 needs 10 samples, p95 20, p99 100); fewer, and pages mark it.
public enum FewSamples {
    /// The mark after such a figure.
    public static let mark = "≈"

    public static func needed(_ statistic: Statistic) -> Int {
        switch statistic {
        case .p90: return 10
        case .p95: return 20
        case .p99: return 100
        default: return 1
        }
    }

    /// True when `count` samples are too few for `statistic`.
    public static func tooFew(_ statistic: Statistic, count: Int) -> Bool {
        count < needed(statistic)
    }
}

/// As one list of numbers, in the order of the fields (the build cache holds one per result, metric
/// and prompt: names would be most of its size). A missing standard deviation is a NaN.
extension SampleStatistics: Codable {
    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        count = try c.decode(Int.self)
        mean = try c.decode(Double.self)
        let deviation = try c.decode(Double.self)
        standardDeviation = deviation.isNaN ? nil : deviation
        min = try c.decode(Double.self)
        p5 = try c.decode(Double.self)
        p25 = try c.decode(Double.self)
        p50 = try c.decode(Double.self)
        p75 = try c.decode(Double.self)
        p90 = try c.decode(Double.self)
        p95 = try c.decode(Double.self)
        p99 = try c.decode(Double.self)
        max = try c.decode(Double.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(count)
        for value in [mean, standardDeviation ?? .nan, min, p5, p25, p50, p75, p90, p95, p99, max] {
            try c.encode(value)
        }
    }
}
