/// One subject's values in a distribution chart.
public struct DistributionRow: Sendable {
    public var label: String
    public var colorIndex: Int
    /// The subject's line dash and marker where a chart draws it as a line (the ECDF).
    public var dash = 0
    public var marker = 0
    /// Raw sample values, sorted ascending; empty when only reported figures exist.
    public var sortedValues: [Double]
    /// Reported figures, drawn when there are no raw values.
    /// The reported center drawn as a diamond: the mean, or the median when only that was reported.
    public var reportedMean: Double?
    /// True when `reportedMean` is a reported median.
    public var reportedCenterIsMedian = false
    public var reportedP95: Double?
    public var reportedMin: Double?
    public var reportedMax: Double?

    public init(
        label: String, colorIndex: Int, sortedValues: [Double], reportedMean: Double? = nil, reportedP95: Double? = nil,
        reportedMin: Double? = nil, reportedMax: Double? = nil
    ) {
        self.label = label
        self.colorIndex = colorIndex
        self.sortedValues = sortedValues
        self.reportedMean = reportedMean
        self.reportedP95 = reportedP95
        self.reportedMin = reportedMin
        self.reportedMax = reportedMax
    }
}

/// Box plots with the individual samples, one row per subject, on one shared axis.
/// Box: p25 to p75; thick line: median; whiskers: p5 to p95; dots: requests (at most
/// `pointsPerRow(rows:)`, chosen at evenly spaced ranks so the tails stay visible).
public enum DistributionChart {
    public static let maxPointsPerRow = 120
    /// Dots drawn in one chart at most, shared by its rows: a run of 20 models stays a page, not a
    /// megabyte (every sample is in the data files).
    public static let maxPointsPerChart = 1200

    /// Dots per row: all samples up to 120, fewer when many rows share the chart (at least 24).
    public static func pointsPerRow(rows: Int) -> Int {
        min(maxPointsPerRow, max(24, maxPointsPerChart / max(rows, 1)))
    }

