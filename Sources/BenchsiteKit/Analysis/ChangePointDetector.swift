import Foundation

/// Finds change points in a series of per-run values (levels) by penalized least squares on the
/// logarithm (optimal partitioning, the exact form of PELT: Jackson et al. 2005; Killick et al. 2012).
///
/// The noise level is estimated in two passes: a robust first guess from the series itself (the median
/// absolute difference of consecutive values, which steps barely move) finds the obvious steps with a
/// lenient penalty; the noise is then the pooled standard deviation within those segments, which uses
/// every run and is not inflated by the steps. The spread within runs (the standard error of each
/// run's level) is a floor. Steps smaller than the minimum effect are merged away.
public enum ChangePointDetector {
    /// The penalty of the first pass that only serves to estimate the noise.
    static let preliminaryPenalty = 3.0

    public static func detect(
        _ values: [Double], spreads: [Double]? = nil, settings: ChangePointSettings = ChangePointSettings()
    ) -> [ChangePoint] {
        let n = values.count
        let minimum = max(1, settings.minimumSegment)
        guard n >= 2 * minimum, values.allSatisfy({ $0 > 0 && $0.isFinite }) else { return [] }
        let y = values.map { log($0) }
        var floor = 1e-3
        if let spreads {
            let sorted = spreads.filter(\.isFinite).sorted()
            if !sorted.isEmpty { floor = max(floor, SampleStatistics.quantile(sorted: sorted, 0.5)) }
        }
        var prefix = [0.0], prefixSquares = [0.0]
        prefix.reserveCapacity(n + 1)
        prefixSquares.reserveCapacity(n + 1)
        for v in y {
            prefix.append(prefix[prefix.count - 1] + v)
            prefixSquares.append(prefixSquares[prefixSquares.count - 1] + v * v)
        }
        func squares(_ s: Int, _ t: Int) -> Double {
            let sum = prefix[t] - prefix[s]
            return max(0, prefixSquares[t] - prefixSquares[s] - sum * sum / Double(t - s))
        }
        let robust = max(noise(y), floor)
        let preliminary = partition(
            n: n, minimum: minimum, beta: preliminaryPenalty * log(Double(n)), prefix: prefix,
            prefixSquares: prefixSquares, variance: robust * robust)
        let bounds = [0] + preliminary + [n]
        let degrees = n - (bounds.count - 1)
        var sigma = robust
        if degrees >= 2 {
            let within = zip(bounds, bounds.dropFirst()).map { squares($0, $1) }.reduce(0, +)
            sigma = max((within / Double(degrees)).squareRoot(), floor)
        }
        var cuts = partition(
            n: n, minimum: minimum, beta: settings.penalty * log(Double(n)), prefix: prefix,
            prefixSquares: prefixSquares, variance: sigma * sigma)
        // Merge away steps below the minimum effect, smallest first.
        func level(_ s: Int, _ t: Int) -> Double { exp((prefix[t] - prefix[s]) / Double(t - s)) }
        while true {
            let bounds = [0] + cuts + [n]
            var smallest: (offset: Int, size: Double)?
            for i in cuts.indices {
                let size = Comparator.effectSize(
                    level(bounds[i + 1], bounds[i + 2]) / level(bounds[i], bounds[i + 1]) - 1)
                if size < settings.minimumEffect, smallest.map({ size < $0.size }) ?? true { smallest = (i, size) }
            }
            guard let smallest else { break }
            cuts.remove(at: smallest.offset)
        }
        let final = [0] + cuts + [n]
        return cuts.indices.map { i in
            ChangePoint(index: cuts[i], before: level(final[i], final[i + 1]), after: level(final[i + 1], final[i + 2]))
        }
    }

