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

    /// Returns nil for no values. Values must be finite.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        self.init(sorted: sorted)
    }

    public init(sorted: [Double]) {
        precondition(!sorted.isEmpty)
        count = sorted.count
        // Kahan-compensated sums keep the mean stable for long runs of similar values.
        var sum = 0.0
        var compensation = 0.0
        for v in sorted {
            let y = v - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        mean = sum / Double(count)
        if count > 1 {
            var squares = 0.0
            for v in sorted { squares += (v - mean) * (v - mean) }
            standardDeviation = (squares / Double(count - 1)).squareRoot()
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
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty && q >= 0 && q <= 1)
        let h = Double(sorted.count - 1) * q
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = h - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
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
