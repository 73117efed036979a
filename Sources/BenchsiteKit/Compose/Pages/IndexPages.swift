extension PageComposer {
    // MARK: - Lists

    func runsIndex() throws -> ComposedPage {
        let context = RunsIndexContext(
            siteTitle: siteTitle, root: "../",
            runs: history.runs.indices.reversed().map { runListEntry($0, root: "../") },
            subjectsHeader: map.subjectsTitle)
        return try page(
            "runs/index.html", kind: "runs", title: "Runs", template: "runs.md", context: context, charts: [:],
            root: "../")
    }

    func modelsIndex() throws -> ComposedPage {
        var charts: [String: String] = [:]
        var context = ModelsIndexContext(siteTitle: siteTitle, root: "../")
        let grouped = map.groups.count > 1
        var plurals: [String] = []
        for group in map.groups {
            let inGroup = Set(group.runIndices.flatMap { history.runs[$0].results.map(\.subject) })
            var rows: [ModelsIndexRow] = []
            var hasThroughput = false
            for subject in map.orderedSubjects where inGroup.contains(subject) {
                let keys = history.series.filter { $0.subject == subject }
                guard
                    let mainKey = keys.max(by: { analysis.positions($0).count < analysis.positions($1).count })
                else {
                    continue
                }
                let all = keys.flatMap { analysis.positions($0) }
                let main = analysis.positions(mainKey)
                let figures = { (position: (run: Int, result: Int)) in analysis.runs[position.run][position.result] }
                let recent = main.suffix(Self.sparklineRuns).compactMap {
                    figures($0).metrics[.latency]?.headline?.value
                }
                let sparkID = "spark--\(map.subjectSlug(subject))"
                charts[sparkID] = Sparkline.render(
                    values: recent, colorIndex: map.color(subject),
                    label:
                        "Median latency of \(map.name(subject)) (\(mainKey.scenario)) over the last \(recent.count) runs"
                )
                let latest = main.last.map(figures)
                if latest?.metrics[.throughput]?.headline != nil { hasThroughput = true }
                rows.append(
                    ModelsIndexRow(
                        model: map.name(subject), link: "../" + map.subjectPath(subject),
                        scenarios: keys.map(\.scenario).joined(separator: ", "),
                        runs: Set(all.map(\.run)).count,
                        p50: headlineCell(latest?.metrics[.latency], unit: .own),
                        throughput: headlineCell(latest?.metrics[.throughput]),
                        spark: recent.count > 1 ? MarkdownText.chartInline(sparkID) : "—"))
            }
            guard !rows.isEmpty else { continue }
            if !plurals.contains(group.noun.plural) { plurals.append(group.noun.plural) }
            context.groups.append(
                ModelsIndexGroup(
                    heading: grouped ? group.name : nil,
                    caption:
                        "Every \(group.noun.singular)\(grouped ? " of \(group.name)" : ""), with its latest figures in its most measured scenario",
                    subjectHeader: group.noun.header, hasThroughput: hasThroughput, models: rows))
        }
        if plurals != ["models"], let last = plurals.last {
            let list = plurals.count > 1 ? plurals.dropLast().joined(separator: ", ") + " and " + last : last
            context.title = SubjectNoun.capitalized(list)
        }
        return try page(
            "models/index.html", kind: "models", title: context.title, template: "models.md", context: context,
            charts: charts, root: "../")
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
