import ArgumentParser
import BenchsiteKit
import Foundation

@main
struct Benchsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchsite",
        abstract: "Turn benchmark JSON into a static website that compares models over time.",
        version: "0.1.0",
        subcommands: [
            BuildCommand.self, CompareCommand.self, ServeCommand.self, ValidateCommand.self, InitCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    /// Usage errors exit with status 2 (argument-parser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
