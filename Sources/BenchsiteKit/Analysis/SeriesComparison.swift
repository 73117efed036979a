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
    public enum Method: String, Sendable, Codable {
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

/// Every field by name, the interval as two numbers (for the build cache's binary form).
extension SeriesComparison: Codable {
    private enum CodingKeys: String, CodingKey {
        case key, metric, statistic, baseline, contender, baselineCount, contenderCount, change, lower, upper
        case pValue, adjustedPValue, method, verdict, note
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(SeriesKey.self, forKey: .key)
        metric = try c.decode(Metric.self, forKey: .metric)
        statistic = try c.decode(Statistic.self, forKey: .statistic)
        baseline = try c.decodeIfPresent(Double.self, forKey: .baseline)
        contender = try c.decodeIfPresent(Double.self, forKey: .contender)
        baselineCount = try c.decode(Int.self, forKey: .baselineCount)
        contenderCount = try c.decode(Int.self, forKey: .contenderCount)
        change = try c.decodeIfPresent(Double.self, forKey: .change)
        if let lower = try c.decodeIfPresent(Double.self, forKey: .lower),
            let upper = try c.decodeIfPresent(Double.self, forKey: .upper)
        {
            interval = (lower, upper)
        }
        pValue = try c.decodeIfPresent(Double.self, forKey: .pValue)
        adjustedPValue = try c.decodeIfPresent(Double.self, forKey: .adjustedPValue)
        method = try c.decode(Method.self, forKey: .method)
        verdict = try c.decode(Verdict.self, forKey: .verdict)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(metric, forKey: .metric)
        try c.encode(statistic, forKey: .statistic)
        try c.encodeIfPresent(baseline, forKey: .baseline)
        try c.encodeIfPresent(contender, forKey: .contender)
        try c.encode(baselineCount, forKey: .baselineCount)
        try c.encode(contenderCount, forKey: .contenderCount)
        try c.encodeIfPresent(change, forKey: .change)
        try c.encodeIfPresent(interval?.lower, forKey: .lower)
        try c.encodeIfPresent(interval?.upper, forKey: .upper)
        try c.encodeIfPresent(pValue, forKey: .pValue)
        try c.encodeIfPresent(adjustedPValue, forKey: .adjustedPValue)
        try c.encode(method, forKey: .method)
        try c.encode(verdict, forKey: .verdict)
        try c.encodeIfPresent(note, forKey: .note)
    }
}
