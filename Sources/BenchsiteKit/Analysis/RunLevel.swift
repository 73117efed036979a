import Foundation

/// A run's level for one metric: what change points and verdicts across runs compare.
///
/// Without prompts it is the median of the run's values. When the samples name their prompts (a
/// fixed prompt set run several times), the level is estimated within prompts and combined: the
/// geometric mean of the prompts' medians. Pooling the samples of prompts that differ 4× would make
/// the median jump between prompt clusters from night to night and its spread measure how different
/// the prompts are, not how noisy the run is.
///
/// `logStandardError` is the standard error of `log(value)` from the run's own sampling: for a median
/// of n values, `1.2533 · σ / √n` (the asymptotic standard error of a median, σ from the IQR / 1.349),
/// relative to the level; with prompts, the prompts' errors combined, `√(Σ SE_p²) / P`, each prompt's σ
/// taken as the prompts' typical relative spread (a prompt with five values has too few for its own).
public struct RunLevel: Sendable, Codable {
    public var value: Double
    public var logStandardError: Double?
    /// The median of each prompt, when the level was estimated within prompts.
    public var promptMedians: [String: Double]
    /// Values behind the level.
    public var count: Int
    public var source: FigureSource

    /// The level of a metric in one result, or nil when it has neither usable samples nor a reported headline.
    static func of(_ result: RunResult, _ metric: Metric, figures: MetricFigures?) -> RunLevel? {
        of(result, metric, figures: figures, prompts: SamplePrompts(result.samples), sortedValues: nil)
    }

    /// - Parameters:
    ///   - prompts: the samples' prompts (`SamplePrompts`).
    ///   - sortedValues: `result.requestValues(metric)` sorted, when the caller has them.
    ///   - byPrompt: the metric's values per prompt (`SamplePrompts.values`), when the caller has them.
    static func of(
        _ result: RunResult, _ metric: Metric, figures: MetricFigures?, prompts: SamplePrompts, sortedValues: [Double]?,
        byPrompt: SamplePrompts.Values? = nil
    ) -> RunLevel? {
        let values = sortedValues ?? result.requestValues(metric)
        if values.count >= 1, values.allSatisfy({ $0 > 0 && $0.isFinite }) {
            if prompts.names.count >= 2,
                let stratified = stratified(byPrompt ?? prompts.values(result.samples, metric), prompts: prompts)
            {
                return stratified
            }
            let sorted = sortedValues ?? values.sortedAscending()
            let median = SampleStatistics.quantile(sorted: sorted, 0.5)
            var error: Double?
            if sorted.count >= 4 {
                let spread =
                    (SampleStatistics.quantile(sorted: sorted, 0.75) - SampleStatistics.quantile(sorted: sorted, 0.25))
                    / 1.349
                error = 1.2533 * spread / median / Double(sorted.count).squareRoot()
            }
            return RunLevel(
                value: median, logStandardError: error, promptMedians: [:], count: sorted.count, source: .computed)
        }
        guard let headline = figures?.headline, headline.value > 0, headline.value.isFinite else { return nil }
        return RunLevel(
            value: headline.value, logStandardError: nil, promptMedians: [:], count: 0,
            source: figures?.source ?? .reported)
    }

    /// Within prompts, when every successful sample names one and at least two prompts have values.
    private static func stratified(_ values: SamplePrompts.Values, prompts: SamplePrompts) -> RunLevel? {
        guard values.complete else { return nil }
        let byPrompt = values.sorted
        // In prompt order: sums of floating-point numbers must not depend on the order prompts came in.
        let present = prompts.names.indices.filter { !byPrompt[$0].isEmpty }.sorted {
            prompts.names[$0] < prompts.names[$1]
        }
        guard present.count >= 2 else { return nil }
        var medians: [String: Double] = [:]
        var logs: [Double] = []
        var relativeSpreads: [Double] = []
        for prompt in present {
            let sorted = byPrompt[prompt]
            let median = SampleStatistics.quantile(sorted: sorted, 0.5)
            medians[prompts.names[prompt]] = median
            logs.append(log(median))
            if sorted.count >= 3 {
                let spread =
                    (SampleStatistics.quantile(sorted: sorted, 0.75) - SampleStatistics.quantile(sorted: sorted, 0.25))
                    / 1.349
                relativeSpreads.append(spread / median)
            }
        }
        let logMean = logs.reduce(0, +) / Double(present.count)
        var error: Double?
        if !relativeSpreads.isEmpty {
            let typical = SampleStatistics.quantile(sorted: relativeSpreads.sorted(), 0.5)
            let variance = present.map { pow(1.2533 * typical, 2) / Double(byPrompt[$0].count) }.reduce(0, +)
            error = variance.squareRoot() / Double(present.count)
        }
        return RunLevel(
            value: exp(logMean), logStandardError: error, promptMedians: medians,
            count: present.map { byPrompt[$0].count }.reduce(0, +),
            source: .computed)
    }
}

/// The levels of one series over its runs, made comparable: where runs measured different subsets of
/// the prompts, each prompt is first related to its own typical level over the series (its median of
/// medians), so a run that skipped a slow prompt does not look faster.
enum SeriesLevels {
    static func normalize(_ levels: [RunLevel?]) -> [RunLevel?] {
        // The same prompts every run (or none): nothing to do. Checked against the first run's prompts
        // without building a set per run (a series of years is asked this for every metric).
        guard let first = levels.first(where: { !($0?.promptMedians.isEmpty ?? true) })??.promptMedians else {
            return levels
        }
        let samePrompts = levels.allSatisfy { level in
            guard let medians = level?.promptMedians, !medians.isEmpty else { return true }
            guard medians.count == first.count else { return false }
            // The same keys in the same order (dictionaries built alike) need no hashing.
            return zip(medians.keys, first.keys).allSatisfy { $0 == $1 } || medians.keys.allSatisfy { first[$0] != nil }
        }
        guard !samePrompts else { return levels }
        var byPrompt: [String: [Double]] = [:]
        for level in levels.compactMap({ $0 }) {
            for (prompt, median) in level.promptMedians { byPrompt[prompt, default: []].append(median) }
        }
        var reference: [String: Double] = [:]
        for (prompt, medians) in byPrompt {
            reference[prompt] = SampleStatistics.quantile(sorted: medians.sorted(), 0.5)
        }
        // Sums in prompt order, so the result never depends on a dictionary's order.
        let scale = exp(reference.keys.sorted().map { log(reference[$0] ?? 1) }.reduce(0, +) / Double(reference.count))
        return levels.map { level in
            guard var level, !level.promptMedians.isEmpty else { return level }
            let logs = level.promptMedians.keys.sorted().compactMap { prompt in
                reference[prompt].flatMap { reference in level.promptMedians[prompt].map { log($0 / reference) } }
            }
            guard !logs.isEmpty else { return level }
            level.value = scale * exp(logs.reduce(0, +) / Double(logs.count))
            return level
        }
    }
}
