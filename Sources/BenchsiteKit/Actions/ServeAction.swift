import Foundation

/// `benchsite serve`: finishes an interrupted publish, serves the folder on loopback and, with
/// `watch`, rebuilds it in a child `benchsite build` whenever the inputs, templates or settings
/// change. Whatever an input does to that child, this process keeps serving the last good site.
public struct ServeAction: Sendable {
    public var directory: String
    public var port: UInt16
    /// The build `--watch` repeats; nil serves the folder as it is.
    public var watch: BuildRequest?
    /// The `benchsite` executable that runs the child builds.
    public var executable: URL

    /// What the command line is told as serving goes on.
    public enum Event: Sendable {
        case recovered
        case serving(root: String, port: UInt16)
        case rebuildFailed(status: Int32)
        case rebuildCrashed(signal: Int32)
        case rebuildNotStarted(String)
    }

    public init(directory: String, port: UInt16, watch: BuildRequest?, executable: URL) {
        self.directory = directory
        self.port = port
        self.watch = watch
        self.executable = executable
    }

    /// Every file whose change triggers a rebuild.
    public var watchedPaths: [String] {
        guard let watch else { return [] }
        return watch.inputs + (watch.templates.map { [$0] } ?? []) + [
            watch.settingsFile ?? SiteSettings.defaultFileName
        ]
    }

    /// Serves until the process is stopped; throws only when it cannot start.
    public func run(events: @escaping @Sendable (Event) -> Void) throws -> Never {
        // Finish (or undo) a build that was killed while it published, before serving anything.
        do {
            if try SiteWriter(outputDirectory: directory).recover() != .nothing { events(.recovered) }
        } catch let error as SiteWriter.WriteError {
            throw ActionError.write(error)
        }
        if watch != nil { rebuild(events) }
        let server = try PreviewServer(root: directory)
        try server.start(port: port)
        events(.serving(root: server.root.path, port: server.port))
        var signature = watch == nil ? "" : Self.signature(of: watchedPaths)
        while true {
            Thread.sleep(forTimeInterval: 1)
            guard watch != nil else { continue }
            let now = Self.signature(of: watchedPaths)
            if now != signature {
                signature = now
                rebuild(events)
            }
        }
    }

    /// One rebuild in a child process, with exactly the arguments `benchsite build` would get.
    func rebuild(_ events: @Sendable (Event) -> Void) {
        guard var request = watch else { return }
        request.outputDirectory = directory
        let process = Process()
        process.executableURL = executable
        process.arguments = request.buildArguments + ["--progress-interval", "1000000"]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            events(.rebuildNotStarted("\(error)"))
            return
        }
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0): break
        case (.exit, let status): events(.rebuildFailed(status: status))
        case (_, let signal):
            events(.rebuildCrashed(signal: signal))
            // Remove what the killed build staged (or finish it, if it reached the switch).
            _ = try? SiteWriter(outputDirectory: directory).recover()
        }
    }

    /// Paths, sizes and modification times of every file under the watched paths.
    static func signature(of paths: [String]) -> String {
        var entries: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files =
                isDirectory.boolValue
                ? (fm.enumerator(atPath: path)?.compactMap { $0 as? String }.map { path + "/" + $0 } ?? []) : [path]
            for file in files {
                guard let attributes = try? fm.attributesOfItem(atPath: file) else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                entries.append("\(file)|\(attributes[.size] ?? 0)|\(modified)")
            }
        }
        return entries.sorted().joined(separator: "\n")
    }
}
