extension PageComposer {
    // MARK: - Overview

    /// A scenario table longer than this is shown by its largest changes, all of it folded below.
    static let overviewOpenRows = 25
    /// How many rows a folded table shows open.
    static let overviewChangedRows = 10

    func overview(root: String = "") throws -> ComposedPage {
        var context = OverviewContext(siteTitle: siteTitle, root: root)
        var charts: [String: String] = [:]
        let groups = map.groups
        let grouped = groups.count > 1
        for (number, group) in groups.enumerated() {
            context.groups.append(
                overviewGroup(group, chartPrefix: grouped ? "g\(number + 1)--" : "", headed: grouped, charts: &charts))
        }
        if grouped {
            context.grouped = GroupsSummary(
                runs: history.runs.count, groups: groups.count,
                links: groups.enumerated().map { number, group in
                    GroupLink(name: group.name, anchor: "#" + Slug.make(group.name), last: number == groups.count - 1)
                })
        }
        context.subjectsHeader = map.subjectsTitle
        context.subjectsName = context.subjectsHeader.lowercased()
        context.recentRuns = history.runs.indices.reversed().prefix(10).map { runListEntry($0, root: "") }
        return try page(
            "index.html", kind: "overview", title: "Overview", template: "index.md", context: context, charts: charts,
            root: "")
    }

    /// One group of the overview: its latest run's highlights and tables, and its trends.
    private func overviewGroup(
        _ group: RunGroup, chartPrefix: String, headed: Bool, charts: inout [String: String]
    ) -> OverviewGroup {
        let latestIndex = group.latestRunIndex
        let latest = history.runs[latestIndex]
        let latestResults = analysis.runs[latestIndex]
        let noun = group.noun
        let subjectCount = Set(latestResults.map(\.key.subject)).count
        var context = OverviewGroup(
            heading: headed ? group.name : nil, level: headed ? "###" : "##",
            latest: LatestRunContext(
                title: map.runTitle(latest), link: map.runPath(latestIndex), date: map.runDate(latest),
                modelCount: subjectCount, subjects: noun.count(subjectCount), source: latest.source.format))
        if latestIndex == analysis.latestRunIndex, let comparePath = map.comparePath,
            let baseline = analysis.baselineComparison?.baselineRunIndex
        {
            context.comparePage = ComparePageLink(baseline: map.runTitle(history.runs[baseline]), link: comparePath)
        }
        context.highlights = HighlightText(map: map, analysis: analysis, style: .site(root: ""))
            .items(
                analysis.highlights(ofRun: latestIndex),
                against: latestIndex == analysis.latestRunIndex ? nil : " since the previous run", noun: noun
            ).map(ItemContext.init)

        let scenarioNames = map.scenarios(of: latestResults)
        for scenario in scenarioNames {
            let results = map.ranked(latestResults.filter { $0.key.scenario == scenario })
            let columns = figureColumns(for: results, percentiles: [.p50, .p95, .p99], headlineMedian: true)
            let scenarioSlug = chartPrefix + map.scenarioSlug(scenario)
            let rows = results.map { overviewRow($0, columns: columns, charts: &charts) }
            let table = OverviewTable(
                caption: tableCaption("Latest run", scenario: scenario, noun: noun, rows: results), rows: rows)
            var entry = OverviewScenario(
                heading: scenarioHeading(scenario, count: scenarioNames.count, prefix: "Latest run"),
                subjectHeader: noun.header, columns: columns.map { ColumnContext(header: $0.header) }, tables: [table])
            // The subjects the group's charts draw: all of them, or those of a long table's largest changes.
            var drawn = results
            if results.count > Self.overviewOpenRows {
                let ranks = results.map(changeRank)
                let order = results.indices.sorted { (ranks[$0].0, ranks[$0].1, $0) < (ranks[$1].0, ranks[$1].1, $1) }
                let shown = order.prefix(Self.overviewChangedRows)
                drawn = shown.map { results[$0] }
                var full = table
                full.folded = FoldedTable(
                    summary:
                        "All \(noun.count(results.count)), \(presentation.order.isEmpty ? "fastest first" : "in the configured order")",
                    subjects: noun.count(results.count), runLink: map.runPath(latestIndex))
                entry.tables = [
                    OverviewTable(
                        caption:
                            "Latest run\(scenario == "default" ? "" : " (\(scenario))"): the \(shown.count) \(noun.plural) of \(results.count) with the largest changes in median latency, failures and regressions first",
                        rows: shown.map { rows[$0] }),
                    full,
                ]
            } else {
                let distributionID = "\(chartPrefix)latest-latency--\(map.scenarioSlug(scenario))"
                let rowsForChart = distributionRows(results, metric: .latency)
                if !rowsForChart.isEmpty {
                    charts[distributionID] = DistributionChart.render(
                        id: distributionID,
                        title: "Latency per request, \(scenario == "default" ? "all \(noun.plural)" : scenario)",
                        metric: .latency, rows: rowsForChart, subjectHeader: noun.header)
                    entry.distribution = MarkdownText.chartBlock(distributionID)
                }
            }
            // Every model on the Pareto chart, a long table too: its labels make room for each other.
            let paretoEntries = results.compactMap { r -> ParetoChart.Entry? in
                guard r.result.status != .failed, let l = r.metrics[.latency]?.headline?.value,
                    let t = r.metrics[.throughput]?.headline?.value
                else { return nil }
                let style = map.style(r.key.subject)
                return ParetoChart.Entry(
                    label: map.name(r.key.subject), colorIndex: style.color, marker: style.marker, latency: l,
                    throughput: t)
            }
            if paretoEntries.count >= 2 && presentation.shows(.throughput) {
                let paretoID = "pareto--\(scenarioSlug)"
                charts[paretoID] = ParetoChart.render(
                    id: paretoID,
                    title:
                        "Latency against throughput, \(scenario == "default" ? "all \(noun.plural)" : scenario)",
                    entries: paretoEntries, noun: noun.singular)
                entry.pareto = MarkdownText.chartBlock(paretoID)
            }
            context.scenarios.append(entry)

            // Trends over the group's recent runs that measured this scenario.
            let runIndices = group.runIndices.filter { i in analysis.runs[i].contains { $0.key.scenario == scenario } }
                .suffix(Self.overviewTrendRuns)
            guard runIndices.count > 1 else { continue }
            let subjects = Set(drawn.map(\.key.subject))
            for metric in [Metric.latency, .throughput] where presentation.shows(metric) {
                let series = trendSeries(
                    subjects: map.orderedSubjects.filter(subjects.contains), scenario: scenario,
                    runIndices: Array(runIndices), metric: metric, bands: false)
                guard !series.isEmpty else { continue }
                let id = "trend--\(metric.csvName)--\(scenarioSlug)"
                let which =
                    drawn.count < results.count
                    ? "the \(drawn.count) largest changes" : scenario == "default" ? "all \(noun.plural)" : scenario
                charts[id] = TrendChart.render(
                    id: id,
                    title:
                        "\(metric == .latency ? "Median latency" : "Median throughput") over time, \(which)\(drawn.count < results.count && scenario != "default" ? " (\(scenario))" : "")",
                    metric: metric,
                    xLabels: axisDates(runIndices), xLinks: runIndices.map { "" + map.runPath($0) },
                    series: series, bands: false)
                context.trends.append(ChartContext(chart: MarkdownText.chartBlock(id)))
            }
        }
        return context
    }

