import Foundation

/// The two-sided Mann-Whitney U test, computed as SciPy's `scipy.stats.mannwhitneyu` does with its
/// defaults (`alternative="two-sided"`, `use_continuity=True`, `method="auto"`): the exact
/// distribution when one sample has at most 8 values and there are no ties, otherwise the normal
/// approximation with tie correction and continuity correction.
public struct MannWhitneyU: Sendable, Equatable {
    /// U of the first sample (SciPy's `statistic`).
    public var u1: Double
    public var pValue: Double
    public var exact: Bool

    public init(_ x: [Double], _ y: [Double]) {
        let n1 = x.count, n2 = y.count
        guard n1 > 0, n2 > 0 else {
            // No values on a side: nothing can be shown either way.
            (u1, pValue, exact) = (0, 1, false)
            return
        }
        // Midranks of the pooled sample.
        var pooled = [(value: Double, first: Bool)]()
        pooled.reserveCapacity(n1 + n2)
        for v in x { pooled.append((v, true)) }
        for v in y { pooled.append((v, false)) }
        pooled.sort { $0.value < $1.value }
        var rankSum1 = 0.0
        var tieTerm = 0.0
        var i = 0
        while i < pooled.count {
            var j = i
            while j + 1 < pooled.count && pooled[j + 1].value == pooled[i].value { j += 1 }
            let rank = Double(i + j) / 2 + 1
            let t = Double(j - i + 1)
            if t > 1 { tieTerm += t * t * t - t }
            for k in i...j where pooled[k].first { rankSum1 += rank }
            i = j + 1
        }
        u1 = rankSum1 - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let u = max(u1, u2)
        if (n1 <= 8 || n2 <= 8) && tieTerm == 0 {
            exact = true
            pValue = min(1, 2 * Self.exactSurvival(Int(u.rounded()), n1, n2))
        } else {
            exact = false
            let n = Double(n1 + n2)
            let mu = Double(n1 * n2) / 2
            let s = (Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
            let z = (u - mu - 0.5) / s
            pValue = s == 0 ? 1 : min(1, 2 * 0.5 * erfc(z / 2.0.squareRoot()))
        }
    }

    /// P(U >= u) under the null hypothesis, by counting the ways to place the first sample's ranks.
    static func exactSurvival(_ u: Int, _ n1: Int, _ n2: Int) -> Double {
        // U depends only on how many of the other sample's values each value beats, so the count of
        // arrangements with U = k satisfies f(m, n, k) = f(m-1, n, k-n) + f(m, n-1, k).
        let small = min(n1, n2), large = max(n1, n2)
        let maxU = small * large
        if u <= 0 { return 1 }
        if u > maxU { return 0 }
        // counts[m][k] = f(m, n, k) for the current n; f(m, 0, 0) = 1.
        var counts = [[Double]](repeating: [Double](repeating: 0, count: maxU + 1), count: small + 1)
        for m in 0...small { counts[m][0] = 1 }
        for n in 1...large {
            var next = counts
            for m in 1...small {
                // The largest value is the first sample's (it beats all n others) or the second's.
                for k in 0...(m * n) {
                    next[m][k] = (k >= n ? next[m - 1][k - n] : 0) + counts[m][k]
                }
            }
            counts = next
        }
        let column = counts[small]
        let total = column.reduce(0, +)
        var tail = 0.0
        for k in u...maxU { tail += column[k] }
        return tail / total
    }
}

/// Benjamini-Hochberg adjusted p-values (false discovery rate), in the input order.
public func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
    let m = pValues.count
    guard m > 0 else { return [] }
    let order = pValues.indices.sorted { pValues[$0] != pValues[$1] ? pValues[$0] < pValues[$1] : $0 < $1 }
    var adjusted = [Double](repeating: 1, count: m)
    var running = 1.0
    for rank in stride(from: m, through: 1, by: -1) {
        let index = order[rank - 1]
        running = min(running, pValues[index] * Double(m) / Double(rank))
        adjusted[index] = min(1, running)
    }
    return adjusted
}
