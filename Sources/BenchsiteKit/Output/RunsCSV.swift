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
