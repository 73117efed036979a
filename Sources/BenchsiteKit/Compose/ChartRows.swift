/// What the charts of a page draw, from the analysis: one row per subject, one line per series.
extension PageComposer {
    func distributionRows(_ results: [ResultAnalysis], metric: Metric) -> [DistributionRow] {
        results.compactMap { r in
            let values = r.sortedSamples[metric] ?? r.result.sampleValues(metric).sortedAscending()
            let reported = r.result.reported[metric]
            if values.isEmpty && (reported?.isEmpty ?? true) { return nil }
            let style = map.style(r.key.subject)
            var row = DistributionRow(
                label: map.name(r.key.subject), colorIndex: style.color, sortedValues: values,
                reportedMean: reported?[.mean] ?? reported?[.p50], reportedP95: reported?[.p95],
                reportedMin: reported?[.min],
                reportedMax: reported?[.max])
            row.reportedCenterIsMedian = reported?[.mean] == nil && reported?[.p50] != nil
            row.dash = style.dash
            row.marker = style.marker
            return row
        }
    }

    func trendSeries(
        subjects: [String], scenario: String, runIndices: [Int], metric: Metric, bands: Bool
    ) -> [TrendSeries] {
        subjects.compactMap { subject in
            // The series' result in each run, by run (found through the series' positions instead of
            // looking through every run's results).
            var resultOf: [Int: Int] = [:]
            for position in analysis.positions(SeriesKey(subject: subject, scenario: scenario)).reversed() {
                resultOf[position.run] = position.result
            }
            var points: [TrendPoint] = []
            for (x, runIndex) in runIndices.enumerated() {
                guard let result = resultOf[runIndex], let figures = analysis.runs[runIndex][result].metrics[metric],
                    let headline = figures.headline
                else { continue }
                points.append(
                    TrendPoint(
                        x: x, value: headline.value, low: figures.computed?.p25, high: figures.computed?.p75,
                        reportedOnly: figures.computed == nil))
            }
            let position = Dictionary(
                runIndices.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
            let changes = (analysis.changePoints[SeriesKey(subject: subject, scenario: scenario)] ?? [])
                .filter { $0.metric == metric }
                .compactMap { c in
                    position[c.runIndex].map { (x: $0, label: NumberFormatting.signedPercent(c.point.relative)) }
                }
            guard !points.isEmpty else { return nil }
            let style = map.style(subject)
            return TrendSeries(
                label: map.name(subject), colorIndex: style.color, dash: style.dash, marker: style.marker,
                points: points, changePoints: changes)
        }
    }

    /// A trend chart's labels for its runs: `10-01`, or `2025-10-01` when the runs span more than one
    /// year (a run without a date by its id).
    func axisDates(_ runIndices: some Collection<Int>) -> [String] {
        let years = Set(runIndices.compactMap { history.runs[$0].timestamp?.components.year })
        return runIndices.map { index in
            guard let timestamp = history.runs[index].timestamp else { return history.runs[index].id }
            return years.count > 1 ? timestamp.date : timestamp.shortDate
        }
    }
}
