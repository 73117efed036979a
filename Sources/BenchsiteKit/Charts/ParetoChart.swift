/// Latency against throughput, with the Pareto front: the subjects no other subject beats on both.
public enum ParetoChart {
    public struct Entry: Sendable {
        public var label: String
        public var colorIndex: Int
        /// The dot's shape (`SeriesStyle.marker`).
        public var marker: Int
        public var latency: Double
        public var throughput: Double
        public init(label: String, colorIndex: Int, marker: Int = 0, latency: Double, throughput: Double) {
            self.label = label
            self.colorIndex = colorIndex
            self.marker = marker
            self.latency = latency
            self.throughput = throughput
        }
    }

    /// - Parameter noun: what a dot is (`model`), for the description and the table's header.
    public static func render(id: String, title: String, entries: [Entry], noun: String = "model") -> String {
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
            svg.marker(
                e.marker, x, y, 4.5, class: "dot fc\(e.colorIndex)",
                title:
                    "\(e.label): \(Metric.latency.display(e.latency)), \(NumberFormatting.significant(e.throughput)) tokens/s"
            )
        }
        let points = entries.map { (xScale($0.latency), yScale($0.throughput)) }
        let placed = labelPlacements(
            labels: entries.map { truncate($0.label, to: 24) }, points: points,
            priority: entries.indices.sorted { (front.contains($0) ? 0 : 1, $0) < (front.contains($1) ? 0 : 1, $1) },
            plot: (left, top, right, bottom))
        for (i, placement) in placed.enumerated() {
            guard let placement else { continue }
            svg.text(
                placement.x, placement.y, truncate(entries[i].label, to: 24),
                anchor: placement.anchorEnd ? .end : .start,
                class: "label")
        }
        let unlabelled = placed.filter { $0 == nil }.count
        let names = frontEntries.map(\.label)
        let description =
            "Each dot is a \(noun) at its median latency and median throughput; up and to the left is better. "
            + (names.isEmpty
                ? "No \(noun) has both figures."
                : "On the Pareto front (no other \(noun) is both faster and higher-throughput): \(names.joined(separator: ", ")).")
            + (unlabelled > 0
                ? " \(unlabelled) dot\(unlabelled == 1 ? "" : "s") without a label (no room beside it without overlapping another): hover or see the table."
                : "")
        let table = ChartTable(
            header: [
                noun.prefix(1).uppercased() + noun.dropFirst(),
                "Median latency" + (latencyUnit.map { " (\($0.symbol))" } ?? ""),
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

    /// Where each label goes, beside its dot without overlapping another label or dot and inside the
    /// plot: above right, above left, below right or below left, the first that fits, in priority
    /// order (the front first); nil when none fits (the dot keeps its hover title and table row).
    static func labelPlacements(
        labels: [String], points: [(Double, Double)], priority: [Int],
        plot: (left: Double, top: Double, right: Double, bottom: Double)
    ) -> [(x: Double, y: Double, anchorEnd: Bool)?] {
        typealias Box = (x0: Double, y0: Double, x1: Double, y1: Double)
        func overlaps(_ a: Box, _ b: Box) -> Bool { a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }
        // Every dot is an obstacle (radius 4.5, the front's ring 8).
        var taken: [Box] = points.map { ($0.0 - 8, $0.1 - 8, $0.0 + 8, $0.1 + 8) }
        var result = [(x: Double, y: Double, anchorEnd: Bool)?](repeating: nil, count: labels.count)
        for i in priority where labels.indices.contains(i) && points.indices.contains(i) {
            // 12 px text: about 6.6 px a character, 12 px from baseline to the top of capitals.
            let width = Double(labels[i].count) * 6.6, (x, y) = points[i]
            // The side away from the nearer edge first, above before below on each side.
            let sides = x <= (plot.left + plot.right) / 2 ? [false, true] : [true, false]
            let candidates = sides.flatMap { anchorEnd in
                [
                    (x: anchorEnd ? x - 10 : x + 10, y: y - 8, anchorEnd: anchorEnd),
                    (x: anchorEnd ? x - 10 : x + 10, y: y + 17, anchorEnd: anchorEnd),
                ]
            }
            for candidate in candidates {
                let x0 = candidate.anchorEnd ? candidate.x - width : candidate.x
                let box: Box = (x0, candidate.y - 11, x0 + width, candidate.y + 3)
                guard box.x0 >= plot.left, box.x1 <= plot.right + 16, box.y0 >= 0, box.y1 <= plot.bottom else {
                    continue
                }
                // Its own dot is not in the way: the label sits beside it.
                if taken.enumerated().contains(where: { $0.offset != i && overlaps($0.element, box) }) { continue }
                result[i] = candidate
                taken.append(box)
                break
            }
        }
        return result
    }
}
