import Foundation

/// A lasting shift in a series: from `index` on, values sit at a new level.
public struct ChangePoint: Sendable, Equatable {
    /// Position (in the series) of the first value at the new level.
    public var index: Int
    /// Typical value (geometric mean) of the segment before and after.
    public var before: Double
    public var after: Double

    public var relative: Double { after / before - 1 }
}

public struct ChangePointSettings: Sendable {
    /// Penalty per change point, in units of `log(n)` times the noise variance (a BIC-style penalty, made
    /// stricter so that histories without a step raise no alarm: see `swift run -c release changepoint-simulation`).
    public var penalty = 10.0
    /// Shifts smaller than this (relative) are not reported.
    public var minimumEffect = 0.05
    /// The fewest values a level needs: one odd run is not a change.
    public var minimumSegment = 3

    public init(penalty: Double = 10.0, minimumEffect: Double = 0.05, minimumSegment: Int = 3) {
        self.penalty = penalty
        self.minimumEffect = minimumEffect
        self.minimumSegment = minimumSegment
    }
}

/// Finds change points in a series of per-run values (medians) by penalized least squares on the
/// logarithm (optimal partitioning, the exact form of PELT: Jackson et al. 2005; Killick et al. 2012).
///
/// The noise level comes from the series itself (the median absolute difference of consecutive
/// values, robust to the steps being looked for) or, when larger, from the spread within runs
/// (the standard error of each run's median); steps smaller than the minimum effect are merged away.
public enum ChangePointDetector {
    public static func detect(_ values: [Double], spreads: [Double]? = nil, settings: ChangePointSettings = ChangePointSettings()) -> [ChangePoint] {
        let n = values.count
        let minimum = max(1, settings.minimumSegment)
        guard n >= 2 * minimum, values.allSatisfy({ $0 > 0 && $0.isFinite }) else { return [] }
        let y = values.map { log($0) }
        var sigma = noise(y)
        if let spreads, !spreads.isEmpty {
            let sorted = spreads.filter(\.isFinite).sorted()
            if !sorted.isEmpty { sigma = max(sigma, SampleStatistics.quantile(sorted: sorted, 0.5)) }
        }
        sigma = max(sigma, 1e-3)
        var prefix = [0.0], prefixSquares = [0.0]
        for v in y {
            prefix.append(prefix.last! + v)
            prefixSquares.append(prefixSquares.last! + v * v)
        }
        func cost(_ s: Int, _ t: Int) -> Double {
            let count = Double(t - s)
            let sum = prefix[t] - prefix[s]
            return max(0, prefixSquares[t] - prefixSquares[s] - sum * sum / count) / (sigma * sigma)
        }
        let beta = settings.penalty * log(Double(n))
        var best = [Double](repeating: .infinity, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        best[0] = -beta
        for t in stride(from: minimum, through: n, by: 1) {
            for s in stride(from: 0, through: t - minimum, by: 1) where s == 0 || s >= minimum {
                guard best[s].isFinite else { continue }
                let candidate = best[s] + cost(s, t) + beta
                if candidate < best[t] {
                    best[t] = candidate
                    last[t] = s
                }
            }
        }
        var cuts: [Int] = []
        var t = n
        while t > 0 {
            let s = last[t]
            if s > 0 { cuts.append(s) }
            t = s
        }
        cuts.reverse()
        // Merge away steps below the minimum effect, smallest first.
        func level(_ s: Int, _ t: Int) -> Double { exp((prefix[t] - prefix[s]) / Double(t - s)) }
        while true {
            let bounds = [0] + cuts + [n]
            var smallest: (offset: Int, size: Double)?
            for i in cuts.indices {
                let size = abs(level(bounds[i + 1], bounds[i + 2]) / level(bounds[i], bounds[i + 1]) - 1)
                if size < settings.minimumEffect, smallest == nil || size < smallest!.size { smallest = (i, size) }
            }
            guard let smallest else { break }
            cuts.remove(at: smallest.offset)
        }
        let bounds = [0] + cuts + [n]
        return cuts.indices.map { i in
            ChangePoint(index: cuts[i], before: level(bounds[i], bounds[i + 1]), after: level(bounds[i + 1], bounds[i + 2]))
        }
    }

    /// Robust noise of a series from consecutive differences: 1.4826 · MAD / √2.
    static func noise(_ y: [Double]) -> Double {
        guard y.count > 2 else { return 0 }
        let differences = zip(y.dropFirst(), y).map { $0 - $1 }.sorted()
        let center = SampleStatistics.quantile(sorted: differences, 0.5)
        let deviations = differences.map { abs($0 - center) }.sorted()
        return 1.4826 * SampleStatistics.quantile(sorted: deviations, 0.5) / 2.0.squareRoot()
    }
}
