import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last build of an output folder was made from, so that a build with nothing new can
/// stop at once, read nothing and write nothing (`.benchsite-build` in the output folder).
///
/// The fingerprint covers the benchsite binary itself (its size and modification time), every
/// option that shapes the site, and each input file and template override by path, size,
/// modification time, inode and change time (as `make` and git's index do). The stamp is trusted only
/// when the site it describes is still there as written: the manifest unchanged, and every file it
/// lists present, of its size, and not modified after the manifest; the files outside the site
/// (`--markdown`, `--single-file`) likewise. Anything else, a missing or unreadable stamp included,
/// is a full build. The stamp is written after a successful publish only, so a failed build leaves
/// the previous site and its stamp matching.
public struct BuildStamp: Equatable, Sendable {
    public static let fileName = ".benchsite-build"

    public var fingerprint: String
    /// The hash of the manifest the build published: a later build that published a different site
    /// and stopped before writing its own stamp leaves this one describing a site no longer there.
    public var manifest: String
    public var runs: Int
    public var series: Int
    public var pages: Int
    /// The regressions of the latest run, as `build --fail-on-regression` words them.
    public var regressions: [String]
    public var diagnostics: [Diagnostic]
    /// Files written outside the site: path, size and modification time when written.
    public var extraOutputs: [FileIdentity]

    public struct FileIdentity: Equatable, Sendable {
        public var path: String
        public var size: Int
        public var modified: Int
    }

    // MARK: - Fingerprint

    /// The fingerprint of a build with these options, or nil when it cannot have one (standard input
    /// among the inputs, an input that cannot be listed).
    public static func fingerprint(_ options: BuildOptions) -> String? {
        guard !options.inputs.contains(InputDiscovery.standardInput) else { return nil }
        var text = "benchsite-build 1\n"
        guard let executable = Bundle.main.executablePath, let binary = identity(executable) else { return nil }
        text += "binary \(binary)\n"
        text += "options \(describe(optionsValue(options)))\n"
        let found = InputDiscovery.expand(options.inputs)
        guard found.diagnostics.isEmpty else { return nil }
        // Each file's identity is a stat(2): on all cores for a history of thousands of files.
        let identities = parallelMap(found.files.count) { identity(found.files[$0]) }
        for (file, identity) in zip(found.files, identities) {
            guard let identity else { return nil }
            text += "input \(file)\t\(identity)\n"
        }
        if let templates = options.templatesDirectory {
            let entries = (try? FileManager.default.subpathsOfDirectory(atPath: templates))?.sorted() ?? []
            text += "templates \(templates)\t\(identity(templates) ?? "missing")\n"
            for entry in entries { text += "template \(entry)\t\(identity(templates + "/" + entry) ?? "missing")\n" }
        }
        return String(SiteWriter.fnv1a(Array(text.utf8)), radix: 16) + "-" + String(text.utf8.count)
    }

    /// The options that shape the output, without the ones that do not (progress, parallelism).
    static func optionsValue(_ options: BuildOptions) -> [String: Any] {
        [
            "inputs": options.inputs, "out": options.outputDirectory, "title": options.siteTitle,
            "templates": options.templatesDirectory as Any, "format": options.ingest.forcedFormat as Any,
            "date": options.ingest.fallbackDate?.iso8601 as Any, "displayBase": options.ingest.displayBase as Any,
            "baseline": options.baseline as Any, "comparison": options.comparison, "changePoints": options.changePoints,
            "keepRuns": options.keepRuns as Any, "baseURL": options.baseURL as Any,
            "singleFile": options.singleFile as Any, "markdown": options.markdownReport as Any,
            "presentation": options.presentation, "models": options.models, "force": options.force,
            "allowShrink": options.allowShrink,
        ]
    }

