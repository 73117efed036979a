import Foundation

/// The Output stage: writes the site's files into the output folder.
///
/// - A file is rewritten only when its bytes change, through a temporary file and a rename, so a
///   reader never sees half a file.
/// - Files benchsite did not write are never touched. Files it wrote in an earlier build and no
///   longer produces (listed in `.benchsite-manifest`) are removed.
public struct SiteWriter {
    public static let manifestName = ".benchsite-manifest"

    public struct Summary: Sendable {
        public var written: Int
        public var unchanged: Int
        public var removed: Int
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): error: \(message)" }
    }

    let outputDirectory: URL

    public init(outputDirectory: String) {
        self.outputDirectory = URL(fileURLWithPath: outputDirectory, isDirectory: true)
    }

    /// - Parameter files: contents by relative path (`runs/x.html`); paths are checked to stay inside the folder.
    public func write(_ files: [String: [UInt8]], progress: ProgressObserver? = nil) throws -> Summary {
        let counter = ProgressCounter(.writing, total: files.values.reduce(0) { $0 + $1.count }, observer: progress)
        let fm = FileManager.default
        for path in files.keys {
            guard Self.isSafe(path) else { throw WriteError(path: path, message: "refusing to write outside the output folder") }
        }
        do {
            try fm.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: outputDirectory.path, message: "cannot create the output folder: \(error.localizedDescription)")
        }
        let previous = readManifest()
        var summary = Summary(written: 0, unchanged: 0, removed: 0)
        for path in files.keys.sorted() {
            defer { counter.advance(by: files[path]!.count) }
            let url = outputDirectory.appendingPathComponent(path)
            let bytes = files[path]!
            if let existing = fm.contents(atPath: url.path), existing.elementsEqual(bytes) {
                summary.unchanged += 1
                continue
            }
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw WriteError(path: url.path, message: "cannot write: \(error.localizedDescription)")
            }
            summary.written += 1
        }
        for stale in previous.subtracting(files.keys).sorted() where Self.isSafe(stale) {
            let url = outputDirectory.appendingPathComponent(stale)
            if (try? fm.removeItem(at: url)) != nil { summary.removed += 1 }
        }
        let manifest = files.keys.sorted().joined(separator: "\n") + "\n"
        let manifestURL = outputDirectory.appendingPathComponent(Self.manifestName)
        if fm.contents(atPath: manifestURL.path).map({ String(decoding: $0, as: UTF8.self) }) != manifest {
            try? Data(manifest.utf8).write(to: manifestURL, options: .atomic)
        }
        return summary
    }

    private func readManifest() -> Set<String> {
        let url = outputDirectory.appendingPathComponent(Self.manifestName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// Relative, no `..`, no absolute paths, no hidden names.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
    }
}
