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

    private func rebuild() {
        var options = BuildOptions(
            inputs: watch, outputDirectory: directory, siteTitle: title ?? "Benchmarks", templatesDirectory: templates,
            ingest: IngestOptions(displayBase: FileManager.default.currentDirectoryPath))
        do {
            // Read again on every rebuild, so edits to the settings show up; errors keep the previous site.
            try SettingsFile.load(config)?.apply(to: &options, titleGiven: title != nil)
        } catch {
            printError("benchsite: rebuild skipped, the previous site is kept")
            return
        }
        do {
            let report = try SiteBuilder.build(options)
            for diagnostic in report.diagnostics where diagnostic.severity == .error { printError(diagnostic.description) }
            print("benchsite: rebuilt \(report.pages) pages (\(report.write?.written ?? 0) changed)")
            fflush(nil)
        } catch {
            printError("benchsite: rebuild failed, the previous site is kept: \(error)")
        }
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
