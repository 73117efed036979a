/// The unit a table cell writes its figure in.
enum FigureUnit {
    /// The metric's base unit, without a symbol (seconds): the named figures templates get.
    case base
    /// One unit for the whole column, named in its header.
    case shared(DisplayUnit)
    /// The unit that fits the figure, written after it (`2.29 ns`).
    case own

    /// A shared unit when the figures read well in one, else each its own.
    static func fitting(_ values: [Double], of metric: Metric) -> FigureUnit {
        DisplayUnit.common(for: values, of: metric).map { .shared($0) } ?? .own
    }

    func text(_ value: Double, _ metric: Metric) -> String {
        switch self {
        case .base: return NumberFormatting.significant(value)
        case .shared(let unit): return unit.number(value)
        case .own: return metric.display(value)
        }
    }

    /// ` (ms)` for a header, when the column shares a unit.
    var headerSuffix: String {
        if case .shared(let unit) = self, !unit.symbol.isEmpty { return " (\(unit.symbol))" }
        return ""
    }

    /// The header of a column holding one metric's headline figure.
    func headlineHeader(_ metric: Metric) -> String {
        metric == .throughput ? "Throughput\(headerSuffix)" : "TTFT p50\(headerSuffix)"
    }
}
