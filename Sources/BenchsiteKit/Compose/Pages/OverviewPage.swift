extension PageComposer {
    // MARK: - Overview

    func overview(root: String = "") throws -> ComposedPage {
        var context = OverviewContext(siteTitle: siteTitle, root: root)
        var charts: [String: String] = [:]
        guard let latestIndex = analysis.latestRunIndex else {
            return try page(
                "index.html", kind: "overview", title: "Overview", template: "index.md", context: context,
                charts: charts, root: "")
        }
        let latest = history.runs[latestIndex]
        let latestResults = analysis.runs[latestIndex]
        context.latest = LatestRunContext(
            title: map.runTitle(latest), link: map.runPath(latestIndex), date: map.runDate(latest),
            modelCount: Set(latestResults.map(\.key.subject)).count, source: latest.source.format)
        if let comparePath = map.comparePath, let baseline = analysis.baselineComparison?.baselineRunIndex {
            context.comparePage = ComparePageLink(baseline: map.runTitle(history.runs[baseline]), link: comparePath)
        }
        let highlights =
            analysis.latestHighlights.map {
                HighlightText(map: map, analysis: analysis, style: .site(root: "")).items($0)
            } ?? []
        context.highlights = highlights.map(ItemContext.init)

        let scenarioNames = map.scenarios(of: latestResults)
        for scenario in scenarioNames {
            let results = map.ranked(latestResults.filter { $0.key.scenario == scenario })
            let overviewColumns = figureColumns(for: results, percentiles: [.p50, .p95, .p99], headlineMedian: true)
            let scenarioSlug = map.scenarioSlug(scenario)
            var rows: [OverviewRow] = []
            for r in results {
                let sparkID = "spark--\(map.subjectSlug(r.key.subject))--\(scenarioSlug)"
                let recent = analysis.series(r.key).suffix(Self.sparklineRuns).compactMap {
                    $0.metrics[.latency]?.headline?.value
                }
                charts[sparkID] = Sparkline.render(
                    values: recent, colorIndex: map.color(r.key.subject),
                    label: "Median latency of \(map.name(r.key.subject)) over the last \(recent.count) runs")
                rows.append(
                    OverviewRow(
                        model: map.name(r.key.subject), modelLink: map.subjectPath(r.key.subject),
                        status: statusCell(r),
                        requests: requestsCell(r), p50: headlineCell(r.metrics[.latency]),
                        p95: cell(r.metrics[.latency], .p95),
                        p99: cell(r.metrics[.latency], .p99), ttft: headlineCell(r.metrics[.timeToFirstToken]),
                        throughput: headlineCell(r.metrics[.throughput]),
                        change: verdictCell(analysis.latestVerdict(r, .latency), fallback: r.changes[.latency]),
                        spark: recent.count > 1 ? MarkdownText.chartInline(sparkID) : "—",
                        cells: overviewColumns.map { CellContext(value: $0.cell(r)) }))
            }
            var entry = OverviewScenario(
                heading: scenarioHeading(scenario, count: scenarioNames.count, prefix: "Latest run"),
                caption: tableCaption("Latest run", scenario: scenario),
                columns: overviewColumns.map { ColumnContext(header: $0.header) }, rows: rows)
            let distributionID = "latest-latency--\(scenarioSlug)"
            let rowsForChart = distributionRows(results, metric: .latency)
            if !rowsForChart.isEmpty {
                charts[distributionID] = DistributionChart.render(
                    id: distributionID,
                    title: "Latency per request, \(scenario == "default" ? "all models" : scenario)", metric: .latency,
                    rows: rowsForChart)
                entry.distribution = MarkdownText.chartBlock(distributionID)
            }
            let paretoEntries = results.compactMap { r -> ParetoChart.Entry? in
                guard r.result.status != .failed, let l = r.metrics[.latency]?.headline?.value,
                    let t = r.metrics[.throughput]?.headline?.value
                else { return nil }
                return ParetoChart.Entry(
                    label: map.name(r.key.subject), colorIndex: map.color(r.key.subject), latency: l, throughput: t)
            }
            if paretoEntries.count >= 2 && presentation.shows(.throughput) {
                let paretoID = "pareto--\(scenarioSlug)"
                charts[paretoID] = ParetoChart.render(
                    id: paretoID,
                    title: "Latency against throughput, \(scenario == "default" ? "all models" : scenario)",
                    entries: paretoEntries)
                entry.pareto = MarkdownText.chartBlock(paretoID)
            }
            context.scenarios.append(entry)

            // Trends over the recent runs that measured this scenario.
            let runIndices = history.runs.indices.filter { i in
                analysis.runs[i].contains { $0.key.scenario == scenario }
            }
            .suffix(Self.overviewTrendRuns)
            if runIndices.count > 1 {
                for metric in [Metric.latency, .throughput] where presentation.shows(metric) {
                    let series = trendSeries(
                        subjects: map.orderedSubjects.filter(Set(results.map(\.key.subject)).contains),
                        scenario: scenario,
                        runIndices: Array(runIndices), metric: metric, bands: false)
                    guard !series.isEmpty else { continue }
                    let id = "trend--\(metric.csvName)--\(scenarioSlug)"
                    charts[id] = TrendChart.render(
                        id: id,
                        title:
                            "\(metric == .latency ? "Median latency" : "Median throughput") over time, \(scenario == "default" ? "all models" : scenario)",
                        metric: metric,
                        xLabels: runIndices.map { history.runs[$0].timestamp?.shortDate ?? history.runs[$0].id },
                        series: series, bands: false)
                    context.trends.append(ChartContext(chart: MarkdownText.chartBlock(id)))
                }
            }
        }
        context.recentRuns = history.runs.indices.reversed().prefix(10).map { runListEntry($0, root: "") }
        return try page(
            "index.html", kind: "overview", title: "Overview", template: "index.md", context: context, charts: charts,
            root: "")
    }
}
