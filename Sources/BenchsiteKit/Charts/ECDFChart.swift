/// Empirical cumulative distribution functions on one axis: where the tails are.
public enum ECDFChart {
    /// - Parameter subjectHeader: what the lines are, for the table's header (`Model`, `Benchmark`).
    public static func render(
        id: String, title: String, metric: Metric, rows: [DistributionRow], subjectHeader: String = "Model"
    ) -> String {
        let withData = rows.filter { !$0.sortedValues.isEmpty }
        // Tall enough for the legend: one line per row beside the plot.
        let width = 760.0
        let height = max(300.0, 12 + 14 + Double(withData.count) * 18 + 8)
        // The legend's text starts 38 px into it and may reach 2 px from the chart's edge.
        let legend = LegendSize(labels: withData.map(\.label), margin: 40)
        let left = 56.0, right = width - legend.width, top = 12.0, bottom = height - 44
        let values = ChartValues(sortedRows: withData.map(\.sortedValues))
        let scale = values.scale(pixels: left...right, includeZero: true, allowLog: true).labelled(for: metric)
        let yScale = Scale(lower: 0, upper: 1, pixelStart: bottom, pixelEnd: top, logarithmic: false)
        var svg = SVGWriter()
        svg.valueAxisX(scale, top: top, bottom: bottom, title: axisTitle(metric, scale))
        let tableUnit = values.commonUnit(of: metric)
        let show = { (value: Double) in tableUnit?.number(value) ?? metric.display(value) }
        let unit = tableUnit.map { " (\($0.symbol))" } ?? ""
        for tick in [0.0, 0.25, 0.5, 0.75, 0.9, 1.0] {
            let y = yScale(tick)
            svg.line(left, y, right, y, class: tick == 0.9 ? "grid strong" : "grid")
            svg.text(left - 6, y + 4, "\(Int(tick * 100))%", anchor: .end, class: "tick")
        }
        svg.text(
            14, (top + bottom) / 2, "Share of requests at or below", anchor: .middle, class: "axis-title", rotate: true)
        var summaries: [String] = []
        var table = ChartTable(
            header: [subjectHeader, "n", "p50\(unit)", "p90\(unit)", "p99\(unit)", "max\(unit)"], rows: [])
        for (i, row) in withData.enumerated() {
            let v = row.sortedValues
            let lineClass = SeriesStyle(color: row.colorIndex, dash: row.dash).lineClass
            // Each line one group with its legend entry: hovering either fades the others.
            svg.raw("<g class=\"series\">")
            svg.steps(steps(v, rows: withData.count, x: scale, y: yScale), class: lineClass)
            // The line's marker at its median: with many subjects, colour and dash repeat.
            svg.marker(
                row.marker, scale(SampleStatistics.quantile(sorted: v, 0.5)), yScale(0.5), 3.2,
                class: "dot fc\(row.colorIndex)")
            let legendY = top + 14 + Double(i) * 18
            svg.rect(right + 6, legendY - 13, legend.width - 10, 18, class: "legend-hit")
            svg.line(right + 10, legendY - 4, right + 32, legendY - 4, class: lineClass)
            svg.marker(row.marker, right + 21, legendY - 4, 3.2, class: "dot fc\(row.colorIndex)")
            // Names are in full in the table.
            svg.text(right + 38, legendY, truncate(row.label, to: legend.characters), class: "label")
            svg.raw("</g>")
            table.rows.append(
                [row.label, String(v.count)] + [0.5, 0.9, 0.99].map { show(SampleStatistics.quantile(sorted: v, $0)) }
                    + [show(v[v.count - 1])])
            summaries.append(
                "\(row.label): 90% of requests within \(metric.display(SampleStatistics.quantile(sorted: v, 0.9))), slowest \(metric.display(v[v.count - 1]))"
            )
        }
        let reading =
            "Each line rises by one step per request (steps closer than half a pixel drawn as one), sorted by \(metric.unit == "s" ? "time" : "value"), with a marker at its median; the further left a line reaches 100%, the shorter its tail. "
        var frame = ChartFrame(
            id: id, title: title,
            description: reading
                + (summaries.isEmpty ? "No raw samples to draw." : summaries.joined(separator: "; ") + "."),
            width: width, height: height)
        if summaries.count > ChartFrame.captionSeries {
            frame.caption = reading + ChartFrame.inTable(summaries.count, "lines")
        }
        return frame.wrap(svg.markup, kind: "ecdf", table: table)
    }

    /// The corners of one sorted sample's staircase: a step up at each drawn rank (all of them, or evenly spaced
    /// ranks when many rows share the chart), with steps within half a pixel of the previous one merged.
    static func steps(_ v: [Double], rows: Int, x scale: Scale, y yScale: Scale) -> [(Double, Double)] {
        let indices = DistributionChart.pointIndices(count: v.count, limit: DistributionChart.pointsPerRow(rows: rows))
        var points: [(Double, Double)] = [(scale(v[0]), yScale(0))]
        var position = 0
        while position < indices.count {
            let x = scale(v[indices[position]])
            var last = position
            while last + 1 < indices.count, abs(scale(v[indices[last + 1]]) - x) < 0.5 { last += 1 }
            // Drawn as a staircase (`SVGWriter.steps`): across to x, then up to the share at or below it.
            points.append((x, yScale(Double(indices[last] + 1) / Double(v.count))))
            position = last + 1
        }
        return points
    }
}
