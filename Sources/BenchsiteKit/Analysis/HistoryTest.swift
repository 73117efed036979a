import Foundation

/// How much a series' level varies from run to run, on the log scale, and from how many runs that was seen.
public struct RunSpread: Sendable {
    public var logSpread: Double
    public var runs: Int
}

/// A run against the earlier runs of its series (the same hardware, since the last change point):
/// the prediction interval of a new value from k earlier ones, `mean ± t(k−1) · s · √(1 + 1/k)`, on
/// log levels (a new run is judged against what earlier runs' levels predict, their night-to-night
/// spread included, not only against the previous run's sampling noise). A two-sided p-value from
/// the same t statistic goes through the series' correction like any other test.
public enum HistoryTest {
    /// The smallest spread assumed, relative (0.1 %): levels that never moved (rounded aggregates) do
    /// not make every later wiggle significant.
    static let minimumSpread = 0.001

    static func compare(_ key: SeriesKey, _ metric: Metric, earlier: [RunLevel], current: RunLevel) -> SeriesComparison
    {
        let logs = earlier.map { log($0.value) }
        let k = Double(logs.count)
        let mean = logs.reduce(0, +) / k
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (k - 1)
        let sampling = earlier.compactMap(\.logStandardError).sorted()
        let typicalSampling = sampling.isEmpty ? 0 : SampleStatistics.quantile(sorted: sampling, 0.5)
        let spread = max(variance.squareRoot(), typicalSampling, current.logStandardError ?? 0, minimumSpread)
        let scale = spread * (1 + 1 / k).squareRoot()
        let difference = log(current.value) - mean
        let degrees = k - 1
        let t = StudentT.quantile975(degreesOfFreedom: degrees)
        return SeriesComparison(
            key: key, metric: metric, statistic: .p50, baseline: exp(mean), contender: current.value,
            baselineCount: Int(k), contenderCount: 1,
            change: exp(difference) - 1, interval: (exp(difference - t * scale) - 1, exp(difference + t * scale) - 1),
            pValue: StudentT.twoSidedP(difference / scale, degreesOfFreedom: degrees), adjustedPValue: nil,
            method: .history,
            verdict: .insufficientData)
    }

    /// Two runs, each with the run-to-run spread the series' history shows: the difference of two
    /// levels has √2 times that spread.
    static func pair(
        _ key: SeriesKey, _ metric: Metric, baseline: RunLevel, current: RunLevel, spread: RunSpread
    ) -> SeriesComparison {
        let within = max(baseline.logStandardError ?? 0, current.logStandardError ?? 0)
        let scale = max(spread.logSpread, within, minimumSpread) * 2.0.squareRoot()
        let difference = log(current.value) - log(baseline.value)
        let degrees = Double(max(spread.runs - 2, 1))
        let t = StudentT.quantile975(degreesOfFreedom: degrees)
        return SeriesComparison(
            key: key, metric: metric, statistic: .p50, baseline: baseline.value, contender: current.value,
            baselineCount: 1, contenderCount: 1,
            change: exp(difference) - 1, interval: (exp(difference - t * scale) - 1, exp(difference + t * scale) - 1),
            pValue: StudentT.twoSidedP(difference / scale, degreesOfFreedom: degrees), adjustedPValue: nil,
            method: .runSpread,
            verdict: .insufficientData)
    }
}
