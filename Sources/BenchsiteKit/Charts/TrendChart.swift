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
    /// The line's dash (0 solid, 1 dashed, 2 dotted): past 8 subjects colours repeat, the dash tells
    /// them apart; past 24 the points' marker does (`SeriesStyle`).
    public var dash: Int
    /// The points' shape: 0 circle, 1 square, 2 triangle, 3 diamond.
    public var marker: Int
    public var points: [TrendPoint]
    /// Change points: the x position where a new level starts, and a short label (`+27%`).
    public var changePoints: [(x: Int, label: String)]

    public init(
        label: String, colorIndex: Int, dash: Int = 0, marker: Int = 0, points: [TrendPoint],
        changePoints: [(x: Int, label: String)] = []
    ) {
        self.label = label
        self.colorIndex = colorIndex
        self.dash = dash
        self.marker = marker
        self.points = points
        self.changePoints = changePoints
    }
}

/// Median over time with a band for the spread (p25 to p75), one line per series; runs evenly spaced.
/// A history longer than `maxPoints` runs is drawn in groups of consecutive runs (each point the
/// median of the group's medians, the band their range), so a chart of 1,000 runs stays a chart; the
/// runs themselves are on the runs index and in the data files.
public enum TrendChart {
    public static let maxPoints = 200

    /// A drawn point: one run, or a group of consecutive runs.
    struct Drawn {
        var x: Double
        var first: Int
        var last: Int
        var value: Double
        var low: Double?
        var high: Double?
        var reportedOnly: Bool
    }

    /// How many consecutive runs one point stands for.
    static func groupSize(runs: Int) -> Int { max(1, (runs + maxPoints - 1) / maxPoints) }

    static func drawn(_ points: [TrendPoint], groupSize: Int) -> [Drawn] {
        guard groupSize > 1 else {
            return points.map {
                Drawn(
                    x: Double($0.x), first: $0.x, last: $0.x, value: $0.value, low: $0.low, high: $0.high,
                    reportedOnly: $0.reportedOnly)
            }
        }
        var groups: [[TrendPoint]] = []
        for point in points {
            if let last = groups.last?.last, last.x / groupSize == point.x / groupSize {
                groups[groups.count - 1].append(point)
            } else {
                groups.append([point])
            }
        }
        return groups.map { group in
            let values = group.map(\.value).sorted()
            return Drawn(
                x: Double(group.map(\.x).reduce(0, +)) / Double(group.count), first: group[0].x,
                last: group[group.count - 1].x, value: SampleStatistics.quantile(sorted: values, 0.5),
                low: values.first, high: values.last, reportedOnly: group.allSatisfy(\.reportedOnly))
        }
    }

