/// A page as Markdown, with the charts its Markdown refers to.
public struct ComposedPage: Sendable {
    /// Path inside the site, e.g. `runs/2026-10-01-nightly.html`.
    public var path: String
    public var kind: String
    public var title: String
    public var markdown: String
    /// SVG markup by chart id.
    public var charts: [String: String]
    /// `""` for top-level pages, `"../"` one folder down: every link is relative.
    public var root: String
}

/// The Compose stage: page models from the analysis, filled into the Markdown templates.
public struct PageComposer: Sendable {
    let analysis: SiteAnalysis
    let theme: Theme
    let siteTitle: String
    let runSlugs: SlugTable
    let modelSlugs: SlugTable
    /// Scenarios in chart ids: `GPU` and `gpu` must not draw into each other's charts.
    let scenarioSlugs: SlugTable
    /// Which metrics and percentiles to show, model names and order (`benchsite.yml`).
    public let presentation: Presentation
    /// Subjects in display order: the configured order first, the rest by name.
    let orderedSubjects: [String]

    /// How many runs trend charts and sparklines on the overview show.
    static let overviewTrendRuns = 60
    static let sparklineRuns = 14

    public init(analysis: SiteAnalysis, theme: Theme, siteTitle: String, presentation: Presentation = Presentation()) {
        self.analysis = analysis
        self.theme = theme
        self.siteTitle = siteTitle
        self.presentation = presentation
        let subjects = analysis.history.subjects
        let configured = presentation.order.filter(subjects.contains)
        orderedSubjects = configured + subjects.filter { !configured.contains($0) }
        runSlugs = SlugTable(names: analysis.history.runs.map(\.id), reserved: SlugTable.reservedFileNames)
        modelSlugs = SlugTable(names: analysis.history.subjects, reserved: SlugTable.reservedFileNames)
        scenarioSlugs = SlugTable(names: analysis.history.series.map(\.scenario))
    }

    var history: History { analysis.history }

    public func runPath(_ runIndex: Int) -> String { "runs/\(runSlugs[history.runs[runIndex].id]).html" }
    public func modelPath(_ subject: String) -> String { "models/\(modelSlugs[subject]).html" }

    /// `compare/<baseline>-vs-<latest>.html`, when a baseline was given.
    public var comparePath: String? {
        guard let baseline = analysis.baselineComparison?.baselineRunIndex, let latest = analysis.latestRunIndex else { return nil }
        return "compare/\(runSlugs[history.runs[baseline].id])-vs-\(runSlugs[history.runs[latest].id]).html"
    }

    func color(_ subject: String) -> Int { SeriesPalette.index(of: subject, in: orderedSubjects) }

    /// The name a page shows for a subject.
    public func name(_ subject: String) -> String { presentation.name(subject) }

    /// One page of the site, before it is composed.
    enum PageRequest: Sendable {
        case overview, runsIndex, modelsIndex, compare, methods
        case run(Int)
        case model(String)
    }

    /// All pages of the site, in a fixed order; with `parallel`, composed on all cores (same result).
    public func composeAll(parallel: Bool = true, progress: ProgressObserver? = nil) throws -> [ComposedPage] {
        let requests: [PageRequest] = [.overview, .runsIndex, .modelsIndex, .methods] + (analysis.baselineComparison != nil ? [.compare] : [])
            + history.runs.indices.map { .run($0) } + orderedSubjects.map { .model($0) }
        let counter = ProgressCounter(.composing, total: requests.count, observer: progress)
        return try parallelMap(requests.count, parallel: parallel) { index in
            defer { counter.advance() }
            return try compose(requests[index])
        }
    }

    func compose(_ request: PageRequest) throws -> ComposedPage {
        switch request {
        case .overview: return try overview()
        case .runsIndex: return try runsIndex()
        case .modelsIndex: return try modelsIndex()
        case .compare: return try comparePage()
        case .methods: return try methodsPage()
        case .run(let index): return try runPage(index)
        case .model(let subject): return try modelPage(subject)
        }
    }

    // MARK: - Formatting

    public func runTitle(_ run: Run) -> String {
        if let label = run.label, !label.isEmpty {
            return run.timestamp.map { "\(label) · \($0.date)" } ?? label
        }
        return run.timestamp.map { "Run of \($0.display)" } ?? "Run \(run.id)"
    }

    func runDate(_ run: Run) -> String { run.timestamp?.display ?? "undated" }

    /// The unit a table cell writes its figure in.
    enum FigureUnit {
        /// The metric's base unit, without a symbol (seconds): the named figures templates get.
        case base
        /// One unit for the whole column, named in its header.
        case shared(DisplayUnit)
        /// The unit that fits the figure, written after it (`2.29 ns`).
        case own

        /// A shared unit when the figures read well in one, else each its own.
        static func fitting(_ values: [Double], of metric: Metric) -> FigureUnit {
            DisplayUnit.common(for: values, of: metric).map { .shared($0) } ?? .own
        }

        func text(_ value: Double, _ metric: Metric) -> String {
            switch self {
            case .base: return NumberFormatting.significant(value)
            case .shared(let unit): return unit.number(value)
            case .own: return metric.display(value)
            }
        }

        /// ` (ms)` for a header, when the column shares a unit.
        var headerSuffix: String {
            if case .shared(let unit) = self, !unit.symbol.isEmpty { return " (\(unit.symbol))" }
            return ""
        }
    }

    /// A figure for a table cell: three significant digits, `†` when only reported, `—` when unknown.
    func cell(_ figures: MetricFigures?, _ statistic: Statistic, unit: FigureUnit = .base) -> String {
        guard let figures, let value = figures.value(statistic) else { return "—" }
        var text = unit.text(value, figures.metric)
        if let computed = figures.computed, FewSamples.tooFew(statistic, count: computed.count) {
            // A tail from too few samples: shown, marked, never judged.
            text = "<span class=\"few-mark\" title=\"estimated from \(computed.count) samples; \(statistic.rawValue) needs at least \(FewSamples.needed(statistic))\">\(FewSamples.mark)</span>" + text
        }
        return figures.source == .reported ? "\(text) <span class=\"reported-mark\" title=\"as reported by the tool\">†</span>" : text
    }

