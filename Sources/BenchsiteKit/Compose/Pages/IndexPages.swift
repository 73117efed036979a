extension PageComposer {
    // MARK: - Lists

    func runsIndex() throws -> ComposedPage {
        let context = RunsIndexContext(
            siteTitle: siteTitle, root: "../",
            runs: history.runs.indices.reversed().map { runListEntry($0, root: "../") })
        return try page(
            "runs/index.html", kind: "runs", title: "Runs", template: "runs.md", context: context, charts: [:],
            root: "../")
    }

    func modelsIndex() throws -> ComposedPage {
        var charts: [String: String] = [:]
        var models: [ModelsIndexRow] = []
        for subject in map.orderedSubjects {
            let keys = history.series.filter { $0.subject == subject }
            let all = keys.flatMap { analysis.series($0) }
            let mainKey = keys.max { analysis.series($0).count < analysis.series($1).count }!
            let main = analysis.series(mainKey)
            let recent = main.suffix(Self.sparklineRuns).compactMap { $0.metrics[.latency]?.headline?.value }
            let sparkID = "spark--\(map.subjectSlug(subject))"
            charts[sparkID] = Sparkline.render(
                values: recent, colorIndex: map.color(subject),
                label: "Median latency of \(map.name(subject)) (\(mainKey.scenario)) over the last \(recent.count) runs"
            )
            models.append(
                ModelsIndexRow(
                    model: map.name(subject), link: "../" + map.subjectPath(subject),
                    scenarios: keys.map(\.scenario).joined(separator: ", "),
                    runs: Set(all.map(\.runIndex)).count, p50: headlineCell(main.last?.metrics[.latency], unit: .own),
                    throughput: headlineCell(main.last?.metrics[.throughput]),
                    spark: recent.count > 1 ? MarkdownText.chartInline(sparkID) : "—"))
        }
        return try page(
            "models/index.html", kind: "models", title: "Models", template: "models.md",
            context: ModelsIndexContext(siteTitle: siteTitle, root: "../", models: models), charts: charts, root: "../")
    }

    func runListEntry(_ runIndex: Int, root: String) -> RunListEntry {
        let run = history.runs[runIndex]
        let results = analysis.runs[runIndex]
        return RunListEntry(
            title: map.runTitle(run), link: root + map.runPath(runIndex), date: map.runDate(run),
            models: Set(results.map(\.key.subject)).count, format: run.source.format, file: run.source.file,
            failed: results.filter { $0.result.status == .failed }.count,
            partial: results.filter { $0.result.status == .partial }.count)
    }
}
