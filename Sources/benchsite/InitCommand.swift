import ArgumentParser
import BenchsiteKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented benchsite.yml (and, with --templates, the default templates to edit).",
        discussion: "Existing files are left alone unless --force is given. " + ExitStatus.documentation
    )

    @Argument(help: "The folder to write into.")
    var directory: String = "."

    @Flag(help: "Also copy the default templates into <directory>/templates to edit.")
    var templates = false

    @Flag(help: "Overwrite files that exist.")
    var force = false

    func run() throws {
        let diagnostics = DiagnosticBuffer()
        do {
            for path in try InitAction(directory: directory, templates: templates, force: force).run(
                diagnostics: diagnostics)
            {
                print("wrote \(path)")
            }
        } catch {
            throw fail(error, diagnostics: diagnostics, quiet: false)
        }
        print("Edit benchsite.yml, then run: benchsite build RESULTS... --out public/")
    }
}