    func headlineCell(_ figures: MetricFigures?, unit: FigureUnit = .base) -> String {
        guard let figures, let headline = figures.headline else { return "—" }
        let text = unit.text(headline.value, figures.metric)
        if figures.source == .reported || headline.statistic != .p50 {
            let what = headline.statistic == .p50 ? "reported median" : "reported mean (no median)"
            return "\(text) <span class=\"reported-mark\" title=\"\(what)\">†</span>"
        }
        return text
    }

    /// The change of a metric against the previous comparable run (or a baseline), colored only when
    /// the verdict says it is a real regression or improvement.
    func verdictCell(_ comparison: SeriesComparison?, fallback: Change? = nil) -> String {
        guard let comparison, let change = comparison.change else {
            guard let fallback else { return "—" }
            let why = comparison?.note.map { "no verdict: \($0)" } ?? "not compared: no comparable earlier run"
            return "<span class=\"muted\" title=\"\(SVGWriter.escape(why)); change since the previous run\">\(NumberFormatting.signedPercent(fallback.relative))</span>"
        }
        let text = NumberFormatting.signedPercent(change)
        var details = comparison.verdict.rawValue
        if let p = comparison.adjustedPValue { details += ", p (adj.) \(ComparisonReport.p(p))" }
        if let i = comparison.interval {
            details += ", 95% CI \(NumberFormatting.signedPercent(i.lower)) to \(NumberFormatting.signedPercent(i.upper))"
        }
        details += "; \(ComparisonReport.testDescription(comparison))"
        switch comparison.verdict {
        case .regression: return "<span class=\"worse\" title=\"\(details)\">\(text) ▲</span>"
        case .improvement: return "<span class=\"better\" title=\"\(details)\">\(text) ▼</span>"
        case .noChange: return "<span class=\"muted\" title=\"\(details)\">\(text)</span>"
        case .insufficientData: return "<span class=\"muted\" title=\"\(details)\">\(text)?</span>"
        }
    }

    /// The verdict shown on the overview: against the `--baseline` run when there is one, else the previous run.
    func latestVerdict(_ analysis: ResultAnalysis, _ metric: Metric) -> SeriesComparison? {
        if let baseline = self.analysis.baselineComparison {
            return baseline.comparisons.first { $0.key == analysis.key && $0.metric == metric }
        }
        return analysis.verdicts[metric]
    }

    func statusCell(_ analysis: ResultAnalysis) -> String {
        switch analysis.result.status {
        case .ok: return "ok"
        case .failed: return "<span class=\"status-failed\">failed</span>"
        case .partial: return "<span class=\"status-partial\">partial</span>"
        }
    }

    /// `(186)` after a figure computed from fewer values than the result has successful requests
    /// (a tool that did not measure every request), with the count in its tooltip.
    func countNote(_ figures: MetricFigures?, _ analysis: ResultAnalysis) -> String {
        guard let figures, let computed = figures.computed, !analysis.result.samples.isEmpty else { return "" }
        // Pooled inter-token gaps are many per request: their count is not a count of requests.
        if figures.metric == .interTokenLatency, analysis.result.samples.contains(where: { $0.interTokenGaps != nil }) { return "" }
        let succeeded = analysis.result.samples.filter(\.ok).count
        guard computed.count < succeeded else { return "" }
        return " <span class=\"count-note\" title=\"computed from \(computed.count) of the \(succeeded) successful requests\">(\(computed.count))</span>"
    }

    func requestsCell(_ analysis: ResultAnalysis) -> String {
        guard let requests = analysis.requests else { return "—" }
        return analysis.result.samples.isEmpty ? "\(requests) <span class=\"reported-mark\">†</span>" : "\(requests)"
    }

    /// A column of figures in a results table: its header and the cell of one result.
    struct FigureColumn {
        var header: String
        var cell: (ResultAnalysis) -> String
    }

    /// Latency statistics (`leading`, the percentiles shown, `trailing`), then the headline of each
    /// other main metric shown: the figure columns of the run, overview and model tables. Each metric's
    /// columns share a unit when the rows' figures read well in one (`p50 (ms)`), else every cell
    /// carries its own (`2.29 ns`).
    func figureColumns(
        for rows: [ResultAnalysis], leading: [Statistic] = [], percentiles defaults: [Statistic], trailing: [Statistic] = [], headlineMedian: Bool
    ) -> [FigureColumn] {
        let statistics = leading + (presentation.percentiles ?? defaults) + trailing
        let latencyValues = rows.flatMap { r in statistics.compactMap { r.metrics[.latency]?.value($0) } }
        let latencyUnit = FigureUnit.fitting(latencyValues, of: .latency)
        var columns = statistics.map { statistic in
            FigureColumn(header: "\(statistic.header)\(latencyUnit.headerSuffix)") { r in
                if statistic == .p50 {
                    let text = headlineMedian ? headlineCell(r.metrics[.latency], unit: latencyUnit) : cell(r.metrics[.latency], statistic, unit: latencyUnit)
                    return text + countNote(r.metrics[.latency], r)
                }
                return cell(r.metrics[.latency], statistic, unit: latencyUnit)
            }
        }
        for metric in headlineMetrics {
            let unit = FigureUnit.fitting(rows.compactMap { $0.metrics[metric]?.headline?.value }, of: metric)
            columns.append(FigureColumn(header: Self.headlineHeader(metric, unit: unit)) { headlineCell($0.metrics[metric], unit: unit) + countNote($0.metrics[metric], $0) })
        }
        return columns
    }

    /// The main metrics besides latency that tables show one figure of.
    var headlineMetrics: [Metric] { presentation.metrics.filter { $0 != .latency && Metric.main.contains($0) } }

    static func headlineHeader(_ metric: Metric, unit: FigureUnit) -> String {
        metric == .throughput ? "Throughput\(unit.headerSuffix)" : "TTFT p50\(unit.headerSuffix)"
    }

