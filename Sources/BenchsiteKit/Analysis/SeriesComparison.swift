import Foundation

/// What a comparison concluded about one series and metric.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case regression
    case improvement
    case noChange = "no change"
    case insufficientData = "insufficient data"
}

/// One series and metric compared between a baseline and a contender.
public struct SeriesComparison: Sendable {
    /// Which test reached the verdict; pages and exports name it.
    public enum Method: String, Sendable {
        /// Mann-Whitney U on the two runs' requests, bootstrap interval for the change of the median.
        case samples = "Mann-Whitney U on the requests"
        /// Van Elteren's test within prompts, stratified bootstrap interval for the change.
        case stratified = "van Elteren test within prompts"
        /// Welch's t-test on the runs' levels (several runs a side): run-to-run variation counts.
        case runs = "Welch t-test on run levels"
        /// The run against what the earlier runs' levels predict (their spread included).
        case history = "against the spread of earlier runs"
        /// Two runs, with the run-to-run spread their series' history shows.
        case runSpread = "two runs, with the run-to-run spread of their history"
        /// Only reported aggregates on at least one side: the change against the threshold.
        case thresholdOnly = "threshold only (aggregates)"

        /// A short name for CSV and JSON.
        public var identifier: String {
            switch self {
            case .samples: return "mann-whitney-u"
            case .stratified: return "van-elteren"
            case .runs: return "welch-t"
            case .history: return "history-prediction"
            case .runSpread: return "run-spread"
            case .thresholdOnly: return "threshold"
            }
        }
    }

    public var key: SeriesKey
    public var metric: Metric
    /// The statistic compared: the median (the level, within prompts when they are known), or the
    /// mean when only means were reported.
    public var statistic: Statistic
    public var baseline: Double?
    public var contender: Double?
    /// Values behind each side: requests for the sample tests, runs for the tests across runs.
    public var baselineCount: Int
    public var contenderCount: Int
    /// (contender - baseline) / baseline.
    public var change: Double?
    public var interval: (lower: Double, upper: Double)?
    public var pValue: Double?
    /// The p-value adjusted for the tests of the same series (its metrics), Benjamini-Hochberg.
    public var adjustedPValue: Double?
    public var method: Method
    public var verdict: Verdict
    /// Why there was no verdict, when there is none.
    public var note: String?
}
