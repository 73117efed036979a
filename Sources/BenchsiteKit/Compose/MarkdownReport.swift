/// `--markdown FILE.md`: a GitHub-flavored Markdown report of the latest run (the workshop's
/// `benchmark_report.md` grown up): highlights, the comparison table per scenario with verdicts,
/// and a Mermaid bar chart of median latency that GitHub draws natively. Plain Markdown only, so it
/// reads the same in a pull-request comment, a job summary or a file.
public enum MarkdownReport {
    public static func make(_ analysis: SiteAnalysis, map: SiteMap, title: String) -> String {
        let e = MarkdownText.escapeInline
        let history = analysis.history
        guard let latestIndex = analysis.latestRunIndex else { return "# \(e(title))\n\nNo runs.\n" }
        let latest = history.runs[latestIndex]
        let results = analysis.runs[latestIndex]
        let noun = map.noun(ofRun: latestIndex)
        var out = "# \(e(title))\n\n"
        out += "Latest run: **\(e(map.runTitle(latest)))** (\(e(map.runDate(latest))), \(e(latest.source.format)))"
        if let baseline = analysis.baselineComparison?.baselineRunIndex {
            out += ", compared with the baseline **\(e(map.runTitle(history.runs[baseline])))**"
        }
        out += ".\n\n"
        // One verdict line first, the same fact `build --fail-on-regression` exits on.
        let regressions = analysis.latestVerdicts.filter { $0.verdict == .regression }.count
        let against = analysis.baselineComparison == nil ? "against its recent history" : "against the baseline"
        out +=
            regressions == 0
            ? "**Verdict: no regression** \(against).\n\n"
            : "**Verdict: \(regressions) regression\(regressions == 1 ? "" : "s")** \(against).\n\n"

        let significant = analysis.latestVerdicts.filter { $0.verdict == .regression || $0.verdict == .improvement }
        out += "## Highlights\n\n"
        for item in analysis.latestHighlights.map({
            HighlightText(map: map, analysis: analysis, style: .report).items($0, noun: noun)
        }) ?? [] {
            out += "- \(item)\n"
        }
        if significant.isEmpty {
            out +=
                "- No regression\(analysis.baselineComparison == nil ? " since the previous run" : " against the baseline").\n"
        }
        out += "\n"

        // The columns follow `show:` in benchsite.yml, as the site's tables do.
        let percentiles = map.presentation.percentiles ?? [.p50, .p95, .p99]
        let headlines = map.presentation.headlineMetrics
        for scenario in map.scenarios(of: results) {
            let rows = map.ranked(results.filter { $0.key.scenario == scenario })
            out += "## \(e(scenario == "default" ? "Comparison" : "Comparison: \(scenario)"))\n\n"
            // Units as on the site: one per column when the figures read well in it, else one per figure.
            let latencyUnit = FigureUnit.fitting(
                rows.flatMap { r in percentiles.compactMap { r.metrics[.latency]?.value($0) } }, of: .latency)
            let headlineUnits = headlines.map { m in
                FigureUnit.fitting(rows.compactMap { $0.metrics[m]?.value(.p50) }, of: m)
            }
            let headers =
                percentiles.map { "\($0.header)\(latencyUnit.headerSuffix)" }
                + zip(headlines, headlineUnits).map { $1.headlineHeader($0) }
            out += "| \(noun.header) | n | \(headers.joined(separator: " | ")) | Change | Verdict |\n"
            out += "|:--|--:|\(String(repeating: "--:|", count: headers.count))--:|:--|\n"
            for r in rows {
                let latency = r.metrics[.latency]
                let verdict = analysis.latestVerdict(r, .latency)
                func v(_ figures: MetricFigures?, _ s: Statistic, _ unit: FigureUnit) -> String {
                    guard let figures, let value = figures.value(s) else { return "—" }
                    return unit.text(value, figures.metric) + (figures.source == .reported ? " †" : "")
                }
                let status = r.result.status == .failed ? " (failed)" : ""
                let figures =
                    percentiles.map { v(latency, $0, latencyUnit) }
                    + zip(headlines, headlineUnits).map { v(r.metrics[$0], .p50, $1) }
                out +=
                    "| \(e(map.name(r.key.subject)))\(status) | \(r.requests.map(String.init) ?? "—") | \(figures.joined(separator: " | ")) | \(verdict?.change.map(NumberFormatting.signedPercent) ?? "—") | \(verdict.map { $0.verdict == .regression ? "**regression**" : $0.verdict.rawValue } ?? "—") |\n"
            }
            let bars = rows.compactMap { r -> (String, Double)? in
                guard let value = r.metrics[.latency]?.headline?.value else { return nil }
                return (map.name(r.key.subject), value)
            }
            if bars.count > 1, let highest = bars.map(\.1).max() {
                let unit = Metric.latency.displayUnit(fitting: highest)
                out +=
                    "\n```mermaid\nxychart-beta\n    title \"Median latency, \(mermaid(scenario)) (\(unit.symbol))\"\n"
                out += "    x-axis [\(bars.map { "\"\(mermaid($0.0))\"" }.joined(separator: ", "))]\n"
                out +=
                    "    y-axis \"Latency (\(unit.symbol))\" 0 --> \(NumberFormatting.significant(highest * 1.15 / unit.size))\n"
                out +=
                    "    bar [\(bars.map { NumberFormatting.significant($0.1 / unit.size, 4) }.joined(separator: ", "))]\n```\n"
            }
            out += "\n"
        }
        let settings = analysis.comparisonSettings
        out +=
            "† as reported by the tool (no raw samples). Quantiles from raw samples (linear interpolation); verdicts from a two-sided Mann-Whitney U test with Benjamini-Hochberg adjustment (significance \(NumberFormatting.plain(settings.alpha))) and a minimum change of \(settings.minimumEffectDescription).\n"
        return out
    }

    /// Text safe inside a Mermaid double-quoted label.
    static func mermaid(_ text: String) -> String {
        String(text.map { "\"<>`\n\r\\;#".contains($0) ? " " : $0 })
    }
}
