/// `data/summary.csv`: one row per run, series and metric; the machine-readable twin of the tables.
public enum SummaryCSV {
    public static let header =
        "run_id,timestamp,model,scenario,metric,unit,n,mean,stddev,min,p50,p90,p95,p99,max,source,\(RunColumns.header)"

    /// Written as bytes: a history of years has a row per run, series and metric.
    public static func make(_ analysis: SiteAnalysis) -> String {
        String(decoding: bytes(analysis), as: UTF8.self)
    }

    static func bytes(_ analysis: SiteAnalysis) -> [UInt8] { table(analysis, previous: nil).bytes }

    /// The table and where each run's rows are in it; a run's rows are taken from `previous` (the
    /// table as published, `TableIndex`) when what they are made from hashes the same: the run's
    /// cells and, per result, its series, unit and every figure the row writes.
    static func table(
        _ analysis: SiteAnalysis, previous: (bytes: [UInt8], index: TableIndex)?
    ) -> (
        bytes: [UInt8], runs: [TableIndex.Rows]
    ) {
        var table = TableWriter(capacity: analysis.history.runs.count * 4096, previous: previous)
        table.out.append(header + "\n")
        table.appendRuns(of: analysis, item: { analysis.runs[$0] }, material: pack, rows: rows)
        return table.finished
    }

    /// What a run's rows are made from, beside its cells: per result, its series, unit and every
    /// figure a row writes.
    private static func pack(_ results: [ResultAnalysis], into material: inout PackedWriter) {
        for result in results {
            material.string(result.key.subject)
            material.string(result.key.scenario)
            material.string(result.result.valueUnit)
            for metric in Metric.allCases {
                guard let figures = result.metrics[metric] else { continue }
                material.int(metric.order)
                for statistic in Statistic.allCases {
                    if statistic == .count, let computed = figures.computed {
                        material.int(computed.count)
                    } else {
                        material.double(figures.value(statistic))
                    }
                }
                material.string(figures.source.rawValue)
            }
            material.int(-1)
        }
    }

    /// A run's rows: one per result and metric.
    private static func rows(_ out: inout ByteWriter, _ columns: AnalysisCSV.RunCells, _ results: [ResultAnalysis]) {
        for result in results {
            // The cells every metric's row shares: subject and scenario, escaped once.
            var series = ByteWriter()
            series.append(byte: 0x2C)
            series.field(result.key.subject)
            series.append(byte: 0x2C)
            series.field(result.key.scenario)
            series.append(byte: 0x2C)
            for metric in Metric.allCases {
                guard let figures = result.metrics[metric] else { continue }
                out.bytes += columns.lead
                out.bytes += series.bytes
                out.field(metric.csvName)
                out.append(byte: 0x2C)
                out.field(metric == .value ? result.result.valueUnit ?? "" : metric.unit)
                for statistic in Statistic.allCases {
                    out.append(byte: 0x2C)
                    if statistic == .count, let computed = figures.computed {
                        out.integer(computed.count)
                    } else if let value = figures.value(statistic) {
                        out.plain(value)
                    }
                }
                out.append(byte: 0x2C)
                out.append(figures.source.rawValue)
                out.bytes += columns.trail
                out.append(byte: 0x0A)
            }
        }
    }

    /// RFC 4180 quoting.
    static func field(_ text: String) -> String {
        // Bytes, not Characters: this runs for every cell of samples.csv.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
