/// The columns that say which run a CSV row belongs to, for grouping in a notebook: the commit,
/// branch and label it ran at and the machine it ran on. Every run-level export ends with them;
/// the samples pieces (`data/samples/*.csv.gz`) join `data/runs.csv` (`RunsCSV`) on `run_id` instead
/// (repeating them on every sample would make the largest export larger still).
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
