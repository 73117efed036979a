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
        if let first = CommandLine.arguments.dropFirst().first, let suggestion = suggestion(for: first) {
            printError(
                "benchsite: error: \"\(first)\" is neither a command nor a file or folder; did you mean `benchsite \(suggestion)`?"
            )
            Foundation.exit(ExitStatus.trouble.rawValue)
        }
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

    /// A mistyped command (`buidl`) would be read as an input of the default `build`: when the first
    /// argument is no command and no existing path but close to a command name, say which.
    static func suggestion(for argument: String) -> String? {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !argument.hasPrefix("-"), !names.contains(argument), argument != InputDiscovery.standardInput,
            !FileManager.default.fileExists(atPath: argument)
        else { return nil }
        let closest = names.min { editDistance(argument, $0) < editDistance(argument, $1) }
        return closest.flatMap { editDistance(argument, $0) <= 2 ? $0 : nil }
    }
}
