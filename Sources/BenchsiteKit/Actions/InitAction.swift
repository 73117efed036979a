import Foundation

/// `benchsite init`: a commented `benchsite.yml` and, when asked, the default templates to edit.
/// Files that exist are left alone unless `force`.
public struct InitAction: Sendable {
    public var directory: String
    public var templates: Bool
    public var force: Bool

    public init(directory: String, templates: Bool, force: Bool) {
        self.directory = directory
        self.templates = templates
        self.force = force
    }

    /// The files it writes, by path, in the order written.
    public var files: [(path: String, text: String)] {
        let folder = URL(fileURLWithPath: directory)
        var files = [
            (
                folder.appendingPathComponent(SiteSettings.defaultFileName).relativePath,
                InitialSettings.text(templatesFolder: templates ? "templates" : nil)
            )
        ]
        if templates {
            for (name, text) in Theme.defaultFiles.sorted(by: { $0.key < $1.key }) {
                files.append(
                    (folder.appendingPathComponent("templates").appendingPathComponent(name).relativePath, text))
            }
        }
        return files
    }

    /// Writes the files and returns their paths; nothing is written when one exists (without `force`).
    public func run(diagnostics: DiagnosticCollector) throws -> [String] {
        let fm = FileManager.default
        let files = self.files
        let existing = files.map(\.path).filter { fm.fileExists(atPath: $0) }
        if !force && !existing.isEmpty {
            for path in existing { diagnostics.emit(Diagnostic(.error, "\(path) exists (--force overwrites it)")) }
            throw ActionError.filesExist(existing)
        }
        for file in files {
            let url = URL(fileURLWithPath: file.path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .atomic)
            } catch {
                throw ActionError.io(path: file.path, message: "cannot write: \(error.localizedDescription)")
            }
        }
        return files.map(\.path)
    }
}
