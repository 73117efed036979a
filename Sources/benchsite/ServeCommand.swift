import ArgumentParser
import BenchsiteKit
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview a site on http://127.0.0.1 (never reachable from other machines).",
        discussion: "With --watch, the site is rebuilt from those inputs whenever they or the templates change."
    )

    @Argument(help: "The site folder to serve.")
    var directory: String = "public"

    @Option(help: "The port (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(parsing: .upToNextOption, help: "Result files and folders to rebuild the site from when they change.")
    var watch: [String] = []

    @Option(help: "Templates folder to watch and build with.")
    var templates: String?

    @Option(help: "The site's title when rebuilding (default: the settings file's, else \"Benchmarks\").")
    var title: String?

    @Option(help: "A settings file to build with and watch (default: benchsite.yml in the current folder, when there is one).")
    var config: String?

    /// Everything whose change triggers a rebuild.
    private var watched: [String] {
        watch + (templates.map { [$0] } ?? []) + [config ?? SiteConfig.defaultFileName]
    }

    func run() throws {
        // Ctrl-C and SIGTERM stop the server even when the parent process had them blocked.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        // Finish (or undo) a build that was killed while it published, before serving anything.
        do {
            if try SiteWriter(outputDirectory: directory).recover() != .nothing {
                print("benchsite: finished an interrupted publish in \(directory)")
            }
        } catch {
            printError("benchsite: error: \(error)")
            throw ExitCode(1)
        }
        if !watch.isEmpty { rebuild() }
        let server: PreviewServer
        do {
            server = try PreviewServer(root: directory)
            try server.start(port: port)
        } catch {
            printError("benchsite: error: \(error)")
            throw ExitCode(1)
        }
        print("benchsite: serving \(server.root.path) on http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
        fflush(nil)
        var signature = watch.isEmpty ? "" : Self.signature(of: watched)
        while true {
            Thread.sleep(forTimeInterval: 1)
            guard !watch.isEmpty else { continue }
            let now = Self.signature(of: watched)
            if now != signature {
                signature = now
                rebuild()
            }
        }
    }

    /// Rebuilds in a child `benchsite build`: whatever an input does to that process, this one keeps
    /// serving the last good site (a failed or killed build publishes nothing).
    private func rebuild() {
        var arguments = ["build"] + watch + ["--out", directory, "--progress-interval", "1000000"]
        if let templates { arguments += ["--templates", templates] }
        if let title { arguments += ["--title", title] }
        if let config { arguments += ["--config", config] }
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            printError("benchsite: rebuild failed, the previous site is kept: cannot start benchsite build: \(error)")
            return
        }
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0): break
        case (.exit, let status): printError("benchsite: rebuild failed (exit \(status)), the previous site is kept")
        case (_, let signal):
            printError("benchsite: rebuild crashed (signal \(signal)), the previous site is kept; please report the input that did this")
            // Remove what the killed build staged (it never reached the switch, or finish it if it did).
            _ = try? SiteWriter(outputDirectory: directory).recover()
        }
        fflush(nil)
    }

    /// Paths, sizes and modification times of every file under the watched paths.
    static func signature(of paths: [String]) -> String {
        var entries: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue ? (fm.enumerator(atPath: path)?.compactMap { $0 as? String }.map { path + "/" + $0 } ?? []) : [path]
            for file in files {
                guard let attributes = try? fm.attributesOfItem(atPath: file) else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                entries.append("\(file)|\(attributes[.size] ?? 0)|\(modified)")
            }
        }
        return entries.sorted().joined(separator: "\n")
    }
}
