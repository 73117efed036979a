import Foundation
import Yams

/// A minimum effect for the series and metrics it matches; the most specific match wins.
public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    public var model: String?
    public var scenario: String?
    public var metric: Metric?
    /// The smallest relative change that counts, as a fraction (0.1 = 10 %).
    public var minimumEffect: Double

    public init(model: String? = nil, scenario: String? = nil, metric: Metric? = nil, minimumEffect: Double) {
        self.model = model
        self.scenario = scenario
        self.metric = metric
        self.minimumEffect = minimumEffect
    }

    func matches(_ key: SeriesKey, _ metric: Metric) -> Bool {
        (model == nil || model == key.subject) && (scenario == nil || scenario == key.scenario)
            && (self.metric == nil || self.metric == metric)
    }

    var specificity: Int { [model != nil, scenario != nil, metric != nil].filter { $0 }.count }

    /// `model phi-4-mini, metric ttft: 10%`
    public var description: String {
        let parts = [
            model.map { "model \($0)" }, scenario.map { "scenario \($0)" }, metric.map { "metric \($0.rawValue)" },
        ].compactMap { $0 }
        return "\(parts.joined(separator: ", ")): \(NumberFormatting.plain(minimumEffect * 100))%"
    }
}
