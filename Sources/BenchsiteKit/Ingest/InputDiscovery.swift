import Foundation

/// Expands the inputs a user named (files and folders) into the files to read, in a fixed order.
public enum InputDiscovery {
    /// Extensions read when walking a folder. Files named explicitly are read whatever their extension.
    public static let folderExtensions: Set<String> = ["json", "jsonl", "ndjson", "txt", "log", "out"]

    public struct Found: Sendable {
        public var files: [String]
        public var diagnostics: [Diagnostic]
    }

    public static func expand(_ inputs: [String]) -> Found {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let fm = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: input, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.error, "no such file or folder", file: input))
                continue
            }
            if !isDirectory.boolValue {
                files.append(input)
                continue
            }
            let found = walk(input)
            if found.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "the folder holds no input files; expected .json, .jsonl or captured output (.txt, .log) files",
                        file: input))
            }
            files += found
        }
        // The same file named twice (directly and through its folder) is read once.
        var seen = Set<String>()
        var unique: [String] = []
        for file in files.sorted() where seen.insert(normalize(file)).inserted {
            unique.append(file)
        }
        return Found(files: unique, diagnostics: diagnostics)
    }

    private static func normalize(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Files under a folder, recursively, skipping hidden entries; symbolic links to folders are not followed.
    private static func walk(_ folder: String) -> [String] {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        var out: [String] = []
        for name in entries.sorted() where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let attributes = try? fm.attributesOfItem(atPath: path) else { continue }
            let type = attributes[.type] as? FileAttributeType
            if type == .typeDirectory {
                out += walk(path)
            } else if type == .typeRegular || type == .typeSymbolicLink {
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let ext = (name as NSString).pathExtension.lowercased()
                if folderExtensions.contains(ext) { out.append(path) }
            }
        }
        return out
    }
}