    /// Optimal partitioning: the cuts minimizing the total cost plus `beta` per segment, every segment
    /// at least `minimum` long; a segment's cost is its sum of squared deviations from its mean over
    /// `variance`, from the prefix sums of the values and of their squares.
    ///
    /// PELT's pruning (Killick, Fearnhead & Eckley 2012): a start `s` with best[s] + cost(s, t) >
    /// best[t] can never again be the best last change, since a segment's cost is at least the sum
    /// of its parts' (no penalty term). With a minimum segment, `t` may end a segment only `minimum`
    /// steps later, so the pruning found at `t` takes effect then. A margin keeps rounding from
    /// pruning a tie. A history without a change prunes little (n²/2 candidates a pass), so the
    /// candidates are kept in arrays side by side (their start, prefix sums and best cost) and each
    /// cost is computed in place.
    static func partition(
        n: Int, minimum: Int, beta: Double, prefix: [Double], prefixSquares: [Double], variance: Double
    ) -> [Int] {
        var best = [Double](repeating: .infinity, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        best[0] = -beta
        var pending = [[Int]](repeating: [], count: n + minimum + 1)
        var pruned = [Bool](repeating: false, count: n + 1)
        // The candidates in the order they came: of equal totals the first wins.
        var starts: [Int] = [], startValues: [Double] = [], sums: [Double] = [], squareSums: [Double] = []
        var bests: [Double] = []
        var costs: [Double] = []
        for t in stride(from: minimum, through: n, by: 1) {
            if !pending[t].isEmpty {
                for s in pending[t] { pruned[s] = true }
                var kept = 0
                for index in starts.indices where !pruned[starts[index]] {
                    starts[kept] = starts[index]
                    startValues[kept] = startValues[index]
                    sums[kept] = sums[index]
                    squareSums[kept] = squareSums[index]
                    bests[kept] = bests[index]
                    kept += 1
                }
                starts.removeLast(starts.count - kept)
                startValues.removeLast(startValues.count - kept)
                sums.removeLast(sums.count - kept)
                squareSums.removeLast(squareSums.count - kept)
                bests.removeLast(bests.count - kept)
            }
            let newest = t - minimum
            if (newest == 0 || newest >= minimum) && best[newest].isFinite {
                starts.append(newest)
                startValues.append(Double(newest))
                sums.append(prefix[newest])
                squareSums.append(prefixSquares[newest])
                bests.append(best[newest])
            }
            let count = starts.count
            if costs.count < count { costs.append(contentsOf: repeatElement(0, count: count - costs.count)) }
            let sumT = prefix[t], squareSumT = prefixSquares[t]
            var bestT = Double.infinity, lastT = 0
            let end = Double(t)
            starts.withUnsafeBufferPointer { starts in
                startValues.withUnsafeBufferPointer { startValues in
                    sums.withUnsafeBufferPointer { sums in
                        squareSums.withUnsafeBufferPointer { squareSums in
                            bests.withUnsafeBufferPointer { bests in
                                costs.withUnsafeMutableBufferPointer { costs in
                                    // Four candidates at a time, each lane the scalar arithmetic below
                                    // (IEEE operations lane by lane: the same bits), then the best of
                                    // them in order, so the first of equal totals still wins.
                                    var index = 0
                                    while index + 4 <= count {
                                        let sum = SIMD4(repeating: sumT) - Self.load(sums, index)
                                        let raw =
                                            SIMD4(repeating: squareSumT) - Self.load(squareSums, index) - sum * sum
                                            / (SIMD4(repeating: end) - Self.load(startValues, index))
                                        // max(0, raw) as Swift.max takes it: raw when raw >= 0, else 0.
                                        let squares = raw.replacing(with: 0, where: .!(raw .>= SIMD4(repeating: 0)))
                                        let segment = squares / SIMD4(repeating: variance)
                                        Self.store(segment, costs, index)
                                        let candidates = Self.load(bests, index) + segment + SIMD4(repeating: beta)
                                        for lane in 0..<4 where candidates[lane] < bestT {
                                            bestT = candidates[lane]
                                            lastT = starts[index + lane]
                                        }
                                        index += 4
                                    }
                                    while index < count {
                                        let sum = sumT - sums[index]
                                        let squares = Swift.max(
                                            0, squareSumT - squareSums[index] - sum * sum / (end - startValues[index]))
                                        let segment = squares / variance
                                        costs[index] = segment
                                        let candidate = bests[index] + segment + beta
                                        if candidate < bestT {
                                            bestT = candidate
                                            lastT = starts[index]
                                        }
                                        index += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            best[t] = bestT
            last[t] = lastT
            guard bestT.isFinite else { continue }
            let bound = bestT + 1e-9 * Swift.max(1, abs(bestT))
            for index in 0..<count where bests[index] + costs[index] > bound {
                pending[t + minimum].append(starts[index])
            }
        }
        return cuts(last, n)
    }

    @inline(__always)
    private static func load(_ values: UnsafeBufferPointer<Double>, _ index: Int) -> SIMD4<Double> {
        SIMD4(values[index], values[index + 1], values[index + 2], values[index + 3])
    }

    @inline(__always)
    private static func store(_ values: SIMD4<Double>, _ into: UnsafeMutableBufferPointer<Double>, _ index: Int) {
        for lane in 0..<4 { into[index + lane] = values[lane] }
    }

    /// The cuts of the best partition, from each end's best last start.
    private static func cuts(_ last: [Int], _ n: Int) -> [Int] {
        var cuts: [Int] = []
        var t = n
        while t > 0 {
            let s = last[t]
            if s > 0 { cuts.append(s) }
            t = s
        }
        return cuts.reversed()
    }

    /// Robust noise of a series from consecutive differences: 1.4826 · MAD / √2.
    static func noise(_ y: [Double]) -> Double {
        guard y.count > 2 else { return 0 }
        let differences = zip(y.dropFirst(), y).map { $0 - $1 }.sortedAscending()
        let center = SampleStatistics.quantile(sorted: differences, 0.5)
        let deviations = differences.map { abs($0 - center) }.sortedAscending()
        return 1.4826 * SampleStatistics.quantile(sorted: deviations, 0.5) / 2.0.squareRoot()
    }
}