    /// - Parameter xLinks: each run's page, relative to the page the chart is on: a point that stands
    ///   for one run links to it (out of the tab order), and so does its row in the table of the numbers.
    public static func render(
        id: String, title: String, metric: Metric, xLabels: [String], xLinks: [String] = [], series: [TrendSeries],
        bands: Bool
    ) -> String {
        let width = 760.0
        // The legend's text starts 38 px into it and may reach 2 px from the chart's edge, 16 px past it.
        let legend = LegendSize(labels: series.map(\.label), margin: 24)
        let legendWidth = series.count > 1 ? legend.width : 0
        // Tall enough for the legend: one line per series beside the plot.
        let height = max(280.0, legendWidth > 0 ? 14 + 10 + Double(series.count) * 18 + 8 : 0)
        let left = 62.0, right = width - 16 - legendWidth, top = 14.0, bottom = height - 48
        let count = max(xLabels.count, 1)
        let group = groupSize(runs: count)
        let grouped = group > 1
        let drawnSeries = series.map { drawn($0.points, groupSize: group) }
        let values = drawnSeries.flatMap { points in
            points.flatMap { [$0.value] + (bands || grouped ? [$0.low, $0.high].compactMap { $0 } : []) }
        }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        // Series far apart (a suite's benchmarks, from nanoseconds to milliseconds) on a log scale, each
        // tick in its own unit: on a linear one all but the slowest lie flat on the axis.
        let yScale = Scale.nice(
            covering: values, pixels: top...bottom, includeZero: lo < 0.3 * hi, allowLog: true, reversed: true
        )
        .labelled(for: metric)
        let tableUnit = DisplayUnit.common(for: values, of: metric)
        let show = { (value: Double) in tableUnit?.number(value) ?? metric.display(value) }
        let xScale = Scale(
            lower: 0, upper: Double(max(count - 1, 1)), pixelStart: left + 12, pixelEnd: right - 12, logarithmic: false)
        let label = { (x: Int) in xLabels.indices.contains(x) ? xLabels[x] : "run \(x + 1)" }
        let span = { (point: Drawn) in
            point.first == point.last ? label(point.first) : "\(label(point.first)) to \(label(point.last))"
        }
        var svg = SVGWriter()
        svg.valueAxisY(yScale, left: left, right: right, title: axisTitle(metric, yScale), titleX: 14)
        svg.line(left, bottom, right, bottom, class: "axis")
        let labelEvery = max(1, Int((Double(count) / 8).rounded(.up)))
        for (i, label) in xLabels.enumerated() where i % labelEvery == 0 || i == count - 1 {
            if i != count - 1, count - 1 - i < labelEvery / 2 + 1, i % labelEvery == 0, i != 0 { continue }
            let x = xScale(Double(i))
            svg.line(x, bottom, x, bottom + 4, class: "axis")
            // A label centred under a tick near an edge would stick out of the chart (dates with
            // their year are 10 characters): it ends, or starts, at the tick instead.
            let half = Double(label.count) * 3.4
            let anchor: SVGWriter.Anchor = x + half > width - 2 ? .end : x - half < 2 ? .start : .middle
            svg.text(x, bottom + 16, label, anchor: anchor, class: "tick")
        }
        svg.text(
            (left + right) / 2, bottom + 36,
            grouped ? "Run (oldest to newest; one point per \(group) runs)" : "Run (oldest to newest)", anchor: .middle,
            class: "axis-title")
        var summaries: [String] = []
        var changeNotes: [String] = []
        for s in series {
            for change in s.changePoints {
                // Halfway between the last run before the change and the first run after it.
                let x = xScale(Double(change.x) - 0.5)
                svg.line(x, top, x, bottom, class: "change sc\(s.colorIndex)")
                svg.text(x + 3, top + 11, change.label, class: "change-label")
                changeNotes.append("\(s.label) changes by \(change.label) from \(label(change.x))")
            }
        }
        for (index, s) in series.enumerated() {
            let c = s.colorIndex
            let points = drawnSeries[index]
            // Each series one group: hovering its line, a point or its legend entry fades the others
            // (the stylesheet).
            if legendWidth > 0 { svg.raw("<g class=\"series\">") }
            if bands || grouped {
                let banded = points.filter { $0.low != nil && $0.high != nil }
                if banded.count > 1 {
                    let upper = banded.map { (xScale($0.x), yScale($0.high ?? $0.value)) }
                    let lower = banded.reversed().map { (xScale($0.x), yScale($0.low ?? $0.value)) }
                    svg.path(upper + lower, class: "band fc\(c)", closed: true)
                }
            }
            let lineClass = SeriesStyle(color: c, dash: s.dash).lineClass
            svg.path(points.map { (xScale($0.x), yScale($0.value)) }, class: lineClass)
            for p in points {
                let what = grouped ? "median of the runs' medians " : ""
                let tip =
                    "\(s.label), \(span(p)): \(what)\(metric.display(p.value))\(p.reportedOnly ? " (reported mean)" : "")"
                let dotClass = p.reportedOnly ? "hollow sc\(c)" : "dot fc\(c)"
                if p.first == p.last, xLinks.indices.contains(p.first) {
                    svg.raw(
                        "<a href=\"\(XMLText.escape(xLinks[p.first]))\" tabindex=\"-1\"><title>\(XMLText.escape(tip))</title>"
                    )
                    svg.marker(s.marker, xScale(p.x), yScale(p.value), 3.2, class: dotClass)
                    svg.raw("</a>")
                } else {
                    svg.marker(s.marker, xScale(p.x), yScale(p.value), 3.2, class: dotClass, title: tip)
                }
            }
            if legendWidth > 0 {
                let y = top + 10 + Double(index) * 18
                svg.rect(right + 8, y - 13, legendWidth - 12, 18, class: "legend-hit")
                svg.line(right + 12, y - 4, right + 34, y - 4, class: lineClass)
                svg.marker(s.marker, right + 23, y - 4, 3.2, class: "dot fc\(c)")
                // Names are in full in the table.
                svg.text(right + 38, y, truncate(s.label, to: legend.characters), class: "label")
                svg.raw("</g>")
            }
            if let first = s.points.first, let last = s.points.last {
                let change = first.value > 0 ? (last.value - first.value) / first.value : 0
                summaries.append(
                    "\(s.label): \(metric.display(first.value)) to \(metric.display(last.value)) (\(NumberFormatting.signedPercent(change))) over \(s.points.count) runs"
                )
            }
        }
        var description =
            grouped
            ? "Median per group of \(group) consecutive runs (the median of their medians), with a band over the range of their medians"
            : "Median per run" + (bands ? " with a band from p25 to p75" : "")
        if drawnSeries.joined().contains(where: \.reportedOnly) {
            description += "; hollow points are reported means (no raw samples)"
        }
        description += changeNotes.isEmpty ? ". " : "; dashed lines mark change points. "
        let reading = description
        description += summaries.isEmpty ? "No data." : summaries.joined(separator: "; ") + "."
        let changes = changeNotes.isEmpty ? "" : " Change points: " + changeNotes.joined(separator: "; ") + "."
        description += changes
        let unitNote = tableUnit.map { ", \($0.symbol)" } ?? ""
        let spread = grouped ? " (range of the runs' medians)" : bands ? " (p25–p75)" : ""
        var table = ChartTable(
            header: [grouped ? "Runs" : "Run"] + series.map { "\($0.label): median\(spread)\(unitNote)" }, rows: [])
        // One row per drawn point position (a run, or a group of runs), in time order.
        let byKey: [[Int: Drawn]] = drawnSeries.map { points in
            var keyed: [Int: Drawn] = [:]
            for p in points { keyed[p.first / group] = p }
            return keyed
        }
        let keys = Set(byKey.flatMap(\.keys)).sorted()
        for key in keys {
            var rowLabel = ""
            let cells = byKey.indices.map { i -> String in
                guard let p = byKey[i][key] else { return "—" }
                if rowLabel.isEmpty { rowLabel = span(p) }
                var text = show(p.value)
                if bands || grouped, let low = p.low, let high = p.high { text += " (\(show(low))–\(show(high)))" }
                return p.reportedOnly ? text + " reported mean" : text
            }
            table.rows.append([rowLabel] + cells)
            // A row of one run links to its page (a group of runs has none).
            table.rowLinks.append(group == 1 && xLinks.indices.contains(key) ? xLinks[key] : nil)
        }
        var frame = ChartFrame(id: id, title: title, description: description, width: width, height: height)
        if summaries.count > ChartFrame.captionSeries {
            // The change points stay in sight: they are what the chart found.
            frame.caption =
                reading + ChartFrame.inTable(summaries.count, "lines")
                + (changeNotes.count > ChartFrame.captionSeries ? "" : changes)
        }
        return frame.wrap(svg.markup, kind: "trend", table: table)
    }
}
