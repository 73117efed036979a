import ArgumentParser
import BenchsiteKit
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a contender with a baseline, series by series, with verdicts.",
        discussion: """
            Each side is a file, a folder, or a run id or label found in the inputs given with --history; \
            with --history, @latest is its latest run and the baseline @previous is the previous comparable \
            run (the latest earlier run that measured a series of the contender): \
            benchsite compare @previous tonight.json --history published/ --fail-on-regression.
            Per series and metric: the medians, the relative change with a 95% bootstrap interval, the \
            two-sided Mann-Whitney U p-value, the p-value adjusted for the number of comparisons \
            (Benjamini-Hochberg) and a verdict. Series with only reported aggregates are judged by the \
            minimum effect alone. When GITHUB_STEP_SUMMARY is set, the Markdown report is appended to it.
            """ + ExitStatus.documentation
    )

    @Argument(help: "The baseline: a file, a folder, or a run id or label in --history.")
    var baseline: String

    @Argument(help: "The contender: a file, a folder, or a run id or label in --history.")
    var contender: String

    @Option(name: .long, help: "Result files and folders in which to look up run ids and labels.")
    var history: [String] = []

    @Option(help: "Output: text, markdown or json.")
    var format: String = "text"

    @Option(
        help: "Significance level after the Benjamini-Hochberg adjustment (default: the settings file's, else 0.005).")
    var alpha: Double?

    @Option(
        name: .customLong("min-effect"),
        help:
            "Smallest relative change of the median that counts, e.g. 0.05 for 5% (default: the settings file's, else 0.05)."
    )
    var minEffect: Double?

    @Option(
        help:
            "A settings file for the verdicts and thresholds (default: benchsite.yml in the current folder, when there is one)."
    )
    var config: String?

    @Flag(help: "Exit with status 1 when any series regressed.")
    var failOnRegression = false

    @Flag(name: .shortAndLong, help: "Print only errors on standard error (no warnings).")
    var quiet = false

    func validate() throws {
        guard ComparisonReport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be text, markdown or json, not \"\(format)\".")
        }
        if let alpha, !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be between 0 and 1.") }
        if let minEffect, !(minEffect >= 0) { throw ValidationError("--min-effect must not be negative.") }
    }

    func run() throws {
        let diagnostics = DiagnosticBuffer()
        var settings = ComparisonSettings()
        let outcome: CompareOutcome
        do {
            settings =
                try SiteSettings.find(config, diagnostics: diagnostics)?.settings.comparisonSettings() ?? settings
            if let alpha { settings.alpha = alpha }
            if let minEffect { settings.minimumEffect = minEffect }
            let options = CompareOptions(
                baseline: baseline, contender: contender, history: history, settings: settings,
                ingest: IngestOptions(displayBase: FileManager.default.currentDirectoryPath))
            outcome = try CompareAction(options).run(diagnostics: diagnostics)
        } catch {
            throw fail(error, diagnostics: diagnostics, quiet: quiet)
        }
        printDiagnostics(diagnostics.diagnostics, quiet: quiet)
        let environment = ProcessInfo.processInfo.environment
        let color = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil
        let format = ComparisonReport.Format(rawValue: format) ?? .text
        print(ComparisonReport.render(outcome, format: format, settings: settings, color: color), terminator: "")
        if let summaryPath = environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            let markdown = ComparisonReport.render(outcome, format: .markdown, settings: settings) + "\n"
            if let handle = FileHandle(forWritingAtPath: summaryPath) {
                handle.seekToEndOfFile()
                handle.write(Data(markdown.utf8))
                handle.closeFile()
            } else if !FileManager.default.createFile(atPath: summaryPath, contents: Data(markdown.utf8)) {
                printError("benchsite: warning: cannot write the job summary to \(summaryPath)")
            }
        }
        if failOnRegression && outcome.regressions > 0 { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}
