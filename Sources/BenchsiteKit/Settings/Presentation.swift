import Foundation
import Yams

/// What the pages show and how they name and order models.
public struct Presentation: Sendable {
    /// The metrics shown in tables and charts and judged by verdicts, in this order.
    public var metrics: [Metric] = Metric.allCases
    /// The percentiles of each metric in the tables; nil: each table's own choice.
    public var percentiles: [Statistic]?
    /// Names shown instead of the subject as the results give it.
    public var displayNames: [String: String] = [:]
    /// Subjects listed first, in this order (the rest follow, fastest first).
    public var order: [String] = []

    public init() {}

    public func shows(_ metric: Metric) -> Bool { metrics.contains(metric) }
    public func name(_ subject: String) -> String { displayNames[subject] ?? subject }
    /// The main metrics besides latency that tables show one figure of.
    public var headlineMetrics: [Metric] { metrics.filter { $0 != .latency && Metric.main.contains($0) } }

    public static let percentileChoices: [Statistic] = [.p50, .p90, .p95, .p99]
}
