extension PageComposer {
    // MARK: - Model page

    /// Runs listed in a model page's table (the newest); the trend charts show them all.
    static let modelPageRuns = 100

    /// A metadata key as a row label: `max_output_tokens` is "Max output tokens".
    static func label(ofKey key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        guard let first = words.first else { return key }
        return first.uppercased() + words.dropFirst()
    }

    func modelPage(_ subject: String) throws -> ComposedPage {
        let root = "../"
        var charts: [String: String] = [:]
        var context = ModelPageContext(siteTitle: siteTitle, root: root, model: map.name(subject))
        context.subjectNoun = map.noun(ofSubject: subject).singular
        context.subjectsName = map.subjectsTitle.lowercased()
        let keys = history.series.filter { $0.subject == subject }
        // Through the model's series, not a filter over every result of the history (each a copy).
        let subjectIDs = Set(
            keys.flatMap { analysis.positions($0) }.compactMap { analysis.runs[$0.run][$0.result].result.subjectID })
        var info: [KeyValue] = []
        if map.name(subject) != subject { info.append(KeyValue("Name in the results", subject)) }
        if !subjectIDs.isEmpty { info.append(KeyValue("Model ids", subjectIDs.sorted().joined(separator: ", "))) }
        if let model = history.metadata.models[subject]
            ?? subjectIDs.sorted().lazy.compactMap({ history.metadata.models[$0] }).first
        {
            if !model.capabilities.isEmpty {
                info.append(KeyValue("Capabilities", model.capabilities.joined(separator: ", ")))
            }
            if let size = model.sizeMB { info.append(KeyValue("Size", "\(NumberFormatting.plain(size)) MB")) }
            if let license = model.license { info.append(KeyValue("License", license)) }
            // Keys as the list spells them (`publisher`, `max_output_tokens`), shown as labels.
            info += model.extra.map { KeyValue(Self.label(ofKey: $0.key), $0.value) }
        }
        context.info = info.map { KeyValueContext(key: $0.key, value: $0.value) }
        let subjectSlug = map.subjectSlug(subject)
        for key in keys {
            let series = analysis.series(key)
            let columns = figureColumns(for: series, percentiles: [.p50, .p95, .p99], headlineMedian: true)
            let runIndices = series.map(\.runIndex)
            let scenarioSlug = map.scenarioSlug(key.scenario)
            let scenarioNote = key.scenario == "default" ? "" : " (\(key.scenario))"
            let listed = series.suffix(Self.modelPageRuns)
            var entry = ModelScenario(
                heading: keys.count > 1 || key.scenario != "default" ? "Scenario: \(key.scenario)" : "Over time",
                caption: listed.count == series.count
                    ? "Every run of \(map.name(subject))\(scenarioNote), newest first"
                    : "The latest \(listed.count) of \(series.count) runs of \(map.name(subject))\(scenarioNote), newest first; every run is on the runs index and in data/summary.csv"
            )
            if runIndices.count > 1 {
                for (metric, field) in [
                    (Metric.latency, \ModelScenario.latencyTrend), (.timeToFirstToken, \.ttftTrend),
                    (.throughput, \.throughputTrend),
                ]
                where presentation.shows(metric) {
                    let lines = trendSeries(
                        subjects: [subject], scenario: key.scenario, runIndices: runIndices, metric: metric, bands: true
                    )
                    guard let line = lines.first, line.points.count > 1 else { continue }
                    let id = "trend--\(subjectSlug)--\(metric.csvName)--\(scenarioSlug)"
                    charts[id] = TrendChart.render(
                        id: id, title: "\(metric.title) of \(map.name(subject)) over time (\(key.scenario))",
                        metric: metric,
                        xLabels: axisDates(runIndices), xLinks: runIndices.map { "../" + map.runPath($0) },
                        series: lines, bands: true)
                    entry[keyPath: field] = MarkdownText.chartBlock(id)
                }
            }
            let changes = (analysis.changePoints[key] ?? []).sorted {
                ($0.runIndex, $0.metric) < ($1.runIndex, $1.metric)
            }
            entry.changePoints = changes.map { c in
                ChangePointContext(
                    metric: c.metric.title, run: map.runTitle(history.runs[c.runIndex]),
                    runLink: root + map.runPath(c.runIndex),
                    before: c.metric.display(c.point.before), after: c.metric.display(c.point.after),
                    change: NumberFormatting.signedPercent(c.point.relative))
            }
            entry.rows = listed.reversed().map { r in
                let run = history.runs[r.runIndex]
                return ModelRow(
                    run: map.runTitle(run), runLink: root + map.runPath(r.runIndex), date: map.runDate(run),
                    requests: requestsCell(r),
                    failures: r.failures.map(String.init) ?? "—", p50: headlineCell(r.metrics[.latency]),
                    p95: cell(r.metrics[.latency], .p95), p99: cell(r.metrics[.latency], .p99),
                    ttft: headlineCell(r.metrics[.timeToFirstToken]), throughput: headlineCell(r.metrics[.throughput]),
                    change: verdictCell(r.verdicts[.latency], fallback: r.changes[.latency]),
                    cells: columns.map { CellContext(value: $0.cell(r)) })
            }
            entry.columns = columns.map { ColumnContext(header: $0.header) }
            entry.hasCounts = Self.anyCounts(in: listed)
            context.scenarios.append(entry)
        }
        let scores = history.metadata.qualityScores.filter { $0.model == subject || subjectIDs.contains($0.model) }
        context.quality = scores.map {
            QualityContext(prompt: $0.prompt, score: NumberFormatting.plain($0.score), note: $0.note ?? "")
        }
        context.rubric = history.metadata.rubric
        return try page(
            map.subjectPath(subject), kind: "model", title: map.name(subject), template: "model.md", context: context,
            charts: charts, root: root)
    }
}
