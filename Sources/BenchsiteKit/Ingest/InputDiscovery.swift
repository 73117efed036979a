import Foundation

/// Expands the inputs a user named (files and folders) into the files to read, in a fixed order.
public enum InputDiscovery {
    /// Extensions read when walking a folder. Files named explicitly are read whatever their extension.
    public static let folderExtensions: Set<String> = ["json", "jsonl", "ndjson", "txt", "log", "out"]

    /// A file read when walking a folder: one of `folderExtensions`, or gzip-compressed JSON
    /// (`.json.gz`, `.jsonl.gz`: the published history's pieces).
    static func isInputName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".json.gz") || lowered.hasSuffix(".jsonl.gz") || lowered.hasSuffix(".ndjson.gz") {
            return true
        }
        // The extension as NSString's pathExtension gives it, without bridging every name: what follows
        // the last dot, none for a name that starts with its only dot or ends with one.
        guard let dot = lowered.lastIndex(of: "."), dot != lowered.startIndex else { return false }
        return folderExtensions.contains(String(lowered[lowered.index(after: dot)...]))
    }

    public struct Found: Sendable {
        public var files: [String]
        public var diagnostics: [Diagnostic]
        /// Files found by walking a folder rather than named: a log among them that holds no JSON is
        /// skipped with a warning, where a file named on purpose is an error.
        public var walked: Set<String> = []
    }

    /// Hidden folders that benchmark tools write their results into by default, read when a parent
    /// folder is given: pytest-benchmark's `--benchmark-autosave` storage, and asv's `.asv` (of which
    /// only `results` is read: the rest holds virtualenvs and the HTML it publishes). Other hidden
    /// entries, such as `.git`, are skipped.
    public static let hiddenResultFolders: Set<String> = [".benchmarks", ".asv"]

    /// The input name that reads standard input (`benchsite build - < run.json`, `tool | benchsite validate -`).
    public static let standardInput = "-"

    /// Lists a folder; tests replace it to see what happens when a folder cannot be read.
    public typealias FolderLister = @Sendable (String) throws -> [String]

    /// A folder's entries with readdir(3), or as Foundation lists them (and reports why it cannot)
    /// when it cannot be opened or holds a name that is not UTF-8: a history of thousands of files is
    /// listed on every build, twice (`BuildStamp`), and Foundation makes an object of every name.
    public static let listFolder: FolderLister = { folder in
        guard let directory = opendir(folder) else {
            return try FileManager.default.contentsOfDirectory(atPath: folder)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(validatingCString: $0) }
            }
            guard let name else { return try FileManager.default.contentsOfDirectory(atPath: folder) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public static func expand(_ inputs: [String], listing: FolderLister = listFolder) -> Found {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var walkedFiles = Set<String>()
        var named = Set<String>()
        let fm = FileManager.default
        for input in inputs {
            if input == standardInput {
                files.append(input)
                named.insert(input)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: input, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.error, "no such file or folder", file: input))
                continue
            }
            if !isDirectory.boolValue {
                files.append(input)
                named.insert(input)
                continue
            }
            var found: [String] = []
            walk(input, into: &found, diagnostics: &diagnostics, listing: listing)
            walkedFiles.formUnion(found)
            if found.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "the folder holds no input files; expected .json, .jsonl or captured output (.txt, .log) files",
                        file: input))
            }
            files += found
        }
        // The same file named twice (directly and through its folder) is read once. One input names
        // each file once (a folder's walk lists a path once): only more inputs are compared.
        var seen = Set<String>()
        var unique: [String] = []
        for file in files.sorted() where inputs.count == 1 || seen.insert(normalize(file)).inserted {
            unique.append(file)
        }
        return Found(files: unique, diagnostics: diagnostics, walked: walkedFiles.subtracting(named))
    }

    private static func normalize(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Files under a folder, recursively, skipping hidden entries (but for `hiddenResultFolders`);
    /// symbolic links to folders are not followed. A folder that cannot be read is reported.
    private static func walk(
        _ folder: String, into out: inout [String], diagnostics: inout [Diagnostic], listing: FolderLister
    ) {
        let fm = FileManager.default
        let entries: [String]
        do {
            entries = try listing(folder)
        } catch {
            diagnostics.append(
                Diagnostic(.warning, "cannot read this folder (\(reason(error))); its files are skipped", file: folder))
            return
        }
        let insideASV = folder.split(separator: "/").last == ".asv"
        for name in entries.sorted() {
            if name.hasPrefix(".") && !hiddenResultFolders.contains(name) { continue }
            if insideASV && name != "results" { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            // lstat(2) (`FileStatus`), not Foundation's attributes (which also list extended attributes
            // and look up the owner's name: a history of thousands of files is walked on every build).
            guard let status = FileStatus(path) else { continue }
            if status.isDirectory {
                walk(path, into: &out, diagnostics: &diagnostics, listing: listing)
            } else if status.isRegular {
                if isInputName(name) { out.append(path) }
            } else if status.isSymbolicLink {
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                if isInputName(name) { out.append(path) }
            }
        }
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, code == Int(EACCES) { return "permission denied" }
        return (error as NSError).localizedDescription
    }
}
