/// A small, fast generator with a fixed seed, so resampling gives the same answer every time.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index in 0..<count (Lemire's multiply-high; the tiny bias is irrelevant here).
    public mutating func index(below count: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }
}

/// Percentile bootstrap confidence interval for the relative change of the median,
/// `(median(contender) - median(baseline)) / median(baseline)`.
public enum MedianChangeBootstrap {
    public static let defaultResamples = 1000
    public static let defaultSeed: UInt64 = 0x6265_6E63_6873_6974  // "benchsit"

    /// - Returns: the (2.5 %, 97.5 %) bounds for a 95 % interval (or the given level), nil when a
    ///   baseline resample has median 0.
    public static func interval(
        baseline: [Double], contender: [Double], level: Double = 0.95, resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> (lower: Double, upper: Double)? {
        guard !baseline.isEmpty, !contender.isEmpty else { return nil }
        var generator = SplitMix64(seed: seed)
        let a = baseline.sorted(), b = contender.sorted()
        var countsA = [Int32](repeating: 0, count: a.count)
        var countsB = [Int32](repeating: 0, count: b.count)
        var changes: [Double] = []
        changes.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let ma = resampledMedian(a, &countsA, &generator)
            let mb = resampledMedian(b, &countsB, &generator)
            guard ma != 0 else { return nil }
            changes.append((mb - ma) / ma)
        }
        changes.sort()
        let tail = (1 - level) / 2
        return (SampleStatistics.quantile(sorted: changes, tail), SampleStatistics.quantile(sorted: changes, 1 - tail))
    }

    /// The median of one resample (with replacement) of sorted values: draw `n` indices, count how
    /// often each value was drawn, and walk the counts to the middle (no sorting needed).
    static func resampledMedian(_ sorted: [Double], _ counts: inout [Int32], _ generator: inout SplitMix64) -> Double {
        let n = sorted.count
        for i in 0..<n { counts[i] = 0 }
        for _ in 0..<n { counts[generator.index(below: n)] += 1 }
        // The middle order statistics: positions (n-1)/2 and n/2, 0-based.
        let lowRank = (n - 1) / 2, highRank = n / 2
        var seen = 0
        var low = sorted[0]
        var i = 0
        while i < n {
            let c = Int(counts[i])
            if c > 0 {
                if seen <= lowRank && lowRank < seen + c { low = sorted[i] }
                if seen <= highRank && highRank < seen + c { return low + 0.5 * (sorted[i] - low) }  // as numpy's median
                seen += c
            }
            i += 1
        }
        return low
    }
}
