import ArgumentParser
import BenchsiteKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read benchmark results and write the site.",
        discussion: ExitStatus.documentation
    )

    @Argument(help: "Result files and folders (folders are read recursively).")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "The folder to write the site into.")
    var out: String = "public"

    @OptionGroup var site: SiteOptions

    @Flag(help: "Fail (exit 1) when any input has an error.")
    var strict = false

    @Flag(
        help:
            "Exit 1 when the latest run regressed (against --baseline, else against its own history), after the site and --markdown are written."
    )
    var failOnRegression = false

    @Flag(
        name: .customLong("no-cache"),
        help:
            "Neither read nor write the build cache (DIR/.benchsite-cache/): for a job that builds into a fresh folder every time."
    )
    var noCache = false

    @Flag(help: "Print the input formats benchsite reads and exit.")
    var listFormats = false

    @Flag(name: .shortAndLong, help: "Print only errors (no warnings, progress or summary).")
    var quiet = false

    @Option(name: .customLong("progress-interval"), help: .hidden)
    var progressInterval: Double = 5

    func validate() throws {
        if listFormats { return }
        if inputs.isEmpty {
            throw ValidationError(
                "Name at least one result file or folder, e.g. benchsite build results/ --out public/")
        }
    }

    func run() throws {
        if listFormats {
            for name in Ingest.formatNames { print(name) }
            return
        }
        let diagnostics = DiagnosticBuffer()
        let started = Date()
        let progress = quiet ? nil : ProgressDisplay(interval: progressInterval)
        let report: BuildReport
        do {
            var options = try site.request(inputs: inputs, outputDirectory: out)
                .resolve(currentDirectory: FileManager.default.currentDirectoryPath, diagnostics: diagnostics)
            options.progress = progress?.observer
            options.usesCache = !noCache
            options.leavesMemoryToExit = true
            report = try BuildAction(options).run(diagnostics: diagnostics)
        } catch {
            progress?.finish()
            throw fail(error, diagnostics: diagnostics, quiet: quiet)
        }
        progress?.finish()
        printDiagnostics(diagnostics.diagnostics, quiet: quiet)
        if !quiet {
            let write = report.write
            let seconds = NumberFormatting.fixed(Date().timeIntervalSince(started), 2)
            let switched =
                write.written + write.removed > 0
                ? ", switched in \(NumberFormatting.fixed(write.switchSeconds * 1000, 1)) ms" : ""
            if report.upToDate {
                print(
                    "benchsite: \(report.runs) runs, \(report.series) series, \(report.pages) pages -> \(out) (up to date: no input, option or template changed since the last build) in \(seconds) s"
                )
            } else {
                if let note = report.cacheNote { print("benchsite: note: \(note)") }
                let cached = report.filesFromCache > 0 ? "; \(report.filesFromCache) inputs from the build cache" : ""
                print(
                    "benchsite: \(report.runs) runs, \(report.series) series, \(report.pages) pages -> \(out) (\(write.written) written, \(write.unchanged) unchanged, \(write.removed) removed\(switched)\(cached)) in \(seconds) s"
                )
            }
        }
        if failOnRegression && !report.regressions.isEmpty {
            for regression in report.regressions { printError("benchsite: regression: \(regression)") }
            let count = report.regressions.count
            printError(
                "benchsite: the latest run has \(count) regression\(count == 1 ? "" : "s") and --fail-on-regression was given"
            )
            throw ExitCode(ExitStatus.findings.rawValue)
        }
        if strict && diagnostics.hasErrors {
            printError("benchsite: inputs had errors and --strict was given")
            throw ExitCode(ExitStatus.findings.rawValue)
        }
    }
}
