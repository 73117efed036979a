import Foundation

/// Percentile bootstrap confidence interval for the relative change of the median,
/// `(median(contender) - median(baseline)) / median(baseline)`.
///
/// Each resample's median is drawn directly instead of by drawing `n` values: the k-th smallest of
/// `n` draws from the sorted sample is `x[⌊U₍ₖ₎·n⌋]`, where `U₍ₖ₎ ~ Beta(k, n−k+1)` is the k-th smallest
/// of `n` uniforms, and the next one is `U₍ₖ₊₁₎ = U₍ₖ₎ + (1 − U₍ₖ₎)(1 − V^{1/(n−k)})`. That is the same
/// distribution as resampling (the tests check it against plain resampling) at a cost independent of
/// `n`, which keeps a comparison of 1,000 series of 1,000 samples well under a second.
public enum MedianChangeBootstrap {
    public static let defaultResamples = 1000
    public static let defaultSeed: UInt64 = 0x6265_6E63_6873_6974  // "benchsit"

    /// - Returns: the bounds of a `level` (95 %) percentile interval, nil when a resampled baseline median is 0.
    public static func interval(
        baseline: [Double], contender: [Double], level: Double = 0.95, resamples: Int = defaultResamples,
        seed: UInt64 = defaultSeed
    ) -> (lower: Double, upper: Double)? {
        guard !baseline.isEmpty, !contender.isEmpty, resamples > 0 else { return nil }
        var generator = SplitMix64(seed: seed)
        let a = baseline.sorted(), b = contender.sorted()
        var changes = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            let ma = resampledMedian(a, &generator)
            let mb = resampledMedian(b, &generator)
            guard ma != 0 else { return nil }
            changes[r] = (mb - ma) / ma
        }
        changes.sort()
        let tail = (1 - level) / 2
        return (SampleStatistics.quantile(sorted: changes, tail), SampleStatistics.quantile(sorted: changes, 1 - tail))
    }

    /// The median (numpy's: the mean of the two middle values for even n) of one bootstrap resample.
    static func resampledMedian(_ sorted: [Double], _ generator: inout SplitMix64) -> Double {
        let n = sorted.count
        if n == 1 { return sorted[0] }
        let k = (n - 1) / 2 + 1  // 1-based rank of the lower middle value
        let uk = generator.beta(Double(k), Double(n - k + 1))
        let low = sorted[min(n - 1, Int(uk * Double(n)))]
        if n % 2 == 1 { return low }
        let next = uk + (1 - uk) * (1 - pow(generator.positiveUniform(), 1 / Double(n - k)))
        let high = sorted[min(n - 1, Int(next * Double(n)))]
        return low + 0.5 * (high - low)
    }
}
