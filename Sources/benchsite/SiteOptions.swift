import ArgumentParser
import BenchsiteKit
import Foundation

/// The options that say what site to build: one group shared by `build`, `validate` and `serve`,
/// so `serve --watch` builds exactly what `build` builds. Precedence (command line over settings
/// file over defaults) is library code: `BuildRequest.resolve`.
struct SiteOptions: ParsableArguments {
    @Option(help: "The site's title (default: the settings file's, else \"Benchmarks\").")
    var title: String?

    @Option(help: "A settings file (default: benchsite.yml in the current folder, when there is one).")
    var config: String?

    @Option(help: "A folder whose files replace the default templates of the same name.")
    var templates: String?

    @Option(help: "Read every input as this format instead of detecting it (see build --list-formats).")
    var format: String?

    @Option(help: "The date (YYYY-MM-DD or ISO 8601) of runs whose file and file name carry none.")
    var date: String?

    @Option(help: "A run id or label: compare the latest run with it (a compare page and the overview's verdicts).")
    var baseline: String?

    @Option(
        name: .customLong("single-file"),
        help: "Also write the overview and the latest run as one self-contained HTML file.")
    var singleFile: String?

    @Option(help: "Also write a GitHub-flavored Markdown report (for job summaries and pull requests).")
    var markdown: String?

    @Option(name: .customLong("base-url"), help: "Where the site is published (absolute links in feed.xml).")
    var baseURL: String?

    @Option(
        name: .customLong("keep-runs"),
        help: "Keep only the latest N runs in the site and its published history (data/runs).")
    var keepRuns: Int?

    @Flag(
        help:
            "Replace files in the output folder that benchsite did not write (otherwise the build stops and names them)."
    )
    var force = false

    @Flag(
        name: .customLong("allow-shrink"),
        help:
            "Publish even when the site in the output folder has more runs than this build (refused otherwise: a failed history fetch looks like that)."
    )
    var allowShrink = false

    func request(inputs: [String], outputDirectory: String) -> BuildRequest {
        var request = BuildRequest(inputs: inputs, outputDirectory: outputDirectory)
        request.title = title
        request.settingsFile = config
        request.templates = templates
        request.format = format
        request.date = date
        request.baseline = baseline
        request.singleFile = singleFile
        request.markdownReport = markdown
        request.baseURL = baseURL
        request.keepRuns = keepRuns
        request.force = force
        request.allowShrink = allowShrink
        return request
    }

    func validate() throws {
        if let problem = request(inputs: [], outputDirectory: "").usageProblems.first { throw ValidationError(problem) }
    }
}

/// Prints diagnostics the same way in every command: warnings and errors on standard error,
/// compiler style; with `quiet`, errors only.
func printDiagnostics(_ diagnostics: [Diagnostic], quiet: Bool) {
    for diagnostic in diagnostics where !quiet || diagnostic.severity == .error {
        printError(diagnostic.description)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Ends a command that could not do its work: its diagnostics, then the error once.
func fail(_ error: Error, diagnostics: DiagnosticBuffer, quiet: Bool) -> ExitCode {
    printDiagnostics(diagnostics.diagnostics, quiet: quiet)
    printError("benchsite: error: \(error)")
    return ExitCode((error as? ActionError)?.exitStatus.rawValue ?? ExitStatus.trouble.rawValue)
}
