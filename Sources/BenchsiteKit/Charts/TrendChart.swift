/// One point of a trend line: a run's headline value, with its spread when raw samples exist.
public struct TrendPoint: Sendable {
    /// Position of the run on the time axis (index into the chart's x labels).
    public var x: Int
    public var value: Double
    public var low: Double?
    public var high: Double?
    /// True when the value is a reported mean rather than a median of raw samples.
    public var reportedOnly: Bool

    public init(x: Int, value: Double, low: Double? = nil, high: Double? = nil, reportedOnly: Bool = false) {
        self.x = x
        self.value = value
        self.low = low
        self.high = high
        self.reportedOnly = reportedOnly
    }
}

public struct TrendSeries: Sendable {
    public var label: String
    public var colorIndex: Int
    public var points: [TrendPoint]
    /// Change points: the x position where a new level starts, and a short label (`+27%`).
    public var changePoints: [(x: Int, label: String)]

    public init(label: String, colorIndex: Int, points: [TrendPoint], changePoints: [(x: Int, label: String)] = []) {
        self.label = label
        self.colorIndex = colorIndex
        self.points = points
        self.changePoints = changePoints
    }
}

/// Median over time with a band for the spread (p25 to p75), one line per series; runs evenly spaced.
public enum TrendChart {
    public static func render(
        id: String, title: String, metric: Metric, xLabels: [String], series: [TrendSeries], bands: Bool
    ) -> String {
        let width = 760.0
        let legendWidth = series.count > 1 ? 150.0 : 0
        let height = 280.0
        let left = 62.0, right = width - 16 - legendWidth, top = 14.0, bottom = height - 48
        let values = series.flatMap { s in
            s.points.flatMap { [$0.value] + (bands ? [$0.low, $0.high].compactMap { $0 } : []) }
        }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let yScale = Scale.nice(covering: values, pixels: top...bottom, includeZero: lo < 0.3 * hi, reversed: true)
            .labelled(for: metric)
        let tableUnit = DisplayUnit.common(for: values, of: metric)
        let show = { (value: Double) in tableUnit?.number(value) ?? metric.display(value) }
        let count = max(xLabels.count, 1)
        let xScale = Scale(
            lower: 0, upper: Double(max(count - 1, 1)), pixelStart: left + 12, pixelEnd: right - 12, logarithmic: false)
        var svg = SVGWriter()
        svg.valueAxisY(yScale, left: left, right: right, title: axisTitle(metric, yScale), titleX: 14)
        svg.line(left, bottom, right, bottom, class: "axis")
        let labelEvery = max(1, Int((Double(count) / 8).rounded(.up)))
        for (i, label) in xLabels.enumerated() where i % labelEvery == 0 || i == count - 1 {
            if i != count - 1, count - 1 - i < labelEvery / 2 + 1, i % labelEvery == 0, i != 0 { continue }
            let x = xScale(Double(i))
            svg.line(x, bottom, x, bottom + 4, class: "axis")
            svg.text(x, bottom + 16, label, anchor: .middle, class: "tick")
        }
        svg.text((left + right) / 2, bottom + 36, "Run (oldest to newest)", anchor: .middle, class: "axis-title")
        var summaries: [String] = []
        var changeNotes: [String] = []
        for s in series {
            for change in s.changePoints {
                // Halfway between the last run before the change and the first run after it.
                let x = xScale(Double(change.x) - 0.5)
                svg.line(x, top, x, bottom, class: "change sc\(s.colorIndex)")
                svg.text(x + 3, top + 11, change.label, class: "change-label")
                let when = xLabels.indices.contains(change.x) ? xLabels[change.x] : "run \(change.x + 1)"
                changeNotes.append("\(s.label) changes by \(change.label) from \(when)")
            }
        }
        for (index, s) in series.enumerated() {
            let c = s.colorIndex
            if bands {
                let banded = s.points.filter { $0.low != nil && $0.high != nil }
                if banded.count > 1 {
                    let upper = banded.map { (xScale(Double($0.x)), yScale($0.high!)) }
                    let lower = banded.reversed().map { (xScale(Double($0.x)), yScale($0.low!)) }
                    svg.path(upper + lower, class: "band fc\(c)", closed: true)
                }
            }
            svg.path(s.points.map { (xScale(Double($0.x)), yScale($0.value)) }, class: "line sc\(c)")
            for p in s.points {
                let tip =
                    "\(s.label), \(xLabels.indices.contains(p.x) ? xLabels[p.x] : ""): \(metric.display(p.value))\(p.reportedOnly ? " (reported mean)" : "")"
                svg.circle(
                    xScale(Double(p.x)), yScale(p.value), 3.2, class: p.reportedOnly ? "hollow sc\(c)" : "dot fc\(c)",
                    title: tip)
            }
            if legendWidth > 0 {
                let y = top + 10 + Double(index) * 18
                svg.line(right + 14, y - 4, right + 32, y - 4, class: "line sc\(c)")
                svg.text(right + 38, y, truncate(s.label, to: 16), class: "label")
            }
            if let first = s.points.first, let last = s.points.last {
                let change = first.value > 0 ? (last.value - first.value) / first.value : 0
                summaries.append(
                    "\(s.label): \(metric.display(first.value)) to \(metric.display(last.value)) (\(NumberFormatting.signedPercent(change))) over \(s.points.count) runs"
                )
            }
        }
        var description =
            "Median per run" + (bands ? " with a band from p25 to p75" : "")
            + "; hollow points are reported means (no raw samples)"
        description += changeNotes.isEmpty ? ". " : "; dashed lines mark change points. "
        description += summaries.isEmpty ? "No data." : summaries.joined(separator: "; ") + "."
        if !changeNotes.isEmpty { description += " Change points: " + changeNotes.joined(separator: "; ") + "." }
        let unitNote = tableUnit.map { ", \($0.symbol)" } ?? ""
        var table = ChartTable(
            header: ["Run"] + series.map { "\($0.label): median\(bands ? " (p25–p75)" : "")\(unitNote)" }, rows: [])
        for (x, label) in xLabels.enumerated() {
            let cells = series.map { s -> String in
                guard let p = s.points.first(where: { $0.x == x }) else { return "—" }
                var text = show(p.value)
                if bands, let low = p.low, let high = p.high { text += " (\(show(low))–\(show(high)))" }
                return p.reportedOnly ? text + " reported mean" : text
            }
            if cells.contains(where: { $0 != "—" }) { table.rows.append([label] + cells) }
        }
        return ChartFrame(id: id, title: title, description: description, width: width, height: height).wrap(
            svg.markup, kind: "trend", table: table)
    }
}
