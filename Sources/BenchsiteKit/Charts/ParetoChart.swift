/// Latency against throughput, with the Pareto front: the subjects no other subject beats on both.
public enum ParetoChart {
    public struct Entry: Sendable {
        public var label: String
        public var colorIndex: Int
        public var latency: Double
        public var throughput: Double
        public init(label: String, colorIndex: Int, latency: Double, throughput: Double) {
            self.label = label
            self.colorIndex = colorIndex
            self.latency = latency
            self.throughput = throughput
        }
    }

    public static func render(id: String, title: String, entries: [Entry]) -> String {
        let width = 760.0, height = 340.0
        let left = 66.0, right = width - 20, top = 16.0, bottom = height - 48
        let xScale = Scale.nice(
            covering: entries.map(\.latency), pixels: left...right, includeZero: true, allowLog: true
        ).labelled(for: .latency)
        let yScale = Scale.nice(
            covering: entries.map(\.throughput), pixels: top...bottom, includeZero: true, reversed: true
        ).labelled(for: .throughput)
        let latencyUnit = DisplayUnit.common(for: entries.map(\.latency), of: .latency)
        var svg = SVGWriter()
        svg.valueAxisX(
            xScale, top: top, bottom: bottom,
            title: axisTitle(.latency, xScale, name: "Median latency") + " — lower is better")
        svg.valueAxisY(yScale, left: left, right: right, title: "Median throughput (tokens/s)", titleX: 14)
        let front = ParetoFront.front(
            of: entries.map { ParetoFront.Point(latency: $0.latency, throughput: $0.throughput) })
        let frontEntries = front.sorted().map { entries[$0] }.sorted { $0.latency < $1.latency }
        if frontEntries.count > 1 {
            var steps: [(Double, Double)] = []
            for (i, e) in frontEntries.enumerated() {
                if i > 0 { steps.append((xScale(e.latency), yScale(frontEntries[i - 1].throughput))) }
                steps.append((xScale(e.latency), yScale(e.throughput)))
            }
            svg.path(steps, class: "front")
        }
        for (i, e) in entries.enumerated() {
            let x = xScale(e.latency), y = yScale(e.throughput)
            if front.contains(i) { svg.circle(x, y, 8, class: "front-ring") }
            svg.circle(
                x, y, 4.5, class: "dot fc\(e.colorIndex)",
                title:
                    "\(e.label): \(Metric.latency.display(e.latency)), \(NumberFormatting.significant(e.throughput)) tokens/s"
            )
            let anchorEnd = x > (left + right) / 2
            svg.text(
                anchorEnd ? x - 10 : x + 10, y - 8, truncate(e.label, to: 24), anchor: anchorEnd ? .end : .start,
                class: "label")
        }
        let names = frontEntries.map(\.label)
        let description =
            "Each dot is a model at its median latency and median throughput; up and to the left is better. "
            + (names.isEmpty
                ? "No model has both figures."
                : "On the Pareto front (no other model is both faster and higher-throughput): \(names.joined(separator: ", ")).")
        let table = ChartTable(
            header: [
                "Model", "Median latency" + (latencyUnit.map { " (\($0.symbol))" } ?? ""),
                "Median throughput (tokens/s)", "On the Pareto front",
            ],
            rows: entries.enumerated().map { i, e in
                [
                    e.label, latencyUnit?.number(e.latency) ?? Metric.latency.display(e.latency),
                    NumberFormatting.significant(e.throughput),
                    front.contains(i) ? "yes" : "no",
                ]
            })
        return ChartFrame(id: id, title: title, description: description, width: width, height: height).wrap(
            svg.markup, kind: "pareto", table: table)
    }
}
