/// One metric of one result: what was computed from raw samples and what the tool reported, kept apart.
public struct MetricFigures: Sendable, Codable {
    public var metric: Metric
    public var computed: SampleStatistics?
    public var reported: ReportedStatistics?

    /// The value shown for a statistic: computed from samples when there are samples, else as reported.
    public func value(_ statistic: Statistic) -> Double? {
        if let computed { return computed[statistic] }
        return reported?[statistic]
    }

    public var source: FigureSource {
        computed != nil ? .computed : .reported
    }

    /// The headline figure: the median, or the mean when only a mean was reported.
    public var headline: (statistic: Statistic, value: Double)? {
        if let p50 = value(.p50) { return (.p50, p50) }
        if let mean = value(.mean) { return (.mean, mean) }
        return nil
    }

    /// The same statistic on both sides, for a fair change figure.
    public func comparableHeadline(
        with other: MetricFigures
    ) -> (statistic: Statistic, value: Double, previous: Double)? {
        for statistic in [Statistic.p50, .mean] {
            if let a = value(statistic), let b = other.value(statistic) { return (statistic, a, b) }
        }
        return nil
    }
}

public enum FigureSource: String, Sendable, Codable {
    case computed
    case reported
}