    private func overviewRow(
        _ r: ResultAnalysis, columns: [FigureColumn], charts: inout [String: String]
    )
        -> OverviewRow
    {
        let sparkID = "spark--\(map.subjectSlug(r.key.subject))--\(map.scenarioSlug(r.key.scenario))"
        let recent = analysis.positions(r.key).suffix(Self.sparklineRuns).compactMap {
            analysis.runs[$0.run][$0.result].metrics[.latency]?.headline?.value
        }
        charts[sparkID] = Sparkline.render(
            values: recent, colorIndex: map.color(r.key.subject),
            label: "Median latency of \(map.name(r.key.subject)) over the last \(recent.count) runs")
        return OverviewRow(
            model: map.name(r.key.subject), modelLink: map.subjectPath(r.key.subject), status: statusCell(r),
            requests: requestsCell(r), p50: headlineCell(r.metrics[.latency]), p95: cell(r.metrics[.latency], .p95),
            p99: cell(r.metrics[.latency], .p99), ttft: headlineCell(r.metrics[.timeToFirstToken]),
            throughput: headlineCell(r.metrics[.throughput]),
            change: verdictCell(analysis.latestVerdict(r, .latency), fallback: r.changes[.latency]),
            spark: recent.count > 1 ? MarkdownText.chartInline(sparkID) : "—",
            cells: columns.map { CellContext(value: $0.cell(r)) })
    }

    /// Where a result goes in a folded table's open rows: failures, then regressions, improvements and
    /// the rest, each by the size of its change in median latency.
    private func changeRank(_ r: ResultAnalysis) -> (Int, Double) {
        let verdict = analysis.latestVerdict(r, .latency)
        let size = abs(verdict?.change ?? r.changes[.latency]?.relative ?? 0)
        let kind: Int
        if r.result.status == .failed {
            kind = 0
        } else {
            switch verdict?.verdict {
            case .regression: kind = 1
            case .improvement: kind = 2
            default: kind = 3
            }
        }
        return (kind, size.isFinite ? -size : 0)
    }
}