    /// - Parameter subjectHeader: what the rows are, for the table's header (`Model`, `Benchmark`).
    public static func render(
        id: String, title: String, metric: Metric, rows: [DistributionRow], subjectHeader: String = "Model"
    ) -> String {
        let labelWidth = min(220, max(90, Double(rows.map(\.label.count).max() ?? 8) * 7 + 16))
        let width = 760.0
        let rowHeight = 30.0
        let top = 12.0
        let plotBottom = top + rowHeight * Double(max(rows.count, 1))
        let height = plotBottom + 44
        let values = ChartValues(
            sortedRows: rows.map(\.sortedValues),
            others: rows.flatMap {
                [$0.reportedMean, $0.reportedP95, $0.reportedMin, $0.reportedMax].compactMap { $0 }
            })
        let scale = values.scale(pixels: (labelWidth + 10)...(width - 16), includeZero: true, allowLog: true)
            .labelled(for: metric)
        var svg = SVGWriter()
        svg.valueAxisX(scale, top: top, bottom: plotBottom, title: axisTitle(metric, scale))
        var summaries: [String] = []
        // The table's numbers in one unit when they read well in it, else each with its own.
        let tableUnit = values.commonUnit(of: metric)
        let show = { (value: Double) in tableUnit?.number(value) ?? metric.display(value) }
        let unit = tableUnit.map { " (\($0.symbol))" } ?? ""
        var table = ChartTable(
            header: [subjectHeader, "n", "p5\(unit)", "p25\(unit)", "median\(unit)", "p75\(unit)", "p95\(unit)"],
            rows: [])
        for (i, row) in rows.enumerated() {
            let cy = top + rowHeight * (Double(i) + 0.5)
            let color = row.colorIndex
            svg.text(labelWidth, cy + 4, truncate(row.label, to: Int(labelWidth / 7)), anchor: .end, class: "label")
            if !row.sortedValues.isEmpty {
                let v = row.sortedValues
                let q = { (p: Double) in SampleStatistics.quantile(sorted: v, p) }
                let (p5, p25, p50, p75, p95) = (q(0.05), q(0.25), q(0.5), q(0.75), q(0.95))
                // Hovering the row's box or dots shows its figures (one title per row, not per dot).
                let figures = [("p5", p5), ("p25", p25), ("median", p50), ("p75", p75), ("p95", p95)]
                    .map { "\($0.0) \(metric.display($0.1))" }.joined(separator: ", ")
                let extremes = "min \(metric.display(v[0])), max \(metric.display(v[v.count - 1]))"
                svg.raw(
                    "<g><title>\(XMLText.escape("\(row.label): \(v.count) samples; \(figures); \(extremes)"))</title>")
                defer { svg.raw("</g>") }
                svg.line(scale(p5), cy, scale(p25), cy, class: "whisker sc\(color)")
                svg.line(scale(p75), cy, scale(p95), cy, class: "whisker sc\(color)")
                svg.line(scale(p5), cy - 5, scale(p5), cy + 5, class: "whisker sc\(color)")
                svg.line(scale(p95), cy - 5, scale(p95), cy + 5, class: "whisker sc\(color)")
                svg.rect(scale(p25), cy - 9, scale(p75) - scale(p25), 18, class: "box fc\(color) sc\(color)")
                svg.line(scale(p50), cy - 11, scale(p50), cy + 11, class: "median")
                let indices = pointIndices(count: v.count, limit: pointsPerRow(rows: rows.count))
                svg.dots(
                    indices.enumerated().map { k, index in
                        // A fixed, index-based jitter keeps dots apart and output deterministic.
                        (scale(v[index]), cy + (Double((k * 7919) % 17) / 16 - 0.5) * 12)
                    }, class: "dots sc\(color)")
                summaries.append(
                    "\(row.label): median \(metric.display(p50)), p95 \(metric.display(p95)), \(v.count) samples")
                table.rows.append([row.label, String(v.count)] + [p5, p25, p50, p75, p95].map(show))
            } else if let mean = row.reportedMean ?? row.reportedP95 {
                if let lo = row.reportedMin, let hi = row.reportedMax {
                    svg.line(scale(lo), cy, scale(hi), cy, class: "whisker sc\(color)")
                    svg.line(scale(lo), cy - 5, scale(lo), cy + 5, class: "whisker sc\(color)")
                    svg.line(scale(hi), cy - 5, scale(hi), cy + 5, class: "whisker sc\(color)")
                }
                let x = scale(mean)
                svg.path(
                    [(x, cy - 7), (x + 7, cy), (x, cy + 7), (x - 7, cy)], class: "reported fc\(color) sc\(color)",
                    closed: true)
                if let p95 = row.reportedP95, row.reportedMean != nil {
                    svg.line(scale(p95), cy - 8, scale(p95), cy + 8, class: "p95 sc\(color)")
                }
                let center = row.reportedCenterIsMedian && row.reportedMean != nil ? "median" : "mean"
                var text = "\(row.label): reported \(center) \(metric.display(mean))"
                if let p95 = row.reportedP95 { text += ", reported p95 \(metric.display(p95))" }
                summaries.append(text + " (no raw samples)")
                table.rows.append([
                    row.label, "—", "—", "—", "reported \(center) \(show(mean))", "—",
                    row.reportedP95.map { "reported \(show($0))" } ?? "—",
                ])
            } else {
                svg.text(scale.pixelStart + 4, cy + 4, "no data", class: "note")
                summaries.append("\(row.label): no data")
            }
        }
        let reading =
            "Box: middle half of the requests (p25 to p75), thick line: median, whiskers: p5 to p95, dots: individual requests (at most \(pointsPerRow(rows: rows.count)) per row, evenly spaced by rank); diamonds: reported means (or medians) where the tool kept no raw samples (tick: reported p95). "
        var frame = ChartFrame(
            id: id, title: title, description: reading + summaries.joined(separator: "; ") + ".", width: width,
            height: height)
        if summaries.count > ChartFrame.captionSeries {
            frame.caption = reading + ChartFrame.inTable(summaries.count, "rows")
        }
        return frame.wrap(svg.markup, kind: "distribution", table: table.droppingEmptyColumns())
    }

    /// Indices of the points to draw: all of them, or `limit` evenly spaced ranks including both ends.
    static func pointIndices(count: Int, limit: Int = maxPointsPerRow) -> [Int] {
        let limit = max(limit, 2)
        guard count > limit else { return Array(0..<count) }
        return (0..<limit).map {
            Int((Double($0) * Double(count - 1) / Double(limit - 1)).rounded())
        }
    }
}

/// `Latency (ms)`, `Latency (log scale)`: the metric and the unit its ticks are written in.
func axisTitle(_ metric: Metric, _ scale: Scale, name: String? = nil) -> String {
    var parts: [String] = []
    if let symbol = scale.unitSymbol { parts.append(symbol) }
    if scale.logarithmic { parts.append("log scale") }
    return (name ?? metric.title) + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
}

func truncate(_ text: String, to length: Int) -> String {
    text.count <= length ? text : String(text.prefix(max(1, length - 1))) + "…"
}
