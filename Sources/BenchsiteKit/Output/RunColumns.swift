/// The columns that say which run a CSV row belongs to, for grouping in a notebook: the commit,
/// branch and label it ran at and the machine it ran on. Every run-level export ends with them;
/// `data/samples.csv` joins `data/runs.csv` on `run_id` instead (repeating them on every sample
/// would make the largest export larger still).
enum RunColumns {
    static let header = "commit,branch,label,host,cpu,gpu"

    static func fields(_ run: Run) -> [String] {
        [
            run.versionControl?.commit ?? "", run.versionControl?.branch ?? "", run.label ?? "",
            run.environment.host ?? "",
            run.environment.cpu ?? "", run.environment.gpu ?? "",
        ]
    }
}

/// `data/runs.csv`: one row per run, with where and on what it ran.
public enum RunsCSV {
    public static let header = "run_id,timestamp,\(RunColumns.header),dirty,os,accelerator,format,file"

    public static func make(_ history: History) -> String {
        var out = header + "\n"
        for run in history.runs {
            let fields =
                [run.id, run.timestamp?.iso8601 ?? ""] + RunColumns.fields(run) + [
                    run.versionControl?.dirty.map { $0 ? "true" : "false" } ?? "", run.environment.os ?? "",
                    run.environment.accelerator ?? "", run.source.format, run.source.file,
                ]
            out += fields.map(SummaryCSV.field).joined(separator: ",") + "\n"
        }
        return out
    }
}
