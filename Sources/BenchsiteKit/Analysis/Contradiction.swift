/// A reported figure that cannot be true: above (or below) another reported figure that bounds
/// it, or far (over 1%) from the same statistic computed from the samples. Data: the run page
/// words it (`Contradiction.sentence` in Compose).
public struct Contradiction: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        /// Above a reported figure that cannot be below it (a p95 above the max).
        case above(field: String, value: Double)
        /// Below a reported figure that cannot be above it (a mean below the min).
        case below(field: String, value: Double)
        /// More than 1% from the value computed from the samples.
        case differsFromSamples(computed: Double)
    }

    public var metric: Metric
    /// The tool's name for the reported statistic (`latency_p95_s`), else the statistic's.
    public var field: String
    public var value: Double
    public var kind: Kind
}