    /// A description that does not depend on the process: dictionaries and sets sorted, every stored
    /// property by name (Swift's own descriptions list dictionaries in a per-process order).
    static func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return "nil" }
            return describe(wrapped.value)
        case .dictionary:
            let entries = mirror.children.map { entry -> String in
                let pair = Mirror(reflecting: entry.value).children.map { describe($0.value) }
                return pair.joined(separator: ": ")
            }
            return "[" + entries.sorted().joined(separator: ", ") + "]"
        case .set:
            return "{" + mirror.children.map { describe($0.value) }.sorted().joined(separator: ", ") + "}"
        case .collection, .tuple:
            return "(" + mirror.children.map { describe($0.value) }.joined(separator: ", ") + ")"
        case .struct, .class, .enum:
            if mirror.children.isEmpty { return "\(type(of: value)).\(value)" }
            return "\(type(of: value))("
                + mirror.children.map { "\($0.label ?? "_"): \(describe($0.value))" }
                .joined(separator: ", ") + ")"
        default:
            return "\(value)"
        }
    }

    /// `size mtime-ns inode ctime-ns` of a file or folder, nil when it is not there.
    static func identity(_ path: String) -> String? {
        FileStatus(path, followingLinks: true).map { "\($0.size) \($0.modified) \($0.inode) \($0.changed)" }
    }

    // MARK: - Reading and writing

    /// The stamp in `folder`, if it is one this version wrote and the site it describes is intact.
    public static func intact(in folder: String) -> BuildStamp? {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: root + "/" + fileName),
            let stamp = parse(String(decoding: data, as: UTF8.self))
        else { return nil }
        // The site as the manifest lists it, untouched since.
        let writer = SiteWriter(outputDirectory: root)
        guard let manifestBytes = FileManager.default.contents(atPath: root + "/" + SiteWriter.manifestName),
            manifestHash([UInt8](manifestBytes)) == stamp.manifest,
            !FileManager.default.fileExists(atPath: root + "/" + SiteWriter.journalName),
            !FileManager.default.fileExists(atPath: root + "/" + SiteWriter.stagingName)
        else { return nil }
        let manifest = writer.readManifest()
        guard manifest.ignored.isEmpty, !manifest.entries.isEmpty, let manifestModified = manifest.modified,
            manifest.entries.allSatisfy({ writer.isAsRecorded($0.key, $0.value, since: manifestModified) })
        else { return nil }
        for output in stamp.extraOutputs {
            guard let file = FileStatus.regularFile(output.path), file.size == output.size,
                file.modified == output.modified
            else { return nil }
        }
        return stamp
    }

    static func manifestHash(_ bytes: [UInt8]) -> String { String(SiteWriter.fnv1a(bytes), radix: 16) }

    /// The hash of the manifest in `folder` now.
    static func manifestHash(in folder: String) -> String? {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        return FileManager.default.contents(atPath: root + "/" + SiteWriter.manifestName).map {
            manifestHash([UInt8]($0))
        }
    }

    public func write(to folder: String) throws {
        var text =
            "benchsite-build 1\nfingerprint \(fingerprint)\nmanifest \(manifest)\nruns \(runs)\nseries \(series)\npages \(pages)\n"
        for regression in regressions { text += "regression \(Self.oneLine(regression))\n" }
        for d in diagnostics {
            text +=
                "diagnostic \(d.severity.rawValue)\t\(Self.oneLine(d.file ?? ""))\t\(d.line.map(String.init) ?? "")\t\(d.column.map(String.init) ?? "")\t\(Self.oneLine(d.message))\n"
        }
        for output in extraOutputs {
            text += "output \(output.size)\t\(output.modified)\t\(Self.oneLine(output.path))\n"
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        let temporary = root + "/" + Self.fileName + ".new"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, root + "/" + Self.fileName) == 0 else {
            throw SiteWriter.WriteError(path: temporary, message: "cannot move into place")
        }
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    static func parse(_ text: String) -> BuildStamp? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "benchsite-build 1" else { return nil }
        var stamp = BuildStamp(
            fingerprint: "", manifest: "", runs: -1, series: -1, pages: -1, regressions: [], diagnostics: [],
            extraOutputs: [])
        for line in lines.dropFirst() where !line.isEmpty {
            guard let space = line.firstIndex(of: " ") else { return nil }
            let key = line[..<space], value = String(line[line.index(after: space)...])
            switch key {
            case "fingerprint": stamp.fingerprint = value
            case "manifest": stamp.manifest = value
            case "runs": stamp.runs = Int(value) ?? -1
            case "series": stamp.series = Int(value) ?? -1
            case "pages": stamp.pages = Int(value) ?? -1
            case "regression": stamp.regressions.append(value)
            case "diagnostic":
                let fields = value.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 5, let severity = Diagnostic.Severity(rawValue: fields[0]) else { return nil }
                stamp.diagnostics.append(
                    Diagnostic(
                        severity, fields[4], file: fields[1].isEmpty ? nil : fields[1], line: Int(fields[2]),
                        column: Int(fields[3])))
            case "output":
                let fields = value.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(
                    String.init)
                guard fields.count == 3, let size = Int(fields[0]), let modified = Int(fields[1]) else { return nil }
                stamp.extraOutputs.append(FileIdentity(path: fields[2], size: size, modified: modified))
            default: return nil
            }
        }
        guard !stamp.fingerprint.isEmpty, !stamp.manifest.isEmpty, stamp.runs >= 0, stamp.series >= 0, stamp.pages >= 0
        else { return nil }
        return stamp
    }
}
