import ArgumentParser
import BenchsiteKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented benchsite.yml (and, with --templates, the default templates to edit).",
        discussion: "Existing files are left alone unless --force is given. Exit status: 0 when written, 1 when a file exists."
    )

    @Argument(help: "The folder to write into.")
    var directory: String = "."

    @Flag(help: "Also copy the default templates into <directory>/templates to edit.")
    var templates = false

    @Flag(help: "Overwrite files that exist.")
    var force = false

    func run() throws {
        let fm = FileManager.default
        let folder = URL(fileURLWithPath: directory)
        var files: [(path: URL, text: String)] = [
            (folder.appendingPathComponent(SiteConfig.defaultFileName), InitialSettings.text(templatesFolder: templates ? "templates" : nil))
        ]
        if templates {
            for (name, text) in Theme.defaultFiles.sorted(by: { $0.key < $1.key }) {
                files.append((folder.appendingPathComponent("templates").appendingPathComponent(name), text))
            }
        }
        let existing = files.filter { fm.fileExists(atPath: $0.path.path) }
        if !force && !existing.isEmpty {
            for file in existing { printError("benchsite: error: \(file.path.relativePath) exists (--force overwrites it)") }
            printError("benchsite: error: nothing was written")
            throw ExitCode(1)
        }
        do {
            for file in files {
                try fm.createDirectory(at: file.path.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: file.path, options: .atomic)
                print("wrote \(file.path.relativePath)")
            }
        } catch {
            printError("benchsite: error: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print("Edit benchsite.yml, then run: benchsite build RESULTS... --out public/")
    }
}
