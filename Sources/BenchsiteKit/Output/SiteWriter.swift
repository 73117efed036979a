import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Output stage: publishes the site's files into the output folder, all or nothing.
///
/// **Atomic publish.** New and changed files are first written to `.benchsite-staging/` inside the
/// output folder and flushed to disk; then a journal (`.benchsite-journal`) is committed with one
/// rename; then each staged file is renamed over its page (new pages first, `index.html` last, so
/// no link is ever broken), stale pages are removed, the manifest is replaced, and the journal and
/// the staging folder go. A build killed before the journal is committed leaves the old site
/// untouched (its staging folder is removed by the next command); one killed after is finished by
/// the next command before it does anything else (`recover()`, run by `build` and `serve`). While
/// the renames run (milliseconds; `Summary.switchSeconds`) a reader can see new pages beside the old
/// overview, never a missing page or half a file. A lock file keeps two builds from publishing into
/// one folder at once (an flock on the folder).
///
/// **Never touches what it did not write.** `.benchsite-manifest` lists every file benchsite wrote,
/// with its size and a hash of its bytes. A file in the way that the manifest does not list (or
/// whose bytes changed since) stops the build with an error naming it, unless `force` is set. The
/// manifest is input too: an entry is honoured only if it is a path benchsite itself produces
/// (relative, no `..`, no hidden names) to a regular file. Nothing is written or removed through a
/// symbolic link inside the output folder.
public struct SiteWriter: Sendable {
    public static let manifestName = ".benchsite-manifest"
    public static let stagingName = ".benchsite-staging"
    public static let journalName = ".benchsite-journal"

