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
    /// Penalty per change point, in units of `log(n)` times the noise variance (a BIC-style penalty).
    /// The default keeps false alarms in histories of 40 runs without a step below 1% in every shape
    /// `changepoint-simulation` tries (0.2% on average) while finding most steps of twice the minimum effect.
    public var penalty = ChangePointSettings.defaultPenalty
    /// Shifts smaller than this (relative, the same up and down: `Comparator.effectSize`) are not reported.
    public var minimumEffect = 0.05
    /// The fewest values a level needs: one odd run is not a change.
    public var minimumSegment = 3

    public static let defaultPenalty = 4.5

    /// `low`, `medium` (the default) or `high`: the penalty for each (measured false alarms in histories
    /// of 40 runs without a step: about 0.02%, 0.2% and 1.2%).
    public static func penalty(forSensitivity text: String) -> Double? {
        ["low": 7.0, "medium": defaultPenalty, "high": 3.0][text.lowercased()]
    }

    public init(
        penalty: Double = ChangePointSettings.defaultPenalty, minimumEffect: Double = 0.05, minimumSegment: Int = 3
    ) {
        self.penalty = penalty
        self.minimumEffect = minimumEffect
        self.minimumSegment = minimumSegment
    }
}
