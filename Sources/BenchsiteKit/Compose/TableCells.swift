/// The cells, columns and captions of the results tables every page shows.
extension PageComposer {
    /// A figure for a table cell: three significant digits, `†` when only reported, `—` when unknown.
    func cell(_ figures: MetricFigures?, _ statistic: Statistic, unit: FigureUnit = .base) -> String {
        Self.cell(figures, statistic, unit: unit)
    }

    static func cell(_ figures: MetricFigures?, _ statistic: Statistic, unit: FigureUnit = .base) -> String {
        guard let figures, let value = figures.value(statistic) else { return "—" }
        var text = unit.text(value, figures.metric)
        if let computed = figures.computed, FewSamples.tooFew(statistic, count: computed.count) {
            // A tail from too few samples: shown, marked, never judged.
            text =
                "<span class=\"few-mark\" title=\"estimated from \(computed.count) samples; \(statistic.rawValue) needs at least \(FewSamples.needed(statistic))\">\(FewSamples.mark)</span>"
                + text
        }
        return figures.source == .reported
            ? "\(text) <span class=\"reported-mark\" title=\"as reported by the tool\">†</span>" : text
    }

    func headlineCell(_ figures: MetricFigures?, unit: FigureUnit = .base) -> String {
        Self.headlineCell(figures, unit: unit)
    }

    static func headlineCell(_ figures: MetricFigures?, unit: FigureUnit = .base) -> String {
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
            return
                "<span class=\"muted\" title=\"\(XMLText.escape(why)); change since the previous run\">\(NumberFormatting.signedPercent(fallback.relative))</span>"
        }
        let text = NumberFormatting.signedPercent(change)
        var details = comparison.verdict.rawValue
        if let p = comparison.adjustedPValue { details += ", p (adj.) \(ComparisonReport.p(p))" }
        if let i = comparison.interval {
            details +=
                ", 95% CI \(NumberFormatting.signedPercent(i.lower)) to \(NumberFormatting.signedPercent(i.upper))"
        }
        details += "; \(ComparisonReport.testDescription(comparison))"
        switch comparison.verdict {
        case .regression: return "<span class=\"worse\" title=\"\(details)\">\(text) ▲</span>"
        case .improvement: return "<span class=\"better\" title=\"\(details)\">\(text) ▼</span>"
        case .noChange: return "<span class=\"muted\" title=\"\(details)\">\(text)</span>"
        case .insufficientData: return "<span class=\"muted\" title=\"\(details)\">\(text)?</span>"
        }
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
        guard let figures, let computed = figures.computed, analysis.sampleCount > 0 else { return "" }
        // Pooled inter-token gaps are many per request: their count is not a count of requests.
        if figures.metric == .interTokenLatency, analysis.hasInterTokenGaps { return "" }
        let succeeded = analysis.okSampleCount
        guard computed.count < succeeded else { return "" }
        return
            " <span class=\"count-note\" title=\"computed from \(computed.count) of the \(succeeded) successful requests\">(\(computed.count))</span>"
    }

    func requestsCell(_ analysis: ResultAnalysis) -> String {
        guard let requests = analysis.requests else { return "—" }
        return analysis.sampleCount == 0 ? "\(requests) <span class=\"reported-mark\">†</span>" : "\(requests)"
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
        for rows: [ResultAnalysis], leading: [Statistic] = [], percentiles defaults: [Statistic],
        trailing: [Statistic] = [], headlineMedian: Bool
    ) -> [FigureColumn] {
        let listed = leading + (presentation.percentiles ?? defaults) + trailing
        // A statistic only where a row has it (the median's column always: with `headlineMedian` it
        // shows a reported mean when there is no median): a table of figures a tool reported has no
        // columns of "—" (asv keeps a median and quartiles, no mean, no tails).
        // Each row's latency figures taken once (a dictionary's value is a copy of a dozen references).
        let latency = rows.map { $0.metrics[.latency] }
        let present = listed.filter { statistic in
            (statistic == .p50 && headlineMedian) || latency.contains { $0?.value(statistic) != nil }
        }
        let statistics = present.isEmpty ? listed : present
        let latencyValues = latency.flatMap { figures in statistics.compactMap { figures?.value($0) } }
        let latencyUnit = FigureUnit.fitting(latencyValues, of: .latency)
        var columns = statistics.map { statistic in
            FigureColumn(header: "\(statistic.header)\(latencyUnit.headerSuffix)") { r in
                let figures = r.metrics[.latency]
                if statistic == .p50 {
                    let text =
                        headlineMedian
                        ? headlineCell(figures, unit: latencyUnit)
                        : cell(figures, statistic, unit: latencyUnit)
                    return text + countNote(figures, r)
                }
                return cell(figures, statistic, unit: latencyUnit)
            }
        }
        // TTFT and throughput only where a row has them: a benchmark suite's table has no column of "—".
        for metric in presentation.headlineMetrics where Self.anyHeadline(metric, in: rows) {
            let unit = FigureUnit.fitting(rows.compactMap { $0.metrics[metric]?.headline?.value }, of: metric)
            columns.append(
                FigureColumn(header: unit.headlineHeader(metric)) {
                    headlineCell($0.metrics[metric], unit: unit) + countNote($0.metrics[metric], $0)
                })
        }
        return columns
    }

    /// Whether a row has a figure of the metric: a column (or a caption's word) for it, else none.
    static func anyHeadline(_ metric: Metric, in rows: [ResultAnalysis]) -> Bool {
        rows.contains { $0.metrics[metric]?.headline != nil }
    }

    /// Whether a row has a count of requests or failures: the `n` and `Failed` columns, else none (a
    /// tool that reported only its figures counted nothing).
    static func anyCounts(in rows: some Sequence<ResultAnalysis>) -> Bool {
        rows.contains { $0.requests != nil || $0.failures != nil }
    }

    /// A results table's caption: what it lists and in which order.
    /// Given its rows, it names only the measures they have (besides latency).
    func tableCaption(
        _ what: String, scenario: String, noun: SubjectNoun = .model, rows: [ResultAnalysis] = []
    ) -> String {
        let shown = presentation.metrics.filter(Metric.main.contains).filter { metric in
            rows.isEmpty || metric == .latency || Self.anyHeadline(metric, in: rows)
        }
        let measures = shown.map {
            $0 == .timeToFirstToken ? "time to first token" : $0.title.lowercased()
        }
        let list =
            measures.count > 1
            ? measures.dropLast().joined(separator: ", ") + " and " + measures.last! : measures.joined()
        let order = presentation.order.isEmpty ? "fastest first" : "in the configured order"
        return "\(what)\(scenario == "default" ? "" : " (\(scenario))"): \(list) per \(noun.singular), \(order)"
    }

    func scenarioHeading(_ scenario: String, count: Int, prefix: String) -> String {
        count > 1 || scenario != "default" ? "\(prefix) — \(scenario)" : prefix
    }
}
