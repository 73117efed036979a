/// How every `benchsite` command ends, in the convention of `diff` and `cmp`:
///
/// - 0 `success`: the command did its work and found nothing it was asked to report;
/// - 1 `findings`: it did its work and found what it was asked to watch for: a regression with
///   `--fail-on-regression`, input errors with `--strict` or in `validate`;
/// - 2 `trouble`: it could not do its work: a usage error, a settings file with errors, no valid
///   run, an unknown baseline, templates with errors, a write that failed, files in the way.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case findings = 1
    case trouble = 2

    /// The sentence `--help` and the README show.
    public static let documentation =
        "Exit status: 0 done; 1 done, and found what you asked to fail on (a regression with --fail-on-regression, input errors with --strict or in validate); 2 could not do it (usage errors, bad settings, no valid run, a failed write)."
}
