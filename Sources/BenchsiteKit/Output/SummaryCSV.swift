/// `data/summary.csv`: one row per run, series and metric; the machine-readable twin of the tables.
public enum SummaryCSV {
    public static let header =
        "run_id,timestamp,model,scenario,metric,unit,n,mean,stddev,min,p50,p90,p95,p99,max,source,\(RunColumns.header)"

    public static func make(_ analysis: SiteAnalysis) -> String {
        var out = header + "\n"
        for (runIndex, run) in analysis.history.runs.enumerated() {
            let runColumns = RunColumns.fields(run)
            for result in analysis.runs[runIndex] {
                for metric in Metric.allCases {
                    guard let figures = result.metrics[metric] else { continue }
                    var fields = [
                        run.id, run.timestamp?.iso8601 ?? "", result.key.subject, result.key.scenario, metric.csvName,
                        metric == .value ? result.result.valueUnit ?? "" : metric.unit,
                    ]
                    for statistic in Statistic.allCases {
                        if statistic == .count, let computed = figures.computed {
                            fields.append(String(computed.count))
                        } else {
                            fields.append(figures.value(statistic).map(NumberFormatting.plain) ?? "")
                        }
                    }
                    fields.append(figures.source.rawValue)
                    fields += runColumns
                    out += fields.map(field).joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    /// RFC 4180 quoting.
    static func field(_ text: String) -> String {
        // Bytes, not Characters: this runs for every cell of samples.csv.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
