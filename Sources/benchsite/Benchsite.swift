import ArgumentParser
import BenchsiteKit

@main
struct Benchsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchsite",
        abstract: "Turn benchmark JSON into a static website that compares models over time.",
        version: "0.1.0",
        subcommands: [BuildCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
