import ArgumentParser
import BenchsiteKit
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check inputs: the format of each file, what it holds, and every problem.",
        discussion: "Exit status: 0 when every file was read without error, 1 when any file had an error, 2 on usage errors."
    )

    @Argument(help: "Result files and folders (folders are read recursively).")
    var inputs: [String]

    @Option(help: "Read every input as this format instead of detecting it.")
    var format: String?

    @Option(help: "The date of runs whose file and file name carry none.")
    var date: String?

    func validate() throws {
        if let format, !Ingest.formatNames.contains(format) {
            throw ValidationError("Unknown format \"\(format)\". Formats: \(Ingest.formatNames.joined(separator: ", ")).")
        }
        if let date, Timestamp(iso8601: date) == nil {
            throw ValidationError("--date expects a date like 2026-10-01, not \"\(date)\".")
        }
    }

    func run() throws {
        var options = BuildOptions(
            inputs: inputs, outputDirectory: "",
            ingest: IngestOptions(
                forcedFormat: format, fallbackDate: date.flatMap(Timestamp.init(iso8601:)),
                displayBase: FileManager.default.currentDirectoryPath))
        options.parallel = true
        let result = Ingest.read(paths: inputs, options: options.ingest)
        // Everything a build does short of writing: what would break the build is reported here.
        var diagnostics = result.diagnostics
        if !result.runs.isEmpty {
            do {
                diagnostics = try SiteBuilder.generate(from: result, options).report.diagnostics
            } catch let failure as BuildFailure {
                diagnostics = failure.diagnostics + [Diagnostic(.error, "the site could not be built: \(failure.message)")]
            }
        }
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics { byFile[diagnostic.file ?? "", default: []].append(diagnostic) }
        for report in result.files {
            let what = report.format.map {
                "\($0): \(report.runs) run\(report.runs == 1 ? "" : "s"), \(report.series) series, \(report.samples) samples"
            } ?? "not read"
            print("\(report.file): \(what)")
            for diagnostic in byFile.removeValue(forKey: report.file) ?? [] { print("  \(diagnostic)") }
        }
        for (_, diagnostics) in byFile.sorted(by: { $0.key < $1.key }) {
            for diagnostic in diagnostics { print(diagnostic) }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        print("\(result.files.count) files, \(result.runs.count) runs, \(errors) errors, \(warnings) warnings")
        if errors > 0 { throw ExitCode(1) }
    }
}
