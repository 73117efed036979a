import ArgumentParser
import BenchsiteKit
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check inputs: the format of each file, what it holds, and every problem.",
        discussion: "Runs everything a build with the same options runs, short of writing. " + ExitStatus.documentation
    )

    @Argument(help: "Result files and folders (folders are read recursively).")
    var inputs: [String]

    @OptionGroup var site: SiteOptions

    func run() throws {
        let diagnostics = DiagnosticBuffer()
        let report: ValidateReport
        do {
            let options = try site.request(inputs: inputs, outputDirectory: "")
                .resolve(currentDirectory: FileManager.default.currentDirectoryPath, diagnostics: diagnostics)
            report = ValidateAction(options).run(diagnostics: diagnostics)
        } catch {
            throw fail(error, diagnostics: diagnostics, quiet: false)
        }
        let all = diagnostics.diagnostics
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in all { byFile[diagnostic.file ?? "", default: []].append(diagnostic) }
        for file in report.files {
            let what =
                file.format.map {
                    "\($0): \(file.runs) run\(file.runs == 1 ? "" : "s"), \(file.series) series, \(file.samples) samples"
                } ?? "not read"
            print("\(file.file): \(what)")
            for diagnostic in byFile.removeValue(forKey: file.file) ?? [] { print("  \(diagnostic)") }
        }
        for (_, diagnostics) in byFile.sorted(by: { $0.key < $1.key }) {
            for diagnostic in diagnostics { print(diagnostic) }
        }
        let errors = all.filter { $0.severity == .error }.count
        print("\(report.files.count) files, \(report.runs) runs, \(errors) errors, \(all.count - errors) warnings")
        if errors > 0 { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}
