import ArgumentParser
import BenchsiteKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read benchmark results and write the site.",
        discussion: """
            Exit status: 0 when the site was built (warnings are printed), 1 when no valid run was \
            found or, with --strict, when any input had an error; 2 on usage errors.
            """
    )

    @Argument(help: "Result files and folders (folders are read recursively).")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "The folder to write the site into.")
    var out: String = "public"

    @Option(help: "The site's title (default: the settings file's, else \"Benchmarks\").")
    var title: String?

    @Option(help: "A settings file (default: benchsite.yml in the current folder, when there is one).")
    var config: String?

    @Option(help: "A folder whose files replace the default templates of the same name.")
    var templates: String?

    @Option(help: "Read every input as this format instead of detecting it (see --list-formats).")
    var format: String?

    @Option(help: "The date (YYYY-MM-DD or ISO 8601) of runs whose file and file name carry none.")
    var date: String?

    @Option(help: "A run id or label: compare the latest run with it (a compare page and the overview's verdicts).")
    var baseline: String?

    @Option(name: .customLong("single-file"), help: "Also write the overview and the latest run as one self-contained HTML file.")
    var singleFile: String?

    @Option(help: "Also write a GitHub-flavored Markdown report (for job summaries and pull requests).")
    var markdown: String?

    @Option(name: .customLong("base-url"), help: "Where the site is published (absolute links in feed.xml).")
    var baseURL: String?

    @Option(name: .customLong("keep-runs"), help: "Keep only the latest N runs in the site and its data/history.json.")
    var keepRuns: Int?

    @Flag(help: "Replace files in the output folder that benchsite did not write (otherwise the build stops and names them).")
    var force = false

    @Flag(help: "Fail (exit 1) when any input has an error.")
    var strict = false

    @Flag(help: "Print the input formats benchsite reads and exit.")
    var listFormats = false

    @Flag(name: .shortAndLong, help: "Print only errors (no warnings, progress or summary).")
    var quiet = false

    @Option(name: .customLong("progress-interval"), help: .hidden)
    var progressInterval: Double = 5

    func validate() throws {
        if listFormats { return }
        if inputs.isEmpty { throw ValidationError("Name at least one result file or folder, e.g. benchsite build results/ --out public/") }
        if let format, !Ingest.formatNames.contains(format) {
            throw ValidationError("Unknown format \"\(format)\". Formats: \(Ingest.formatNames.joined(separator: ", ")).")
        }
        if let date, Timestamp(iso8601: date) == nil {
            throw ValidationError("--date expects a date like 2026-10-01 or 2026-10-01T02:00:00Z, not \"\(date)\".")
        }
        if let keepRuns, keepRuns < 1 { throw ValidationError("--keep-runs must be at least 1.") }
        if let baseURL, !SiteConfig.isValidBaseURL(baseURL) {
            throw ValidationError("--base-url must be an http(s) URL like https://example.com/bench/ or a path like /bench/, not \"\(baseURL)\".")
        }
    }

    func run() throws {
        if listFormats {
            for name in Ingest.formatNames { print(name) }
            return
        }
        let settings = try SettingsFile.load(config)
        var options = BuildOptions(
            inputs: inputs, outputDirectory: out, siteTitle: title ?? "Benchmarks", templatesDirectory: templates,
            ingest: IngestOptions(
                forcedFormat: format, fallbackDate: date.flatMap(Timestamp.init(iso8601:)),
                displayBase: FileManager.default.currentDirectoryPath))
        options.baseline = baseline
        options.keepRuns = keepRuns
        options.baseURL = baseURL
        options.singleFile = singleFile
        options.markdownReport = markdown
        options.force = force
        settings?.apply(to: &options, titleGiven: title != nil)
        let started = Date()
        let progress = quiet ? nil : ProgressDisplay(interval: progressInterval)
        options.progress = progress?.observer
        do {
            let report = try SiteBuilder.build(options)
            progress?.finish()
            printDiagnostics(report.diagnostics)
            if !quiet, let write = report.write {
                let seconds = NumberFormatting.fixed(Date().timeIntervalSince(started), 2)
                let switched = write.written + write.removed > 0 ? ", switched in \(NumberFormatting.fixed(write.switchSeconds * 1000, 1)) ms" : ""
                print(
                    "benchsite: \(report.runs) runs, \(report.series) series, \(report.pages) pages -> \(out) (\(write.written) written, \(write.unchanged) unchanged, \(write.removed) removed\(switched)) in \(seconds) s"
                )
            }
            if strict && report.hasErrors {
                printError("benchsite: inputs had errors and --strict was given")
                throw ExitCode(1)
            }
        } catch let failure as BuildFailure {
            progress?.finish()
            printDiagnostics(failure.diagnostics)
            printError("benchsite: error: \(failure.message)")
            throw ExitCode(1)
        }
    }

    private func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error {
            printError(diagnostic.description)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
