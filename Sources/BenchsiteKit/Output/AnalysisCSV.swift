/// `data/verdicts.csv` and `data/changepoints.csv`: the site's judgements in a form notebooks and CI
/// can read. Numbers in base units (seconds, tokens per second, bytes), changes as fractions.
public enum AnalysisCSV {
    public static let verdictsHeader =
        "run_id,timestamp,model,scenario,metric,against,test,baseline_count,contender_count,baseline,contender,change,ci_low,ci_high,p,p_adjusted,verdict,note,\(RunColumns.header)"
    public static let changePointsHeader =
        "model,scenario,metric,run_id,timestamp,before,after,change,\(RunColumns.header)"

    /// One row per run, series and metric judged against the earlier runs, then the latest run against the baseline.
    /// Written as bytes: a history of years has a row per run, series and metric.
    public static func verdicts(_ analysis: SiteAnalysis) -> String {
        String(decoding: verdictBytes(analysis), as: UTF8.self)
    }

    static func verdictBytes(_ analysis: SiteAnalysis) -> [UInt8] { verdictTable(analysis, previous: nil).bytes }

    /// The table and where each run's rows are in it; a run's rows are taken from `previous` (the
    /// table as published, `TableIndex`) when what they are made from hashes the same: the run's
    /// cells and every field of each of its verdicts. The rows against a baseline come last, apart.
    static func verdictTable(
        _ analysis: SiteAnalysis, previous: (bytes: [UInt8], index: TableIndex)?
    ) -> (
        bytes: [UInt8], runs: [TableIndex.Rows]
    ) {
        var table = TableWriter(capacity: analysis.history.runs.count * 4096, previous: previous)
        table.out.append(verdictsHeader + "\n")
        table.appendRuns(
            of: analysis,
            item: { runIndex in
                analysis.runs[runIndex].flatMap { result in Metric.allCases.compactMap { result.verdicts[$0] } }
            },
            material: { comparisons, material in
                for comparison in comparisons { comparison.pack(into: &material) }
            },
            rows: { out, columns, comparisons in
                for comparison in comparisons { row(&out, columns, comparison, against: "earlier runs") }
            })
        if let (baselineIndex, comparisons) = analysis.baselineComparison, let latest = analysis.latestRunIndex {
            let against = "baseline \(analysis.history.runs[baselineIndex].id)"
            let columns = RunCells(analysis.history.runs[latest])
            for comparison in comparisons { row(&table.out, columns, comparison, against: against) }
        }
        return table.finished
    }

    /// A run's cells of every row, escaped once.
    struct RunCells {
        var lead: [UInt8]
        var trail: [UInt8]

        init(_ run: Run) {
            var lead = ByteWriter()
            lead.field(run.id)
            lead.append(byte: 0x2C)
            lead.field(run.timestamp?.iso8601 ?? "")
            self.lead = lead.bytes
            var trail = ByteWriter()
            for field in RunColumns.fields(run) {
                trail.append(byte: 0x2C)
                trail.field(field)
            }
            self.trail = trail.bytes
        }
    }

    static func row(_ out: inout ByteWriter, _ run: RunCells, _ c: SeriesComparison, against: String) {
        func comma() { out.append(byte: 0x2C) }
        func number(_ value: Double?) {
            comma()
            if let value { out.plain(value) }
        }
        out.bytes.append(contentsOf: run.lead)
        for text in [c.key.subject, c.key.scenario, c.metric.csvName, against, c.method.identifier] {
            comma()
            out.field(text)
        }
        comma()
        out.integer(c.baselineCount)
        comma()
        out.integer(c.contenderCount)
        for value in [
            c.baseline, c.contender, c.change, c.interval?.lower, c.interval?.upper, c.pValue, c.adjustedPValue,
        ] {
            number(value)
        }
        comma()
        out.field(c.verdict.rawValue)
        comma()
        out.field(c.note ?? "")
        out.bytes.append(contentsOf: run.trail)
        out.append(byte: 0x0A)
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
