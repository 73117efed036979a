/// `data/verdicts.csv` and `data/changepoints.csv`: the site's judgements in a form notebooks and CI
/// can read. Numbers in base units (seconds, tokens per second, bytes), changes as fractions.
public enum AnalysisCSV {
    public static let verdictsHeader =
        "run_id,timestamp,model,scenario,metric,against,test,baseline_count,contender_count,baseline,contender,change,ci_low,ci_high,p,p_adjusted,verdict,note,\(RunColumns.header)"
    public static let changePointsHeader =
        "model,scenario,metric,run_id,timestamp,before,after,change,\(RunColumns.header)"

    /// One row per run, series and metric judged against the earlier runs, then the latest run against the baseline.
    public static func verdicts(_ analysis: SiteAnalysis) -> String {
        var out = verdictsHeader + "\n"
        for (runIndex, run) in analysis.history.runs.enumerated() {
            for result in analysis.runs[runIndex] {
                for metric in Metric.allCases {
                    guard let comparison = result.verdicts[metric] else { continue }
                    out += row(run, comparison, against: "earlier runs")
                }
            }
        }
        if let (baselineIndex, comparisons) = analysis.baselineComparison, let latest = analysis.latestRunIndex {
            let against = "baseline \(analysis.history.runs[baselineIndex].id)"
            for comparison in comparisons { out += row(analysis.history.runs[latest], comparison, against: against) }
        }
        return out
    }

    static func row(_ run: Run, _ c: SeriesComparison, against: String) -> String {
        let number = { (value: Double?) in value.map(NumberFormatting.plain) ?? "" }
        let fields =
            [
                run.id, run.timestamp?.iso8601 ?? "", c.key.subject, c.key.scenario, c.metric.csvName, against,
                c.method.identifier,
                String(c.baselineCount), String(c.contenderCount), number(c.baseline), number(c.contender),
                number(c.change),
                number(c.interval?.lower), number(c.interval?.upper), number(c.pValue), number(c.adjustedPValue),
                c.verdict.rawValue, c.note ?? "",
            ] + RunColumns.fields(run)
        return fields.map(SummaryCSV.field).joined(separator: ",") + "\n"
    }

    /// One row per change point: where a series' level moved, from what to what.
    public static func changePoints(_ analysis: SiteAnalysis) -> String {
        var out = changePointsHeader + "\n"
        for key in analysis.changePoints.keys.sorted() {
            for change in (analysis.changePoints[key] ?? []).sorted(by: {
                ($0.runIndex, $0.metric) < ($1.runIndex, $1.metric)
            }) {
                let run = analysis.history.runs[change.runIndex]
                let fields =
                    [
                        key.subject, key.scenario, change.metric.csvName, run.id, run.timestamp?.iso8601 ?? "",
                        NumberFormatting.plain(change.point.before), NumberFormatting.plain(change.point.after),
                        NumberFormatting.plain(change.point.relative),
                    ] + RunColumns.fields(run)
                out += fields.map(SummaryCSV.field).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