    /// A results table's caption: what it lists and in which order.
    func tableCaption(_ what: String, scenario: String) -> String {
        let measures = presentation.metrics.filter(Metric.main.contains).map { $0 == .timeToFirstToken ? "time to first token" : $0.title.lowercased() }
        let list = measures.count > 1 ? measures.dropLast().joined(separator: ", ") + " and " + measures.last! : measures.joined()
        let order = presentation.order.isEmpty ? "fastest first" : "in the configured order"
        return "\(what)\(scenario == "default" ? "" : " (\(scenario))"): \(list) per model, \(order)"
    }

    func link(_ text: String, _ target: String) -> String {
        "[\(MarkdownText.escapeInline(text))](\(target))"
    }

    func scenarioHeading(_ scenario: String, count: Int, prefix: String) -> String {
        count > 1 || scenario != "default" ? "\(prefix) — \(scenario)" : prefix
    }

    /// Results of one run ordered for a comparison table: the configured order first, then fastest
    /// first, failed last.
    func ranked(_ results: [ResultAnalysis]) -> [ResultAnalysis] {
        let position = Dictionary(presentation.order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return results.sorted { a, b in
            let pa = position[a.key.subject] ?? Int.max, pb = position[b.key.subject] ?? Int.max
            if pa != pb { return pa < pb }
            let la = a.result.status == .failed ? Double.infinity : (a.metrics[.latency]?.headline?.value ?? .infinity)
            let lb = b.result.status == .failed ? Double.infinity : (b.metrics[.latency]?.headline?.value ?? .infinity)
            if la != lb { return la < lb }
            return a.key < b.key
        }
    }

    func distributionRows(_ results: [ResultAnalysis], metric: Metric) -> [DistributionRow] {
        results.compactMap { r in
            let values = r.result.sampleValues(metric).sorted()
            let reported = r.result.reported[metric]
            if values.isEmpty && (reported?.isEmpty ?? true) { return nil }
            var row = DistributionRow(
                label: name(r.key.subject), colorIndex: color(r.key.subject), sortedValues: values,
                reportedMean: reported?[.mean] ?? reported?[.p50], reportedP95: reported?[.p95], reportedMin: reported?[.min],
                reportedMax: reported?[.max])
            row.reportedCenterIsMedian = reported?[.mean] == nil && reported?[.p50] != nil
            return row
        }
    }

    func scenarios(of results: [ResultAnalysis]) -> [String] {
        Array(Set(results.map(\.key.scenario))).sorted()
    }

    // MARK: - Overview

    func overview(root: String = "") throws -> ComposedPage {
        var context: [String: Any] = ["siteTitle": siteTitle, "root": root]
        var charts: [String: String] = [:]
        guard let latestIndex = analysis.latestRunIndex else {
            context["hasHighlights"] = false
            return try page("index.html", kind: "overview", title: "Overview", template: "index.md", context: context, charts: charts, root: "")
        }
        let latest = history.runs[latestIndex]
        let latestResults = analysis.runs[latestIndex]
        context["latest"] = [
            "title": runTitle(latest), "link": runPath(latestIndex), "date": runDate(latest),
            "modelCount": Set(latestResults.map(\.key.subject)).count, "source": latest.source.format,
        ]
        let verdicts = analysis.baselineComparison?.comparisons ?? latestResults.flatMap { $0.verdicts.values }
        var recent: [(key: SeriesKey, change: RunChangePoint)] = []
        for result in latestResults {
            let runs = analysis.series(result.key).map(\.runIndex).suffix(Highlights.recentRuns)
            for change in analysis.changePoints[result.key] ?? [] where runs.contains(change.runIndex) {
                recent.append((result.key, change))
            }
        }
        if let comparePath, let baseline = analysis.baselineComparison?.baselineRunIndex {
            context["comparePage"] = ["baseline": runTitle(history.runs[baseline]), "link": comparePath]
        }
        let highlights = highlightItems(
            HighlightFinder.highlights(for: latestResults, verdicts: verdicts, recentChangePoints: recent), root: "")
        context["highlights"] = highlights.map { ["item": $0] }
        context["hasHighlights"] = !highlights.isEmpty

        let scenarioNames = scenarios(of: latestResults)
        var scenarioContexts: [[String: Any]] = []
        var trendContexts: [[String: Any]] = []
        for scenario in scenarioNames {
            let results = ranked(latestResults.filter { $0.key.scenario == scenario })
            let overviewColumns = figureColumns(for: results, percentiles: [.p50, .p95, .p99], headlineMedian: true)
            let scenarioSlug = scenarioSlugs[scenario]
            var rows: [[String: Any]] = []
            for r in results {
                let sparkID = "spark--\(modelSlugs[r.key.subject])--\(scenarioSlug)"
                let recent = analysis.series(r.key).suffix(Self.sparklineRuns).compactMap { $0.metrics[.latency]?.headline?.value }
                charts[sparkID] = Sparkline.render(
                    values: recent, colorIndex: color(r.key.subject),
                    label: "Median latency of \(name(r.key.subject)) over the last \(recent.count) runs")
                rows.append([
                    "model": name(r.key.subject), "modelLink": modelPath(r.key.subject), "status": statusCell(r),
                    "requests": requestsCell(r), "p50": headlineCell(r.metrics[.latency]), "p95": cell(r.metrics[.latency], .p95),
                    "p99": cell(r.metrics[.latency], .p99), "ttft": headlineCell(r.metrics[.timeToFirstToken]),
                    "throughput": headlineCell(r.metrics[.throughput]), "change": verdictCell(latestVerdict(r, .latency), fallback: r.changes[.latency]),
                    "spark": recent.count > 1 ? MarkdownText.chartInline(sparkID) : "—",
                    "cells": overviewColumns.map { ["value": $0.cell(r)] },
                ])
            }
            var entry: [String: Any] = [
                "heading": scenarioHeading(scenario, count: scenarioNames.count, prefix: "Latest run"), "rows": rows,
                "columns": overviewColumns.map { ["header": $0.header] }, "caption": tableCaption("Latest run", scenario: scenario),
            ]
            let distributionID = "latest-latency--\(scenarioSlug)"
            let rowsForChart = distributionRows(results, metric: .latency)
            if !rowsForChart.isEmpty {
                charts[distributionID] = DistributionChart.render(
                    id: distributionID, title: "Latency per request, \(scenario == "default" ? "all models" : scenario)", metric: .latency,
                    rows: rowsForChart)
                entry["distribution"] = MarkdownText.chartBlock(distributionID)
            }
            let paretoEntries = results.compactMap { r -> ParetoChart.Entry? in
                guard r.result.status != .failed, let l = r.metrics[.latency]?.headline?.value,
                    let t = r.metrics[.throughput]?.headline?.value
                else { return nil }
                return ParetoChart.Entry(label: name(r.key.subject), colorIndex: color(r.key.subject), latency: l, throughput: t)
            }
            if paretoEntries.count >= 2 && presentation.shows(.throughput) {
                let paretoID = "pareto--\(scenarioSlug)"
                charts[paretoID] = ParetoChart.render(
                    id: paretoID, title: "Latency against throughput, \(scenario == "default" ? "all models" : scenario)",
                    entries: paretoEntries)
                entry["pareto"] = MarkdownText.chartBlock(paretoID)
            }
            scenarioContexts.append(entry)

            // Trends over the recent runs that measured this scenario.
            let runIndices = history.runs.indices.filter { i in analysis.runs[i].contains { $0.key.scenario == scenario } }
                .suffix(Self.overviewTrendRuns)
            if runIndices.count > 1 {
                for metric in [Metric.latency, .throughput] where presentation.shows(metric) {
                    let series = trendSeries(subjects: orderedSubjects.filter(Set(results.map(\.key.subject)).contains), scenario: scenario,
                                             runIndices: Array(runIndices), metric: metric, bands: false)
                    guard !series.isEmpty else { continue }
                    let id = "trend--\(metric.csvName)--\(scenarioSlug)"
                    charts[id] = TrendChart.render(
                        id: id, title: "\(metric == .latency ? "Median latency" : "Median throughput") over time, \(scenario == "default" ? "all models" : scenario)",
                        metric: metric, xLabels: runIndices.map { history.runs[$0].timestamp?.shortDate ?? history.runs[$0].id },
                        series: series, bands: false)
                    trendContexts.append(["chart": MarkdownText.chartBlock(id)])
                }
            }
        }
        context["scenarios"] = scenarioContexts
        context["trends"] = trendContexts
        context["hasTrends"] = !trendContexts.isEmpty
        context["recentRuns"] = history.runs.indices.reversed().prefix(10).map { runListEntry($0, root: "") }
        return try page("index.html", kind: "overview", title: "Overview", template: "index.md", context: context, charts: charts, root: "")
    }

    func trendSeries(subjects: [String], scenario: String, runIndices: [Int], metric: Metric, bands: Bool) -> [TrendSeries] {
        subjects.compactMap { subject in
            var points: [TrendPoint] = []
            for (x, runIndex) in runIndices.enumerated() {
                guard let r = analysis.runs[runIndex].first(where: { $0.key.subject == subject && $0.key.scenario == scenario }),
                    let figures = r.metrics[metric], let headline = figures.headline
                else { continue }
                points.append(
                    TrendPoint(
                        x: x, value: headline.value, low: figures.computed?.p25, high: figures.computed?.p75,
                        reportedOnly: figures.computed == nil))
            }
            let position = Dictionary(runIndices.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
            let changes = (analysis.changePoints[SeriesKey(subject: subject, scenario: scenario)] ?? [])
                .filter { $0.metric == metric }
                .compactMap { c in position[c.runIndex].map { (x: $0, label: NumberFormatting.signedPercent(c.point.relative)) } }
            return points.isEmpty ? nil : TrendSeries(label: name(subject), colorIndex: color(subject), points: points, changePoints: changes)
        }
    }

    func highlightItems(_ highlights: Highlights, root: String) -> [String] {
        var items: [String] = []
        let multipleScenarios = Set(highlights.fastest.map(\.scenario)).count > 1
        func scenarioSuffix(_ s: String) -> String { multipleScenarios || s != "default" ? " (\(MarkdownText.escapeInline(s)))" : "" }
        for leader in highlights.fastest {
            var text = "**Fastest**\(scenarioSuffix(leader.scenario)): \(link(name(leader.subject), root + modelPath(leader.subject))), "
            text += "\(leader.statistic == .p50 ? "median" : "mean") latency \(Metric.latency.display(leader.value))"
            if let margin = leader.marginRatio, margin >= 1.005 { text += ", \(NumberFormatting.fixed(margin, 2))× faster than the next model" }
            items.append(text)
        }
        for leader in highlights.highestThroughput {
            var text = "**Highest throughput**\(scenarioSuffix(leader.scenario)): \(link(name(leader.subject), root + modelPath(leader.subject))), "
            text += "\(NumberFormatting.significant(leader.value)) tokens/s (\(leader.statistic == .p50 ? "median" : "mean"))"
            if let margin = leader.marginRatio, margin >= 1.005 { text += ", \(NumberFormatting.fixed(margin, 2))× the next model" }
            items.append(text)
        }
        let against = analysis.baselineComparison.map { " against the baseline \(link(runTitle(history.runs[$0.baselineRunIndex]), root + runPath($0.baselineRunIndex)))" } ?? " since the previous run"
        for comparison in highlights.verdicts {
            let what = comparison.metric.title.lowercased()
            let word = comparison.verdict == .regression ? "<span class=\"worse\">Regression</span>" : "<span class=\"better\">Improvement</span>"
            var text = "**\(word)**: \(link(name(comparison.key.subject), root + modelPath(comparison.key.subject)))\(scenarioSuffix(comparison.key.scenario)) \(what) "
            text += "\(comparison.metric.display(comparison.baseline ?? 0)) → \(comparison.metric.display(comparison.contender ?? 0)), "
            text += NumberFormatting.signedPercent(comparison.change ?? 0)
            if let i = comparison.interval {
                text += " (95% CI \(NumberFormatting.signedPercent(i.lower)) to \(NumberFormatting.signedPercent(i.upper)), p (adj.) \(ComparisonReport.p(comparison.adjustedPValue)))"
            } else if comparison.method == .thresholdOnly {
                text += " (aggregates only: judged by the threshold)"
            }
            items.append(text + against)
        }
        for (key, change) in highlights.recentChangePoints {
            let run = history.runs[change.runIndex]
            items.append(
                "**Change point**: \(link(name(key.subject), root + modelPath(key.subject)))\(scenarioSuffix(key.scenario)) \(change.metric.title.lowercased()) moved from \(change.metric.display(change.point.before)) to \(change.metric.display(change.point.after)) (\(NumberFormatting.signedPercent(change.point.relative))) from \(link(runTitle(run), root + runPath(change.runIndex))) on"
            )
        }
        for failed in highlights.failed {
            var text = "**\(failed.result.status == .failed ? "Failed" : "Some requests failed")**: \(link(name(failed.key.subject), root + modelPath(failed.key.subject)))\(scenarioSuffix(failed.key.scenario))"
            if let failures = failed.failures, let requests = failed.requests, failures > 0 { text += ", \(failures) of \(requests) requests failed" }
            if let error = failed.result.error ?? failed.result.samples.first(where: { !$0.ok })?.error {
                text += ": \(MarkdownText.escapeInline(truncate(error, to: 160)))"
            }
            items.append(text)
        }
        return items
    }

    func runListEntry(_ runIndex: Int, root: String) -> [String: Any] {
        let run = history.runs[runIndex]
        let results = analysis.runs[runIndex]
        return [
            "title": runTitle(run), "link": root + runPath(runIndex), "date": runDate(run),
            "models": Set(results.map(\.key.subject)).count, "format": run.source.format, "file": run.source.file,
            "failed": results.filter { $0.result.status == .failed }.count,
            "partial": results.filter { $0.result.status == .partial }.count,
        ]
    }

    // MARK: - Run page

    func runPage(_ runIndex: Int, root: String = "../") throws -> ComposedPage {
        let run = history.runs[runIndex]
        let results = analysis.runs[runIndex]
        var charts: [String: String] = [:]
        var context: [String: Any] = ["title": runTitle(run), "root": root]
        if runIndex > 0 {
            context["previous"] = ["title": runTitle(history.runs[runIndex - 1]), "link": root + runPath(runIndex - 1)]
        }
        if runIndex + 1 < history.runs.count {
            context["next"] = ["title": runTitle(history.runs[runIndex + 1]), "link": root + runPath(runIndex + 1)]
        }
        var metadata: [KeyValue] = [KeyValue("Run", run.id)]
        if let label = run.label { metadata.append(KeyValue("Label", label)) }
        if let stamp = run.timestamp {
            metadata.append(KeyValue("Date", "\(stamp.display) (\(run.timestampSource?.rawValue ?? "given"))"))
        } else {
            metadata.append(KeyValue("Date", "unknown: the file carries no date (pass --date)"))
        }
        metadata.append(KeyValue("Source", "\(run.source.format): \(run.source.file)"))
        if let tool = run.source.tool { metadata.append(KeyValue("Written by", tool)) }
        if let vc = run.versionControl {
            if let commit = vc.commit { metadata.append(KeyValue("Commit", commit + (vc.dirty == true ? " (uncommitted changes)" : ""))) }
            if let branch = vc.branch { metadata.append(KeyValue("Branch", branch)) }
        }
        metadata += run.environment.fields
        metadata += run.labels.map { KeyValue("Label \($0.key)", $0.value) }
        if !run.prompts.isEmpty { metadata.append(KeyValue("Prompts", "\(run.prompts.count)")) }
        context["metadata"] = metadata.map { ["key": $0.key, "value": $0.value] }
        context["configuration"] = run.configuration.map { ["key": $0.key, "value": $0.value] }
        context["hasConfiguration"] = !run.configuration.isEmpty

        var notes: [String] = []
        for r in results {
            for contradiction in r.contradictions {
                notes.append("\(MarkdownText.escapeInline(name(r.key.subject))) (\(MarkdownText.escapeInline(r.key.scenario))): \(MarkdownText.escapeInline(contradiction)).")
            }
        }
        if results.allSatisfy({ $0.result.samples.isEmpty }) && !results.isEmpty {
            notes.append("This tool wrote only aggregate figures (marked †), no raw samples: distributions and quantiles cannot be recomputed.")
        }
        context["notes"] = notes.map { ["item": $0] }
        context["hasNotes"] = !notes.isEmpty
        context["sourceNotes"] = sourceNotes(run, results).map { ["item": $0] }

        let scenarioNames = scenarios(of: results)
        var scenarioContexts: [[String: Any]] = []
        let otherStatistics: [Statistic] = [.mean] + (presentation.percentiles ?? [.p50, .p95, .p99]) + [.max]
        for scenario in scenarioNames {
            let inScenario = ranked(results.filter { $0.key.scenario == scenario })
            let runColumns = figureColumns(
                for: inScenario, leading: [.mean, .stddev, .min], percentiles: [.p50, .p90, .p95, .p99], trailing: [.max], headlineMedian: false)
            let scenarioSlug = scenarioSlugs[scenario]
            let rows: [[String: Any]] = inScenario.map { r in
                let latency = r.metrics[.latency]
                return [
                    "model": name(r.key.subject), "modelLink": root + modelPath(r.key.subject), "status": statusCell(r),
                    "requests": requestsCell(r), "failures": r.failures.map(String.init) ?? "—",
                    "mean": cell(latency, .mean), "stddev": cell(latency, .stddev), "min": cell(latency, .min),
                    "p50": cell(latency, .p50), "p90": cell(latency, .p90), "p95": cell(latency, .p95), "p99": cell(latency, .p99),
                    "max": cell(latency, .max), "ttft": headlineCell(r.metrics[.timeToFirstToken]),
                    "throughput": headlineCell(r.metrics[.throughput]), "change": verdictCell(r.verdicts[.latency], fallback: r.changes[.latency]),
                    "cells": runColumns.map { ["value": $0.cell(r)] },
                ]
            }
            var entry: [String: Any] = [
                "heading": scenarioHeading(scenario, count: scenarioNames.count, prefix: "Results"), "rows": rows,
                "columns": runColumns.map { ["header": $0.header] }, "caption": tableCaption("Results", scenario: scenario),
            ]
            let latencyRows = distributionRows(inScenario, metric: .latency)
            if !latencyRows.isEmpty {
                let id = "latency--\(scenarioSlug)"
                charts[id] = DistributionChart.render(id: id, title: "Latency per request, \(scenario)", metric: .latency, rows: latencyRows)
                entry["distribution"] = MarkdownText.chartBlock(id)
            }
            if latencyRows.contains(where: { !$0.sortedValues.isEmpty }) {
                let id = "ecdf--\(scenarioSlug)"
                charts[id] = ECDFChart.render(id: id, title: "Latency tails (ECDF), \(scenario)", metric: .latency, rows: latencyRows)
                entry["ecdf"] = MarkdownText.chartBlock(id)
            }
            let ttftRows = distributionRows(inScenario, metric: .timeToFirstToken)
            if !ttftRows.isEmpty && presentation.shows(.timeToFirstToken) {
                let id = "ttft--\(scenarioSlug)"
                charts[id] = DistributionChart.render(id: id, title: "Time to first token per request, \(scenario)", metric: .timeToFirstToken, rows: ttftRows)
                entry["ttftDistribution"] = MarkdownText.chartBlock(id)
            }
            var otherRows: [[String: Any]] = []
            for r in inScenario.sorted(by: { $0.key < $1.key }) {
                for metric in presentation.metrics where !Metric.main.contains(metric) {
                    guard let figures = r.metrics[metric] else { continue }
                    // Each row in the unit that fits its headline (ns to s, B to GiB).
                    let unit = metric.displayUnit(fitting: figures.headline?.value ?? 0)
                    func scaled(_ statistic: Statistic) -> String {
                        guard let value = figures.value(statistic) else { return "—" }
                        let text = unit.number(value)
                        return figures.source == .reported ? "\(text) <span class=\"reported-mark\">†</span>" : text
                    }
                    otherRows.append([
                        "model": name(r.key.subject), "metric": metric.title, "unit": metric == .value ? r.result.valueUnit ?? "" : unit.symbol,
                        "n": figures.computed.map { String($0.count) } ?? figures.reported?[.count].map(NumberFormatting.plain) ?? "—",
                        "mean": scaled(.mean), "p50": scaled(.p50), "p95": scaled(.p95), "p99": scaled(.p99), "max": scaled(.max),
                        "cells": otherStatistics.map { ["value": scaled($0)] },
                    ])
                }
            }
            entry["otherMetrics"] = otherRows
            entry["otherColumns"] = otherStatistics.map { ["header": $0.header] }
            entry["hasOtherMetrics"] = !otherRows.isEmpty
            var promptRows: [[String: Any]] = []
            let prompts = inScenario.flatMap(\.prompts)
            let promptLatency = FigureUnit.fitting(prompts.flatMap { [$0.latency?.p50, $0.latency?.p95].compactMap { $0 } }, of: .latency)
            let promptTTFT = FigureUnit.fitting(prompts.compactMap { $0.timeToFirstToken?.p50 }, of: .timeToFirstToken)
            for r in inScenario.sorted(by: { $0.key < $1.key }) {
                for p in r.prompts {
                    promptRows.append([
                        "model": name(r.key.subject), "prompt": truncate(p.prompt, to: 90), "requests": p.requests, "failures": p.failures,
                        "p50": p.latency.map { promptLatency.text($0.p50, .latency) } ?? "—",
                        "p95": p.latency.map { promptLatency.text($0.p95, .latency) } ?? "—",
                        "ttft": p.timeToFirstToken.map { promptTTFT.text($0.p50, .timeToFirstToken) } ?? "—",
                        "throughput": p.throughput.map { NumberFormatting.significant($0.p50) } ?? "—",
                    ])
                }
            }
            entry["promptLatencyUnit"] = promptLatency.headerSuffix
            entry["promptTTFTUnit"] = promptTTFT.headerSuffix
            entry["prompts"] = promptRows
            entry["hasPrompts"] = !promptRows.isEmpty
            scenarioContexts.append(entry)
        }
        context["scenarios"] = scenarioContexts

        var failures: [[String: Any]] = []
        for r in results.sorted(by: { $0.key < $1.key }) where r.result.status != .ok || (r.failures ?? 0) > 0 {
            var parts: [String] = []
            if let failed = r.failures, let requests = r.requests { parts.append("\(failed) of \(requests) requests failed") }
            if let error = r.result.error { parts.append(MarkdownText.escapeInline(error)) }
            var counts: [String: Int] = [:]
            for sample in r.result.samples where !sample.ok { counts[sample.error ?? "no error message", default: 0] += 1 }
            for (message, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(5) {
                parts.append("\(MarkdownText.escapeInline(truncate(message, to: 200))) (×\(count))")
            }
            failures.append(["model": name(r.key.subject), "scenario": r.key.scenario, "summary": parts.joined(separator: "; ")])
        }
        context["failures"] = failures
        context["hasFailures"] = !failures.isEmpty

        var outputs: [[String: Any]] = []
        for r in results.sorted(by: { $0.key < $1.key }) {
            guard let text = r.result.sampleOutput ?? r.result.samples.first(where: { $0.ok && $0.output != nil })?.output else { continue }
            outputs.append(["model": name(r.key.subject), "scenario": r.key.scenario, "block": MarkdownText.codeBlock(truncate(text, to: 2000))])
        }
        context["outputs"] = outputs
        context["hasOutputs"] = !outputs.isEmpty
        return try page(runPath(runIndex), kind: "run", title: runTitle(run), template: "run.md", context: context, charts: charts, root: root)
    }

    /// What a reader should know about where the numbers of a run came from.
    func sourceNotes(_ run: Run, _ results: [ResultAnalysis]) -> [String] {
        var notes = run.source.notes.map { MarkdownText.escapeInline($0) }
        var computed: [String] = []
        var reportedOnly: [String] = []
        for metric in Metric.allCases {
            let figures = results.compactMap { $0.metrics[metric] }
            guard !figures.isEmpty else { continue }
            let fields = Set(results.compactMap { $0.metrics[metric]?.computed != nil ? $0.result.sampleFields[metric] : nil }).sorted()
            if figures.contains(where: { $0.computed != nil }) {
                computed.append(metric.title.lowercased() + (fields.isEmpty ? "" : " (from \(fields.map(MarkdownText.codeSpan).joined(separator: ", ")))"))
            } else {
                let names = Set(figures.compactMap { f in f.reported.flatMap { $0.fields[.mean] ?? $0.fields[.p50] ?? $0.fields.values.sorted().first } }).sorted()
                reportedOnly.append(metric.title.lowercased() + (names.isEmpty ? "" : " (\(names.map(MarkdownText.codeSpan).joined(separator: ", ")) ...)"))
            }
        }
        if !computed.isEmpty { notes.append("Computed from raw samples: \(computed.joined(separator: ", ")).") }
        if !reportedOnly.isEmpty { notes.append("Only as reported by the tool (†): \(reportedOnly.joined(separator: ", ")).") }
        if !run.source.unreadFields.isEmpty {
            let shown = run.source.unreadFields.prefix(40).map(MarkdownText.codeSpan)
            notes.append("Fields benchsite did not read: \(shown.joined(separator: ", "))\(run.source.unreadFields.count > 40 ? " and \(run.source.unreadFields.count - 40) more" : "").")
        }
        return notes
    }

    // MARK: - Model page

    func modelPage(_ subject: String) throws -> ComposedPage {
        let root = "../"
        var charts: [String: String] = [:]
        var context: [String: Any] = ["model": name(subject), "root": root]
        let keys = history.series.filter { $0.subject == subject }
        let subjectIDs = Set(analysis.runs.joined().filter { $0.key.subject == subject }.compactMap(\.result.subjectID))
        var info: [KeyValue] = []
        if name(subject) != subject { info.append(KeyValue("Name in the results", subject)) }
        if !subjectIDs.isEmpty { info.append(KeyValue("Model ids", subjectIDs.sorted().joined(separator: ", "))) }
        if let model = history.metadata.models[subject] ?? subjectIDs.sorted().lazy.compactMap({ history.metadata.models[$0] }).first {
            if !model.capabilities.isEmpty { info.append(KeyValue("Capabilities", model.capabilities.joined(separator: ", "))) }
            if let size = model.sizeMB { info.append(KeyValue("Size", "\(NumberFormatting.plain(size)) MB")) }
            if let license = model.license { info.append(KeyValue("License", license)) }
            info += model.extra
        }
        context["info"] = info.map { ["key": $0.key, "value": $0.value] }
        context["hasInfo"] = !info.isEmpty
        let modelSlug = modelSlugs[subject]
        var scenarioContexts: [[String: Any]] = []
        for key in keys {
            let series = analysis.series(key)
            let columns = figureColumns(for: series, percentiles: [.p50, .p95, .p99], headlineMedian: true)
            let runIndices = series.map(\.runIndex)
            let scenarioSlug = scenarioSlugs[key.scenario]
            var entry: [String: Any] = ["heading": keys.count > 1 || key.scenario != "default" ? "Scenario: \(key.scenario)" : "Over time"]
            if runIndices.count > 1 {
                for (metric, field) in [(Metric.latency, "latencyTrend"), (.timeToFirstToken, "ttftTrend"), (.throughput, "throughputTrend")]
                where presentation.shows(metric) {
                    let lines = trendSeries(subjects: [subject], scenario: key.scenario, runIndices: runIndices, metric: metric, bands: true)
                    guard let line = lines.first, line.points.count > 1 else { continue }
                    let id = "trend--\(modelSlug)--\(metric.csvName)--\(scenarioSlug)"
                    charts[id] = TrendChart.render(
                        id: id, title: "\(metric.title) of \(name(subject)) over time (\(key.scenario))", metric: metric,
                        xLabels: runIndices.map { history.runs[$0].timestamp?.shortDate ?? history.runs[$0].id }, series: lines, bands: true)
                    entry[field] = MarkdownText.chartBlock(id)
                }
            }
            let changes = (analysis.changePoints[key] ?? []).sorted { ($0.runIndex, $0.metric) < ($1.runIndex, $1.metric) }
            entry["changePoints"] = changes.map { c -> [String: Any] in
                [
                    "metric": c.metric.title, "run": runTitle(history.runs[c.runIndex]), "runLink": root + runPath(c.runIndex),
                    "before": c.metric.display(c.point.before),
                    "after": c.metric.display(c.point.after),
                    "change": NumberFormatting.signedPercent(c.point.relative),
                ]
            }
            entry["hasChangePoints"] = !changes.isEmpty
            entry["rows"] = series.reversed().map { r -> [String: Any] in
                let run = history.runs[r.runIndex]
                return [
                    "run": runTitle(run), "runLink": root + runPath(r.runIndex), "date": runDate(run), "requests": requestsCell(r),
                    "failures": r.failures.map(String.init) ?? "—", "p50": headlineCell(r.metrics[.latency]),
                    "p95": cell(r.metrics[.latency], .p95), "p99": cell(r.metrics[.latency], .p99),
                    "ttft": headlineCell(r.metrics[.timeToFirstToken]), "throughput": headlineCell(r.metrics[.throughput]),
                    "change": verdictCell(r.verdicts[.latency], fallback: r.changes[.latency]),
                    "cells": columns.map { ["value": $0.cell(r)] },
                ]
            }
            entry["columns"] = columns.map { ["header": $0.header] }
            entry["caption"] = "Every run of \(name(subject))\(key.scenario == "default" ? "" : " (\(key.scenario))"), newest first"
            scenarioContexts.append(entry)
        }
        context["scenarios"] = scenarioContexts
        let scores = history.metadata.qualityScores.filter { $0.model == subject || subjectIDs.contains($0.model) }
        context["quality"] = scores.map { ["prompt": $0.prompt, "score": NumberFormatting.plain($0.score), "note": $0.note ?? ""] }
        context["hasQuality"] = !scores.isEmpty
        if let rubric = history.metadata.rubric { context["rubric"] = rubric }
        return try page(modelPath(subject), kind: "model", title: name(subject), template: "model.md", context: context, charts: charts, root: root)
    }

    // MARK: - Compare page

    func comparePage(root: String = "../") throws -> ComposedPage {
        guard let (baselineIndex, comparisons) = analysis.baselineComparison, let latest = analysis.latestRunIndex, let path = comparePath else {
            throw Theme.TemplateError(template: "compare.md", message: "no baseline to compare with")
        }
        let settings = analysis.comparisonSettings
        let rows: [[String: Any]] = ComparisonReport.ordered(comparisons).map { c in
            let verdict: String
            switch c.verdict {
            case .regression: verdict = "<span class=\"worse\">regression</span>"
            case .improvement: verdict = "<span class=\"better\">improvement</span>"
            default: verdict = c.verdict.rawValue
            }
            return [
                "model": name(c.key.subject), "modelLink": root + modelPath(c.key.subject), "scenario": c.key.scenario, "metric": c.metric.title,
                "baselineValue": ComparisonReport.value(c.baseline, c.metric), "contenderValue": ComparisonReport.value(c.contender, c.metric),
                "change": c.change.map(NumberFormatting.signedPercent) ?? "—", "interval": ComparisonReport.interval(c),
                "p": ComparisonReport.p(c.adjustedPValue), "verdict": verdict + (c.method == .thresholdOnly ? " (threshold only)" : ""),
                "test": ComparisonReport.testDescription(c),
            ]
        }
        let outcome = CompareOutcome(
            baselineRuns: [history.runs[baselineIndex]], contenderRuns: [history.runs[latest]], comparisons: comparisons)
        let context: [String: Any] = [
            "title": "\(runTitle(history.runs[latest])) against \(runTitle(history.runs[baselineIndex]))",
            "baseline": runTitle(history.runs[baselineIndex]), "baselineLink": root + runPath(baselineIndex),
            "contender": runTitle(history.runs[latest]), "contenderLink": root + runPath(latest),
            "summary": ComparisonReport.summary(outcome, settings), "rows": rows,
            "alpha": NumberFormatting.plain(settings.alpha), "minimumEffect": settings.minimumEffectDescription,
        ]
        return try page(path, kind: "compare", title: "Comparison", template: "compare.md", context: context, charts: [:], root: root)
    }

    // MARK: - Methods

    /// `methods.html`: how the figures, verdicts and change points of this site were computed, with
    /// the settings they used.
    func methodsPage() throws -> ComposedPage {
        let settings = analysis.comparisonSettings
        let changePoints = analysis.changePointSettings
        let context: [String: Any] = [
            "fewMark": FewSamples.mark, "p90Needs": FewSamples.needed(.p90), "p95Needs": FewSamples.needed(.p95), "p99Needs": FewSamples.needed(.p99),
            "alpha": NumberFormatting.plain(settings.alpha), "minimumEffect": settings.minimumEffectDescription,
            "window": Analyzer.historyWindow, "history": Comparator.minimumHistory, "penalty": NumberFormatting.plain(changePoints.penalty),
            "changeMinimumEffect": "\(NumberFormatting.plain(changePoints.minimumEffect * 100))%", "segment": changePoints.minimumSegment,
        ]
        return try page("methods.html", kind: "methods", title: "How the figures are computed", template: "methods.md", context: context, charts: [:], root: "")
    }

    // MARK: - Lists

    func runsIndex() throws -> ComposedPage {
        let context: [String: Any] = ["root": "../", "runs": history.runs.indices.reversed().map { runListEntry($0, root: "../") }]
        return try page("runs/index.html", kind: "runs", title: "Runs", template: "runs.md", context: context, charts: [:], root: "../")
    }

    func modelsIndex() throws -> ComposedPage {
        var charts: [String: String] = [:]
        var models: [[String: Any]] = []
        for subject in orderedSubjects {
            let keys = history.series.filter { $0.subject == subject }
            let all = keys.flatMap { analysis.series($0) }
            let mainKey = keys.max { analysis.series($0).count < analysis.series($1).count }!
            let main = analysis.series(mainKey)
            let recent = main.suffix(Self.sparklineRuns).compactMap { $0.metrics[.latency]?.headline?.value }
            let sparkID = "spark--\(modelSlugs[subject])"
            charts[sparkID] = Sparkline.render(values: recent, colorIndex: color(subject), label: "Median latency of \(name(subject)) (\(mainKey.scenario)) over the last \(recent.count) runs")
            models.append([
                "model": name(subject), "link": "../" + modelPath(subject), "scenarios": keys.map(\.scenario).joined(separator: ", "),
                "runs": Set(all.map(\.runIndex)).count, "p50": headlineCell(main.last?.metrics[.latency], unit: .own),
                "throughput": headlineCell(main.last?.metrics[.throughput]),
                "spark": recent.count > 1 ? MarkdownText.chartInline(sparkID) : "—",
            ])
        }
        return try page("models/index.html", kind: "models", title: "Models", template: "models.md", context: ["root": "../", "models": models], charts: charts, root: "../")
    }

    func page(_ path: String, kind: String, title: String, template: String, context: [String: Any], charts: [String: String], root: String) throws
        -> ComposedPage
    {
        var full = context
        full["siteTitle"] = siteTitle
        full["root"] = root
        let markdown = try theme.render(template, full)
        return ComposedPage(path: path, kind: kind, title: title, markdown: markdown, charts: charts, root: root)
    }
}