    public struct Summary: Sendable {
        public var written: Int
        public var unchanged: Int
        public var removed: Int
        /// How long the switch from the old site to the new one took (renames and removals).
        public var switchSeconds: Double = 0
        /// Manifest entries that were not honoured, with the reason (the files were left alone).
        public var ignoredManifestEntries: [String] = []
        /// Each file of the site as published, by path: the hash the manifest records.
        public var hashes: [String: UInt64] = [:]
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): error: \(message)" }
    }

    /// What the next command found of an interrupted publish.
    public enum Recovery: Equatable, Sendable {
        case nothing
        /// Killed before the switch began: the staged files were removed, the old site stands.
        case rolledBack
        /// Killed during the switch: it was finished, the new site stands.
        case rolledForward
    }

    /// The file operations, replaceable in tests to inject faults (a full disk, a failed rename).
    public struct FileOperations: Sendable {
        public var writeFile: @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Void
        public var rename: @Sendable (_ from: String, _ to: String) throws -> Void

        public static let posix = FileOperations(writeFile: SiteWriter.posixWrite, rename: SiteWriter.posixRename)

        public init(
            writeFile: @escaping @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Void,
            rename: @escaping @Sendable (_ from: String, _ to: String) throws -> Void
        ) {
            self.writeFile = writeFile
            self.rename = rename
        }
    }

    let outputDirectory: URL
    /// Take over files in the way that benchsite did not write.
    public var force = false
    public var operations = FileOperations.posix

    public init(outputDirectory: String, force: Bool = false) {
        self.outputDirectory = URL(fileURLWithPath: outputDirectory, isDirectory: true).standardizedFileURL
        self.force = force
    }

    var root: String { outputDirectory.path }
    func absolute(_ relative: String) -> String { root + "/" + relative }

    // MARK: - Publishing

    /// - Parameters:
    ///   - files: contents by relative path (`runs/x.html`).
    ///   - kept: files of the published site that stay as they are (an incremental build did not make
    ///     them again); each must be listed in the manifest and unchanged since.
    public func write(_ files: [String: [UInt8]], keeping kept: Set<String> = []) throws -> Summary {
        for path in files.keys where !Self.isSafe(path) {
            throw WriteError(path: path, message: "refusing to write outside the output folder")
        }
        let publication = try begin()
        do {
            for path in files.keys.sorted() { try publication.add(path, files[path] ?? []) }
            return try publication.finish(keeping: kept)
        } catch {
            publication.cancel()
            throw error
        }
    }

    /// Starts publishing into the output folder: locks it, finishes or undoes an interrupted publish,
    /// reads the manifest and opens the staging folder. Files are then added as they are made (from
    /// any thread: `Publication.add`), and `Publication.finish` switches the new site in; until then
    /// the published site is untouched.
    /// - Parameter known: the manifest as read before (`readManifest`), used when it is still the file.
    public func begin(knowing known: Manifest? = nil) throws -> Publication {
        try prepareFolder()
        let lock = try acquireLock()
        do {
            try recoverLocked()
            return Publication(writer: self, lock: lock, knowing: known)
        } catch {
            close(lock)
            throw error
        }
    }

    /// A publish in progress: what was added so far, staged where it changes the site.
    public final class Publication: @unchecked Sendable {
        let writer: SiteWriter
        private var lock: Int32?
        private let previous: [String: ManifestEntry]
        private let ignored: [String]
        private let manifestModified: Int?
        private let staging: String
        /// The output folder held nothing but hidden entries (benchsite's own, a new folder) when
        /// the publish began: a site file's path (never hidden) cannot be in the way of one, and no
        /// file's folders need checking while the site is staged (the switch checks them).
        private let startedEmpty: Bool
        /// The folders made inside the staged site so far (`startedEmpty`).
        private let stagedFolders = Locked<Set<String>>([])
        private struct Added {
            var hash: UInt64
            var size: Int
            /// The staged file's name, when the file changes the site.
            var staged: String?
            /// Nothing was at its path.
            var isNew: Bool
        }
        private let state = Locked<(files: [String: Added], staged: Int, folder: Bool)>(([:], 0, false))

        fileprivate init(writer: SiteWriter, lock: Int32, knowing known: Manifest?) {
            self.writer = writer
            self.lock = lock
            // Under the lock: the manifest read before is used only while the file is the same one.
            var manifest = known
            let status = FileStatus.regularFile(writer.absolute(SiteWriter.manifestName))
            if manifest?.status == nil || manifest?.status != status {
                manifest = writer.readManifest()
            }
            previous = manifest?.entries ?? [:]
            ignored = manifest?.ignored ?? []
            manifestModified = manifest?.modified
            staging = writer.absolute(SiteWriter.stagingName)
            startedEmpty =
                (try? FileManager.default.contentsOfDirectory(atPath: writer.root))?.allSatisfy {
                    $0.hasPrefix(".")
                } ?? false
        }

        deinit { cancel() }

        /// How many run pages the published site has (`publishedRunPages`), as read under the lock.
        public var publishedRunPages: Int { SiteWriter.runPages(in: previous) }

        /// Adds the file at `path` (relative), staging it unless the published one holds these bytes.
        public func add(_ path: String, _ bytes: [UInt8]) throws {
            guard SiteWriter.isSafe(path) else {
                throw WriteError(path: path, message: "refusing to write outside the output folder")
            }
            if !startedEmpty { try writer.checkComponents(path) }
            let hash = ContentHash.of(bytes)
            var added = Added(hash: hash, size: bytes.count, staged: nil, isNew: false)
            switch startedEmpty ? .missing : writer.fileKind(writer.absolute(path)) {
            case .missing:
                added.isNew = true
            case .regular:
                // Listed in the manifest with these very bytes, and on disk as written then (its size,
                // not modified after the manifest): unchanged, without reading it.
                if let entry = previous[path], entry.size == bytes.count, entry.matches(bytes, hash: hash),
                    let manifestModified, writer.isAsRecorded(path, entry, since: manifestModified)
                {
                    try record(path, added)
                    return
                }
                let existing = FileManager.default.contents(atPath: writer.absolute(path)).map { [UInt8]($0) }
                let ours = writer.isOurs(path, existing, previous)
                if existing == bytes, ours {
                    try record(path, added)
                    return
                }
                guard writer.force || ours else {
                    throw WriteError(
                        path: writer.absolute(path),
                        message:
                            "benchsite did not write this file (or it changed since); move it away, or pass --force to replace it"
                    )
                }
            case .symbolicLink:
                guard writer.force else {
                    throw WriteError(
                        path: writer.absolute(path),
                        message:
                            "a symbolic link is in the way of a page; benchsite never writes through one (--force replaces the link itself)"
                    )
                }
            case .other:
                throw WriteError(
                    path: writer.absolute(path), message: "a folder or special file is in the way of a page")
            }
            let number = try state.withLock { state -> Int in
                // The staging folder is made for the first file that changes the site (a build that
                // changes nothing makes none).
                if !state.folder {
                    try? FileManager.default.removeItem(atPath: staging)
                    guard mkdir(staging, 0o755) == 0 else {
                        throw WriteError(
                            path: staging,
                            message: "cannot create the staging folder: \(String(cString: strerror(errno)))")
                    }
                    // A new site is staged as laid out, in a folder of its own.
                    let site = staging + "/" + SiteWriter.stagedSiteFolder
                    guard !startedEmpty || mkdir(site, 0o755) == 0 else {
                        throw WriteError(
                            path: site,
                            message: "cannot create the staging folder: \(String(cString: strerror(errno)))")
                    }
                    state.folder = true
                }
                state.staged += 1
                return state.staged
            }
            let name: String
            if startedEmpty {
                // A new site is staged as laid out (`site/runs/x.html`), so that the switch moves its
                // folders into place, not each of its files.
                name = SiteWriter.stagedSiteFolder + "/" + path
                try makeStagedFolders(for: path)
            } else {
                // `f000123`: Foundation's String(format:) took longer than the file's hash.
                let digits = String(number)
                name = "f" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            }
            do {
                try writer.operations.writeFile(staging + "/" + name, bytes)
            } catch let error as WriteError {
                throw WriteError(path: writer.absolute(path), message: error.message)
            }
            Failpoint.hit("staged", number)
            added.staged = name
            try record(path, added)
        }

        /// The folders of `path` inside the staged site, made for the first file of each.
        private func makeStagedFolders(for path: String) throws {
            let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
            // Marked made only once they are (two files of one new folder may both make it).
            if stagedFolders.withLock({ $0.contains(parent) }) { return }
            try writer.makeParents(path, under: staging + "/" + SiteWriter.stagedSiteFolder)
            stagedFolders.withLock { _ = $0.insert(parent) }
        }

        private func record(_ path: String, _ added: Added) throws {
            try state.withLock { state in
                guard state.files[path] == nil else {
                    throw WriteError(path: writer.absolute(path), message: "written twice in one build")
                }
                state.files[path] = added
            }
        }

        /// Switches the new site in: the files added, and `kept` (files of the published site that stay
        /// as they are: each listed in the manifest and unchanged since); published files neither
        /// added nor kept are removed.
        public func finish(keeping kept: Set<String> = []) throws -> Summary {
            let (files, _, hasStaging) = state.withLock { $0 }
            var summary = Summary(written: 0, unchanged: 0, removed: 0)
            summary.ignoredManifestEntries = ignored
            var keptEntries: [String: ManifestEntry] = [:]
            for path in kept.sorted() where files[path] == nil {
                guard let entry = previous[path], entry.hash != nil, let manifestModified,
                    writer.isAsRecorded(path, entry, since: manifestModified)
                else {
                    throw WriteError(
                        path: writer.absolute(path),
                        message: "changed while the site was being built; the site was not changed")
                }
                keptEntries[path] = entry
            }
            summary.unchanged += keptEntries.count + files.values.filter { $0.staged == nil }.count
            var stale: [String] = []
            for path in previous.keys.sorted() where files[path] == nil && keptEntries[path] == nil {
                guard (try? writer.checkComponents(path)) != nil, writer.fileKind(writer.absolute(path)) == .regular
                else { continue }
                let existing = FileManager.default.contents(atPath: writer.absolute(path)).map { [UInt8]($0) }
                if writer.isOurs(path, existing, previous) {
                    stale.append(path)
                } else {
                    summary.ignoredManifestEntries.append("\(path): changed since benchsite wrote it; left in place")
                }
            }
            var manifest = "# benchsite-manifest 3\n"
            for path in Set(files.keys).union(keptEntries.keys).sorted() {
                if let file = files[path] {
                    manifest += "\(String(file.hash, radix: 16)) \(file.size) \(path)\n"
                    summary.hashes[path] = file.hash
                } else if let entry = keptEntries[path], let size = entry.size {
                    // A kept file recorded by an earlier manifest: its bytes, hashed as this one hashes.
                    let hash =
                        entry.legacyHash
                        ? FileManager.default.contents(atPath: writer.absolute(path)).map {
                            ContentHash.of([UInt8]($0))
                        } : entry.hash
                    guard let hash else {
                        throw WriteError(
                            path: writer.absolute(path),
                            message: "changed while the site was being built; the site was not changed")
                    }
                    manifest += "\(String(hash, radix: 16)) \(size) \(path)\n"
                    summary.hashes[path] = hash
                }
            }
            let changed = files.filter { $0.value.staged != nil }
            let currentManifest = FileManager.default.contents(atPath: writer.absolute(SiteWriter.manifestName)).map {
                String(decoding: $0, as: UTF8.self)
            }
            if changed.isEmpty && stale.isEmpty && currentManifest == manifest {
                cancel()
                return summary
            }
            if !hasStaging {
                // Only stale pages to remove or a manifest to rewrite.
                guard mkdir(staging, 0o755) == 0 else {
                    cancel()
                    throw WriteError(
                        path: staging,
                        message: "cannot create the staging folder: \(String(cString: strerror(errno)))")
                }
            }
            // New pages first, the root index last: a reader following links never meets a missing page.
            let ordered = changed.sorted { a, b in
                let rankA = a.key == "index.html" ? 2 : (a.value.isNew ? 0 : 1)
                let rankB = b.key == "index.html" ? 2 : (b.value.isNew ? 0 : 1)
                return rankA != rankB ? rankA < rankB : a.key < b.key
            }
            var journal = "benchsite-journal 1\n"
            if startedEmpty && keptEntries.isEmpty && stale.isEmpty && changed.count == files.count {
                // A new site into an empty folder: each of its top-level folders and files moved into
                // place at once (a few renames, not one per file), the root index last.
                var tops = Set<Substring>()
                for path in changed.keys { tops.insert(path.split(separator: "/", maxSplits: 1)[0]) }
                let order = tops.sorted { a, b in a == "index.html" ? false : (b == "index.html" ? true : a < b) }
                for top in order { journal += "move\t\(SiteWriter.stagedSiteFolder)/\(top)\t\(top)\n" }
            } else {
                for (path, file) in ordered { journal += "rename\t\(file.staged ?? "")\t\(path)\n" }
            }
            for path in stale { journal += "remove\t\(path)\n" }
            do {
                try writer.operations.writeFile(staging + "/manifest", Array(manifest.utf8))
                SiteWriter.flush(staging)
                // Commit: from here on the switch is finished by whoever comes next.
                try writer.operations.writeFile(staging + "/journal", Array(journal.utf8))
                try writer.operations.rename(staging + "/journal", writer.absolute(SiteWriter.journalName))
                SiteWriter.flush(writer.root)
            } catch {
                cancel()
                throw WriteError(
                    path: (error as? WriteError)?.path ?? staging,
                    message: "\((error as? WriteError)?.message ?? "\(error)"); the site was not changed")
            }
            Failpoint.hit("committed", 1)
            let started = Date()
            defer { releaseLock() }
            let counts = try writer.applyJournal(journal)
            summary.switchSeconds = Date().timeIntervalSince(started)
            summary.written = counts.moved > 0 ? changed.count : counts.renamed
            summary.removed = counts.removed
            return summary
        }

        /// Gives up: the staged files go, the published site stays as it was.
        public func cancel() {
            guard lock != nil else { return }
            try? FileManager.default.removeItem(atPath: staging)
            try? FileManager.default.removeItem(atPath: writer.absolute(SiteWriter.journalName))
            releaseLock()
        }

        private func releaseLock() {
            if let lock { close(lock) }
            lock = nil
        }
    }

    // MARK: - Recovery

    /// Finishes or undoes a publish that was interrupted (kill -9, power loss): with a committed
    /// journal the switch is completed, otherwise the staged files are removed. Safe to call any time.
    @discardableResult
    public func recover() throws -> Recovery {
        guard FileManager.default.fileExists(atPath: root) else { return .nothing }
        guard
            FileManager.default.fileExists(atPath: absolute(Self.journalName))
                || FileManager.default.fileExists(atPath: absolute(Self.stagingName))
        else { return .nothing }
        let lock = try acquireLock()
        defer { close(lock) }
        return try recoverLocked()
    }

    @discardableResult
    func recoverLocked() throws -> Recovery {
        let journalPath = absolute(Self.journalName)
        if fileKind(journalPath) == .regular, let data = FileManager.default.contents(atPath: journalPath) {
            _ = try applyJournal(String(decoding: data, as: UTF8.self))
            return .rolledForward
        }
        if fileKind(journalPath) != .missing { _ = unlink(journalPath) }
        let staging = absolute(Self.stagingName)
        switch fileKind(staging) {
        case .missing: return .nothing
        case .symbolicLink, .regular: _ = unlink(staging)
        case .other: try? FileManager.default.removeItem(atPath: staging)
        }
        return .rolledBack
    }

    /// Renames the staged files into place, removes stale pages, installs the manifest, and cleans
    /// up. Every step can run again: a rename whose staged file is gone was done.
    func applyJournal(_ journal: String) throws -> (renamed: Int, removed: Int, moved: Int) {
        let staging = absolute(Self.stagingName)
        // Split on the bytes: thousands of lines, and a Character split segments every grapheme.
        var lines = journal.utf8.split(separator: UInt8(ascii: "\n")).map { line in
            line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        guard lines.first == ["benchsite-journal 1"] else {
            throw WriteError(
                path: absolute(Self.journalName),
                message: "not a journal this version of benchsite wrote; remove it by hand")
        }
        lines.removeFirst()
        var renamed = 0, removed = 0, moved = 0
        // Folders already checked and made in this pass (a site's pages share a few).
        var readyFolders = Set<Substring>()
        for fields in lines {
            switch fields.first {
            case "rename":
                guard fields.count == 3, Self.isStagedName(fields[1]), Self.isSafe(fields[2]) else { continue }
                let source = staging + "/" + fields[1]
                guard fileKind(source) == .regular else { continue }
                let folder = fields[2].lastIndex(of: "/").map { fields[2][..<$0] } ?? ""
                if !readyFolders.contains(folder) {
                    try checkComponents(fields[2])
                    try makeParents(fields[2])
                    readyFolders.insert(folder)
                }
                try operations.rename(source, absolute(fields[2]))
                renamed += 1
                Failpoint.hit("switched", renamed)
            case "move":
                // A top-level folder or file of a new site: moved whole, unless it was already.
                let top = fields.count == 3 ? fields[2] : ""
                guard fields.count == 3, Self.isSafe(top), !top.contains("/"),
                    fields[1] == Self.stagedSiteFolder + "/" + top
                else { continue }
                let source = staging + "/" + fields[1]
                guard fileKind(source) != .missing else { continue }
                try operations.rename(source, absolute(top))
                moved += 1
                Failpoint.hit("switched", moved)
            case "remove":
                guard fields.count == 2, Self.isSafe(fields[1]), (try? checkComponents(fields[1])) != nil,
                    fileKind(absolute(fields[1])) == .regular
                else { continue }
                if unlink(absolute(fields[1])) == 0 { removed += 1 }
                removeEmptyParents(fields[1])
            default:
                continue
            }
        }
        Failpoint.hit("removed", 1)
        let stagedManifest = staging + "/manifest"
        if fileKind(stagedManifest) == .regular {
            try operations.rename(stagedManifest, absolute(Self.manifestName))
        }
        _ = unlink(absolute(Self.journalName))
        try? FileManager.default.removeItem(atPath: staging)
        Self.flush(root)
        return (renamed, removed, moved)
    }

    // MARK: - The manifest

    struct ManifestEntry: Equatable {
        var size: Int?
        var hash: UInt64?
        /// The hash is FNV-1a (manifest version 2), not `ContentHash` (version 3).
        var legacyHash = false

        /// Whether `bytes` (whose `ContentHash` is `hash`, when known) have the hash written down.
        func matches(_ bytes: [UInt8], hash contentHash: UInt64? = nil) -> Bool {
            guard let recorded = hash else { return false }
            return recorded == (legacyHash ? SiteWriter.fnv1a(bytes) : contentHash ?? ContentHash.of(bytes))
        }
    }

    /// How many run pages a manifest lists.
    static func runPages(in entries: [String: ManifestEntry]) -> Int {
        entries.keys.filter { $0.hasPrefix("runs/") && $0.hasSuffix(".html") && $0 != "runs/index.html" }.count
    }

    /// The manifest of the site in the folder, as read once: a build reads it before publishing
    /// (what it may keep, what it may take compressed) and again under the folder's lock only when
    /// the file changed since (`begin(knowing:)`).
    public struct Manifest: Sendable {
        var entries: [String: ManifestEntry] = [:]
        /// The entries not acted on, with why.
        var ignored: [String] = []
        /// What `stat` said of the file when it was read (nil: there was none).
        var status: FileStatus?
        /// When it was last written (ns), nil when there is none.
        var modified: Int? { status?.modified }
    }

    /// The entries benchsite can trust, and the ones it will not act on (with why).
    /// `# benchsite-manifest 3`, then `<hash> <size> <path>` per file (`ContentHash`, 64 bits, hex;
    /// version 2, written by earlier versions, has FNV-1a hashes and is read as well).
    func readManifest() -> Manifest {
        let path = absolute(Self.manifestName)
        guard let status = FileStatus.regularFile(path), let data = FileManager.default.contents(atPath: path) else {
            return Manifest()
        }
        // Changed between the stat and the read: judged as the later one (never trusted as older).
        guard FileStatus.regularFile(path) == status else { return Manifest(status: FileStatus.regularFile(path)) }
        var entries: [String: ManifestEntry] = [:]
        var ignored: [String] = []
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        let legacy = lines.first == "# benchsite-manifest 2"
        let versioned = legacy || lines.first == "# benchsite-manifest 3"
        for line in lines where !line.hasPrefix("#") && !line.isEmpty {
            var entry = ManifestEntry()
            var relative = line
            if versioned {
                let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard fields.count == 3, let hash = UInt64(fields[0], radix: 16), let size = Int(fields[1]) else {
                    ignored.append("\(line): not a manifest line")
                    continue
                }
                entry = ManifestEntry(size: size, hash: hash, legacyHash: legacy)
                relative = fields[2]
            }
            guard Self.isSafe(relative) else {
                ignored.append("\(relative): not a path benchsite writes")
                continue
            }
            entries[relative] = entry
        }
        return Manifest(entries: entries, ignored: ignored, status: status)
    }

    /// The file at `path` is as the manifest recorded it, judged without reading it: a regular file of
    /// the recorded size, not modified after the manifest was written (`manifestModified`).
    func isAsRecorded(_ path: String, _ entry: ManifestEntry, since manifestModified: Int) -> Bool {
        guard let size = entry.size, let file = FileStatus.regularFile(absolute(path)) else { return false }
        return file.size == size && file.modified <= manifestModified
    }

    /// The bytes of the file at `path` while it is as `manifest` recorded it (`isAsRecorded`), read
    /// without checking them against the recorded hash (the caller does, against what it knows).
    func unmodified(_ path: String, in manifest: Manifest) -> [UInt8]? {
        guard let entry = manifest.entries[path], let modified = manifest.modified,
            isAsRecorded(path, entry, since: modified)
        else { return nil }
        return try? FileContents.read(absolute(path))
    }

    /// The file at `path` is the one benchsite wrote: listed, and (with a versioned manifest) of the
    /// size and hash written down.
    func isOurs(_ path: String, _ bytes: [UInt8]?, _ manifest: [String: ManifestEntry]) -> Bool {
        guard let entry = manifest[path], let bytes else { return false }
        if let size = entry.size, size != bytes.count { return false }
        if entry.hash != nil, !entry.matches(bytes) { return false }
        return true
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    // MARK: - Paths and files

    /// Relative, no `..`, no absolute paths, no hidden names, no tabs or line breaks.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"),
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        // Every component non-empty and not hidden: a "/" never first, last or doubled, never
        // followed by a "." (checked on the bytes: every file of the site comes through here).
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) {
                return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "/")
    }

    /// Inside the staging folder, where a new site is staged as laid out (`Publication.add`).
    static let stagedSiteFolder = "site"

    static func isStagedName(_ name: String) -> Bool {
        if name.hasPrefix(stagedSiteFolder + "/") { return isSafe(String(name.dropFirst(stagedSiteFolder.count + 1))) }
        return name.count >= 7 && name.count <= 20 && name.hasPrefix("f")
            && name.dropFirst().allSatisfy { ("0"..."9").contains($0) }
    }

    enum Kind: Equatable { case missing, regular, symbolicLink, other }

    func fileKind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Every folder between the output folder and `path` is a real folder, not a symbolic link.
    func checkComponents(_ path: String) throws {
        var current = root
        for component in path.split(separator: "/").dropLast() {
            current += "/" + component
            switch fileKind(current) {
            case .missing: return
            case .other: continue
            case .symbolicLink:
                throw WriteError(
                    path: current, message: "is a symbolic link; benchsite never writes or removes through one")
            case .regular:
                throw WriteError(path: current, message: "is a file where benchsite needs a folder")
            }
        }
    }

    /// The folders of `path` (relative) under `base` (the output folder unless given), made where missing.
    func makeParents(_ path: String, under base: String? = nil) throws {
        var current = base ?? root
        for component in path.split(separator: "/").dropLast() {
            current += "/" + component
            if fileKind(current) == .missing, mkdir(current, 0o755) != 0, errno != EEXIST {
                throw WriteError(
                    path: current, message: "cannot create the folder: \(String(cString: strerror(errno)))")
            }
        }
    }

    func removeEmptyParents(_ path: String) {
        var components = path.split(separator: "/").dropLast().map(String.init)
        while !components.isEmpty {
            guard rmdir(absolute(components.joined(separator: "/"))) == 0 else { return }
            components.removeLast()
        }
    }

    func prepareFolder() throws {
        switch fileKind(root) {
        case .missing:
            do {
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            } catch {
                throw WriteError(path: root, message: "cannot create the output folder: \(error.localizedDescription)")
            }
        case .regular:
            throw WriteError(path: root, message: "is a file, not a folder")
        case .symbolicLink, .other:
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw WriteError(path: root, message: "is not a folder")
            }
        }
    }

    /// An exclusive lock on the output folder itself, waited for: one publish into a folder at a time
    /// (no lock file is left in the site).
    func acquireLock() throws -> Int32 {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw WriteError(path: root, message: "cannot open the output folder: \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                close(fd)
                throw WriteError(
                    path: root, message: "cannot lock the output folder: \(String(cString: strerror(errno)))")
            }
        }
        return fd
    }

    /// Writes a new file (never through a link), all of it or an error.
    static func posixWrite(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw WriteError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBufferPointer { systemWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    static func posixRename(_ from: String, _ to: String) throws {
        guard systemRename(from, to) == 0 else {
            throw WriteError(path: to, message: "cannot move into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes what was written in the folder's file system to disk, so a journal is never on disk
    /// before the files it names (a kill -9 does not need this; a power cut does).
    static func flush(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        #if os(Linux)
        _ = linuxSyncFS(fd)
        #else
        _ = fsync(fd)
        #endif
    }
}

#if os(Linux)
/// glibc's syncfs(2), which the Glibc module does not export without _GNU_SOURCE.
@_silgen_name("syncfs") private func linuxSyncFS(_ fd: Int32) -> Int32
#endif

/// The system calls, outside the type whose methods share their names.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
