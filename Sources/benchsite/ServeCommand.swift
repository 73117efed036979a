import ArgumentParser
import BenchsiteKit
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview a site on http://127.0.0.1 (never reachable from other machines).",
        discussion: """
            With --watch, the site is rebuilt from those inputs, with the same options build takes, whenever \
            they, the templates or the settings file change.
            """ + " " + ExitStatus.documentation
    )

    @Argument(help: "The site folder to serve.")
    var directory: String = "public"

    @Option(help: "The port (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(parsing: .upToNextOption, help: "Result files and folders to rebuild the site from when they change.")
    var watch: [String] = []

    @OptionGroup(title: "Build options (with --watch)") var site: SiteOptions

    func run() throws {
        // Ctrl-C and SIGTERM stop the server even when the parent process had them blocked.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        let action = ServeAction(
            directory: directory, port: port,
            watch: watch.isEmpty ? nil : site.request(inputs: watch, outputDirectory: directory),
            executable: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
        do {
            try action.run { event in
                switch event {
                case .recovered: print("benchsite: finished an interrupted publish in \(directory)")
                case .serving(let root, let port):
                    print("benchsite: serving \(root) on http://127.0.0.1:\(port)/ (Ctrl-C stops)")
                case .rebuildFailed(let status):
                    printError("benchsite: rebuild failed (exit \(status)), the previous site is kept")
                case .rebuildCrashed(let signal):
                    printError(
                        "benchsite: rebuild crashed (signal \(signal)), the previous site is kept; please report the input that did this"
                    )
                case .rebuildNotStarted(let why):
                    printError(
                        "benchsite: rebuild failed, the previous site is kept: cannot start benchsite build: \(why)")
                }
                fflush(nil)
            }
        } catch {
            throw fail(error, diagnostics: DiagnosticBuffer(), quiet: false)
        }
    }
}
