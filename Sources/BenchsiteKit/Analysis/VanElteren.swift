import Foundation

/// Van Elteren's stratified rank-sum test (van Elteren, P. H. (1960), "On the combination of
/// independent two-sample tests of Wilcoxon", Bulletin of the International Statistical Institute
/// 37, 351–361): a Wilcoxon rank-sum test within each stratum (here: each prompt), combined with
/// weights `1 / (N_h + 1)`, which makes it the locally most powerful rank test when the shift is the
/// same in every stratum. Two runs of a mixed prompt set are compared prompt by prompt, so the
/// spread between prompts is never mistaken for noise, and a slow prompt cannot hide a slowdown of
/// every prompt. The statistic is normal under the null hypothesis (midranks, tie-corrected
/// variances); strata with values on one side only add nothing.
public struct VanElteren: Sendable {
    public var z: Double
    public var pValue: Double
    /// Strata that had values on both sides.
    public var strata: Int

    /// - Parameter strata: for each stratum, the baseline's and the contender's values.
    public init(_ strata: [(baseline: [Double], contender: [Double])]) {
        var statistic = 0.0
        var variance = 0.0
        var used = 0
        for (x, y) in strata where !x.isEmpty && !y.isEmpty {
            let n1 = Double(x.count), n2 = Double(y.count), n = n1 + n2
            var pooled = x.map { ($0, true) } + y.map { ($0, false) }
            pooled.sort { $0.0 < $1.0 }
            var rankSum = 0.0
            var ties = 0.0
            var i = 0
            while i < pooled.count {
                var j = i
                while j + 1 < pooled.count && pooled[j + 1].0 == pooled[i].0 { j += 1 }
                let rank = Double(i + j) / 2 + 1
                let t = Double(j - i + 1)
                if t > 1 { ties += t * t * t - t }
                for k in i...j where pooled[k].1 { rankSum += rank }
                i = j + 1
            }
            let weight = 1 / (n + 1)
            let expected = n1 * (n + 1) / 2
            let stratumVariance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
            statistic += weight * (rankSum - expected)
            variance += weight * weight * stratumVariance
            used += 1
        }
        if variance > 0 {
            // From the baseline's rank sums, sign flipped: a positive z means the contender's values are larger.
            z = -statistic / variance.squareRoot()
            pValue = NormalDistribution.twoSidedP(z)
        } else {
            z = 0
            pValue = 1
        }
        self.strata = used
    }
}

/// The change between two runs measured within prompts: the geometric mean over prompts of the
/// ratio of the prompt's medians, with a stratified bootstrap interval (each prompt resampled on its
/// own, on both sides: Davison and Hinkley (1997), Bootstrap Methods and their Application, §3.7).
public enum StratifiedMedianChange {
    /// The relative change, `exp(mean_h log(median_contender,h / median_baseline,h)) − 1`; nil when no
    /// prompt has values on both sides or a median is not positive.
    public static func change(_ strata: [(baseline: [Double], contender: [Double])]) -> Double? {
        var logs: [Double] = []
        for (x, y) in strata where !x.isEmpty && !y.isEmpty {
            let a = SampleStatistics.quantile(sorted: x.sorted(), 0.5),
                b = SampleStatistics.quantile(sorted: y.sorted(), 0.5)
            guard a > 0, b > 0 else { return nil }
            logs.append(log(b / a))
        }
        guard !logs.isEmpty else { return nil }
        return exp(logs.reduce(0, +) / Double(logs.count)) - 1
    }

    public static func interval(
        _ strata: [(baseline: [Double], contender: [Double])], level: Double = 0.95,
        resamples: Int = MedianChangeBootstrap.defaultResamples,
        seed: UInt64 = MedianChangeBootstrap.defaultSeed
    ) -> (lower: Double, upper: Double)? {
        let used = strata.filter { !$0.baseline.isEmpty && !$0.contender.isEmpty }.map {
            ($0.baseline.sorted(), $0.contender.sorted())
        }
        guard !used.isEmpty, resamples > 0 else { return nil }
        var generator = SplitMix64(seed: seed)
        var changes = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            var sum = 0.0
            for (a, b) in used {
                let ma = MedianChangeBootstrap.resampledMedian(a, &generator)
                let mb = MedianChangeBootstrap.resampledMedian(b, &generator)
                guard ma > 0, mb > 0 else { return nil }
                sum += log(mb / ma)
            }
            changes[r] = exp(sum / Double(used.count)) - 1
        }
        changes.sort()
        let tail = (1 - level) / 2
        return (SampleStatistics.quantile(sorted: changes, tail), SampleStatistics.quantile(sorted: changes, 1 - tail))
    }
}
