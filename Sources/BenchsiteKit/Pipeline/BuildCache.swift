import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a build derived from each input file, kept beside the site (`.benchsite-cache/` in the
/// output folder) so that the next build reads and analyses only new or changed files and composes
/// only the pages whose inputs changed.
///
/// - **Inputs** (`inputs/b00` to `inputs/b3f`: each input file's entry in one of 64 buckets by the
///   hash of its path, so a cold build writes 64 files instead of one per input, and an added night
///   rewrites one; buckets are read on demand and in parallel): the file's identity when read (size, modification time, inode, change time, as
///   `BuildStamp` takes them), what reading it gave (`FileReport`), and each of its runs without
///   samples, with the figures its samples gave (`ResultFigures`) and its fingerprint for duplicate
///   detection. A file whose identity differs is read again. Files whose reading depends on other
///   files (paired samples, asv definitions, metadata) or that gave diagnostics are not kept: they
///   are read every time. A build writes the entries of the files it read and removes the entries of
///   files no longer among its inputs.
/// - **Outputs** (`outputs`): for each run page and history piece the build produced, the hash of
///   everything it was made from (`IncrementalBuild`). A page whose inputs hash the same and whose
///   file is still as the manifest recorded it is kept as it is, without composing, rendering or
///   writing it. Beside them, for each whole-history table (`summary.csv`, `verdicts.csv`), where
///   each run's rows are and the hash of what they were made from (`TableIndex`): the next build
///   copies the rows of unchanged runs from the published table, while it still holds the bytes
///   recorded. This file describes the published site: it is removed before the site changes and
///   written after, so a failed build never leaves it describing pages that are not there.
///
/// Every entry carries the version it was made under (the benchsite binary and the options that
/// shape reading) and ends with the hash of its bytes; an entry of another version, one whose bytes
/// do not match their hash, or one that cannot be decoded, is set aside with a note and made again
/// from the input. Entries are written by rename, never half.
public final class BuildCache: Sendable {
    public static let folderName = ".benchsite-cache"

    public let folder: String
    public let version: String
    /// For each run page and piece of the published site: the hash of its inputs, and the hash of
    /// its bytes as the manifest recorded them (`SiteWriter`) when the record was written: a page is
    /// kept only while the site holds those very bytes, so a site restored from an older copy beside
    /// a newer record is not trusted.
    public let outputs: [String: Output]
    /// For each whole-history table of the published site, where each run's rows are
    /// (`TableIndex`): kept with the outputs' record, under the same rules.
    public let tables: [String: TableIndex]

    public struct Output: Sendable, Equatable {
        public var key: UInt64
        public var contentHash: UInt64
    }
    /// Why entries could not be used, by kind (counted while reading).
    private let problems = Locked<[String: Int]>([:])
    /// Why the outputs' record could not be used, when it could not.
    private let outputsNote: String?

    /// One input file as a build read it.
    public struct CachedFile: Sendable, Codable {
        public var version: String
        public var path: String
        public var identity: String
        public var report: FileReport
        public var runs: [CachedRun]
    }

    public struct CachedRun: Sendable, Codable {
        /// Without samples.
        public var run: Run
        public var fingerprint: String
        /// Per result, in order.
        public var figures: [ResultFigures]
        public var digest: UInt64
        /// The run without samples and without its id, packed by hand (`Run.pack`): what `digest` is
        /// the hash of, and what the entry keeps (encoded once, when the file is read).
        var encodedRun: [UInt8]

        init(run: Run, fingerprint: String, figures: [ResultFigures], digest: UInt64, encodedRun: [UInt8]) {
            self.run = run
            self.fingerprint = fingerprint
            self.figures = figures
            self.digest = digest
            self.encodedRun = encodedRun
        }

        private enum CodingKeys: String, CodingKey {
            case id, run, fingerprint, figures, digest
        }

        // The run as the bytes its digest was taken of, and the figures packed by hand
        // (`PackedForms`): they are most of an entry, and every build reads every entry.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            encodedRun = try c.decode(PackedBytes.self, forKey: .run).bytes
            var runReader = PackedReader(encodedRun)
            run = try Run(unpacking: &runReader)
            try runReader.finish()
            run.id = try c.decode(String.self, forKey: .id)
            fingerprint = try c.decode(String.self, forKey: .fingerprint)
            digest = try c.decode(UInt64.self, forKey: .digest)
            var reader = PackedReader(try c.decode(PackedBytes.self, forKey: .figures).bytes)
            var figures: [ResultFigures] = []
            for _ in 0..<(try reader.count()) { figures.append(try ResultFigures(unpacking: &reader)) }
            try reader.finish()
            self.figures = figures
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(run.id, forKey: .id)
            try c.encode(PackedBytes(bytes: encodedRun), forKey: .run)
            try c.encode(fingerprint, forKey: .fingerprint)
            try c.encode(digest, forKey: .digest)
            var writer = PackedWriter(capacity: 1024 * max(figures.count, 1))
            writer.int(figures.count)
            for figure in figures { figure.pack(into: &writer) }
            try c.encode(PackedBytes(bytes: writer.bytes), forKey: .figures)
        }
    }

    /// The record of the pages and files a build made: each one's key and the hash of its bytes as
    /// published, packed by hand (paths in order, so the same outputs give the same bytes).
    private struct Outputs {
        var version: String
        var outputs: [String: Output]
        var tables: [String: TableIndex]

        init(version: String, outputs: [String: Output], tables: [String: TableIndex]) {
            self.version = version
            self.outputs = outputs
            self.tables = tables
        }

        var packed: [UInt8] {
            var writer = PackedWriter(capacity: 64 + 80 * outputs.count)
            writer.string(version)
            writer.int(outputs.count)
            for path in outputs.keys.sorted() {
                guard let output = outputs[path] else { continue }
                writer.string(path)
                writer.uint64(output.key)
                writer.uint64(output.contentHash)
            }
            writer.int(tables.count)
            for path in tables.keys.sorted() {
                guard let table = tables[path] else { continue }
                writer.string(path)
                writer.uint64(table.contentHash)
                writer.int(table.runs.count)
                for rows in table.runs {
                    writer.uint64(rows.key)
                    writer.int(rows.start)
                    writer.int(rows.count)
                }
            }
            return writer.bytes
        }

        init(unpacking bytes: [UInt8]) throws {
            var reader = PackedReader(bytes)
            version = try reader.string()
            outputs = [:]
            let count = try reader.count()
            outputs.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                outputs[path] = Output(key: try reader.uint64(), contentHash: try reader.uint64())
            }
            tables = [:]
            for _ in 0..<(try reader.count()) {
                let path = try reader.string()
                let contentHash = try reader.uint64()
                var runs: [TableIndex.Rows] = []
                for _ in 0..<(try reader.count()) {
                    runs.append(
                        TableIndex.Rows(key: try reader.uint64(), start: try reader.int(), count: try reader.int()))
                }
                tables[path] = TableIndex(contentHash: contentHash, runs: runs)
            }
            try reader.finish()
        }
    }

    /// The version for these options: the binary (size, modification time) and the ingest options.
    public static func version(_ options: IngestOptions) -> String? {
        guard let executable = Bundle.main.executablePath, let binary = BuildStamp.identity(executable) else {
            return nil
        }
        return
            "benchsite-cache 5\tbinary \(binary)\tformat \(options.forcedFormat ?? "-")\tdate \(options.fallbackDate?.iso8601 ?? "-")\tbase \(options.displayBase ?? "-")"
    }

    /// The cache of the output folder `outputDirectory` (its outputs' record read now, its entries
    /// when asked for).
    public init(outputDirectory: String, version: String) {
        let root = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        folder = root + "/" + Self.folderName
        self.version = version
        var note: String?
        var outputs: [String: Output] = [:]
        var tables: [String: TableIndex] = [:]
        let recordPath = folder + "/outputs"
        let unreadable = { (why: String) in
            "the build cache's record of the pages (\(recordPath)) could not be read (\(why)); every page was made again"
        }
        if let data = FileManager.default.contents(atPath: recordPath) {
            if let bytes = Self.unsealed(data), let record = try? Outputs(unpacking: bytes) {
                if record.version == version {
                    outputs = record.outputs
                    tables = record.tables
                } else {
                    note =
                        "the build cache in \(folder) was made by another benchsite binary or with other reading options; it was made again from the inputs"
                }
            } else {
                note = unreadable(
                    Self.unsealed(data) == nil
                        ? "its bytes do not match their seal"
                        : "it does not decode: another benchsite version wrote it, or it is damaged")
            }
        } else if FileManager.default.fileExists(atPath: recordPath) {
            note = unreadable("it is not a file benchsite can read")
        } else if FileManager.default.fileExists(atPath: root + "/" + SiteWriter.manifestName) {
            note = "no build cache in \(folder); every input was read and every page made"
        }
        self.outputs = outputs
        self.tables = tables
        outputsNote = note
    }

    /// What a reader should know about the cache after the build read it, or nil.
    public var note: String? {
        let counted = problems.withLock { $0 }
        if let outputsNote { return outputsNote }
        guard !counted.isEmpty else { return nil }
        return "build cache entries set aside and made again from their inputs: "
            + counted.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    /// How many buckets the entries are kept in.
    static let bucketCount: UInt64 = 64

    /// The bucket file that keeps the entry of an input file (`b00` to `b3f`).
    static func bucketName(_ input: String) -> String {
        let number = ContentHash.of(Array(input.utf8)) % bucketCount
        return "b" + (number < 16 ? "0" : "") + String(number, radix: 16)
    }

    func bucketPath(_ name: String) -> String { folder + "/inputs/" + name }

    /// A bucket as read: each input's sealed entry by path; `damaged` when the file was there but
    /// could not be read to its end (its entries past the damage are lost).
    struct Bucket: Sendable {
        var entries: [String: [UInt8]] = [:]
        var damaged = false
        var exists = false
    }

    /// The buckets read so far, by name (each read once, by whichever thread asks first).
    private let buckets = Locked<[String: Bucket]>([:])

    static let bucketMagic = Array("benchsite-cache-bucket 1\n".utf8)

    /// A bucket's file: the magic line, then per entry its path's and its bytes' lengths (4 bytes
    /// each, little-endian) and the path and the sealed entry.
    static func bucketBytes(_ entries: [(path: String, sealed: [UInt8])]) -> [UInt8] {
        var out = bucketMagic
        func length(_ count: Int) {
            out += (0..<4).map { UInt8(truncatingIfNeeded: UInt32(truncatingIfNeeded: count) >> (8 * UInt32($0))) }
        }
        for entry in entries {
            let path = Array(entry.path.utf8)
            length(path.count)
            out += path
            length(entry.sealed.count)
            out += entry.sealed
        }
        return out
    }

    static func parseBucket(_ bytes: [UInt8]) -> Bucket {
        var bucket = Bucket(exists: true)
        guard bytes.starts(with: bucketMagic) else {
            bucket.damaged = true
            return bucket
        }
        var position = bucketMagic.count
        func length() -> Int? {
            guard bytes.count - position >= 4 else { return nil }
            var value = 0
            for shift in 0..<4 { value |= Int(bytes[position + shift]) << (8 * shift) }
            position += 4
            return value <= bytes.count - position ? value : nil
        }
        while position < bytes.count {
            guard let pathLength = length() else { break }
            let path = String(decoding: bytes[position..<(position + pathLength)], as: UTF8.self)
            position += pathLength
            guard let entryLength = length() else { break }
            bucket.entries[path] = Array(bytes[position..<(position + entryLength)])
            position += entryLength
        }
        bucket.damaged = position != bytes.count
        return bucket
    }

    func bucket(_ name: String) -> Bucket {
        if let known = buckets.withLock({ $0[name] }) { return known }
        let read =
            FileManager.default.contents(atPath: bucketPath(name)).map { Self.parseBucket([UInt8]($0)) } ?? Bucket()
        return buckets.withLock { loaded in
            if let known = loaded[name] { return known }
            loaded[name] = read
            return read
        }
    }

    /// The entry of `input` when it was made under this version from the file as it is now (`identity`).
    func file(_ input: String, identity: String) -> CachedFile? {
        let bucket = bucket(Self.bucketName(input))
        guard let sealed = bucket.entries[input] else {
            if bucket.damaged { problems.withLock { $0["unreadable", default: 0] += 1 } }
            return nil
        }
        guard let bytes = Self.unsealed(sealed), let entry = try? BinaryCoder.decode(CachedFile.self, from: bytes)
        else {
            problems.withLock { $0["unreadable", default: 0] += 1 }
            return nil
        }
        guard entry.version == version else {
            problems.withLock { $0["made by another benchsite binary or with other reading options", default: 0] += 1 }
            return nil
        }
        return entry.path == input && entry.identity == identity ? entry : nil
    }

    /// The outputs' record goes before the site changes.
    func forgetOutputs() {
        try? FileManager.default.removeItem(atPath: folder + "/outputs")
    }

    /// Writes the entries made by this build (`fresh`), removes the entries of inputs not among
    /// `inputs`, and records the outputs' keys. Failures cost the next build time, not correctness.
    /// - Parameter outputs: each run page's and piece's key, and the hash of its bytes as published.
    /// - Parameter tables: where each run's rows are in the whole-history tables as published.
    func write(
        inputs: [String: CachedFile], fresh: Set<String>, outputs: [String: Output], tables: [String: TableIndex] = [:]
    ) {
        let entries = folder + "/inputs"
        try? FileManager.default.createDirectory(atPath: entries, withIntermediateDirectories: true)
        let byBucket = Dictionary(grouping: inputs.keys, by: Self.bucketName)
        // Anything else in the folder goes: buckets of inputs no longer read, entries of earlier versions.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: entries)) ?? [] where byBucket[name] == nil {
            try? FileManager.default.removeItem(atPath: entries + "/" + name)
        }
        let names = byBucket.keys.sorted()
        _ = parallelMap(names.count) { index -> Bool in
            let name = names[index]
            let paths = (byBucket[name] ?? []).sorted()
            let known = bucket(name)
            // Unchanged entries keep their bytes; new ones are encoded and sealed.
            var changed = known.damaged || Set(known.entries.keys) != Set(paths)
            var sealedEntries: [(path: String, sealed: [UInt8])] = []
            for path in paths {
                if !fresh.contains(path), let sealed = known.entries[path] {
                    sealedEntries.append((path, sealed))
                } else if let entry = inputs[path], let bytes = try? BinaryCoder.encode(entry) {
                    sealedEntries.append((path, Self.sealed(bytes)))
                    changed = true
                }
            }
            guard changed || !known.exists else { return true }
            return Self.place(Self.bucketBytes(sealedEntries), at: bucketPath(name), sealing: false)
        }
        _ = Self.place(Outputs(version: version, outputs: outputs, tables: tables).packed, at: folder + "/outputs")
    }

    /// The bytes followed by their hash, so that damage which still decodes (a flipped digit of a
    /// figure) is found too.
    static func sealed(_ bytes: [UInt8]) -> [UInt8] {
        bytes + withUnsafeBytes(of: ContentHash.of(bytes).littleEndian, Array.init)
    }

    /// Writes `bytes` at `path` by rename, sealed (`sealed`) unless `sealing` is false.
    /// Whatever is in the way (a folder, a link) is removed first: the cache repairs itself.
    private static func place(_ bytes: [UInt8], at path: String, sealing: Bool = true) -> Bool {
        let temporary = path + ".new"
        let content = sealing ? sealed(bytes) : bytes
        for stale in [temporary, path] where FileStatus(stale).map({ !$0.isRegular }) ?? false {
            try? FileManager.default.removeItem(atPath: stale)
        }
        guard (try? Data(content).write(to: URL(fileURLWithPath: temporary))) != nil else {
            try? FileManager.default.removeItem(atPath: temporary)
            return false
        }
        return rename(temporary, path) == 0
    }

    /// The bytes of a file `place` wrote, nil when its seal does not match them.
    static func unsealed(_ data: Data) -> [UInt8]? { unsealed([UInt8](data)) }

    static func unsealed(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 8 else { return nil }
        let body = Array(bytes[..<(bytes.count - 8)])
        var seal: UInt64 = 0
        for (shift, byte) in bytes[(bytes.count - 8)...].enumerated() { seal |= UInt64(byte) << (8 * UInt64(shift)) }
        return ContentHash.of(body) == seal ? body : nil
    }

    /// A run as the cache keeps it: no samples, no gzip bytes, no origin (the entry has it).
    static func stripped(_ run: Run) -> Run {
        var run = run
        for index in run.results.indices { run.results[index].samples = [] }
        run.gzipPiece = nil
        run.origin = nil
        run.samplesDeferred = false
        run.knownFingerprint = nil
        run.contentDigest = nil
        return run
    }

    /// A run without samples and without its id (which the history may change to keep ids unique)
    /// packed by hand (`Run.pack`), and its hash: what an entry keeps and what the run is known by.
    static func encoded(_ run: Run) -> (bytes: [UInt8], digest: UInt64)? {
        var run = stripped(run)
        run.id = ""
        var writer = PackedWriter(capacity: 512 + 256 * run.results.count)
        guard run.pack(into: &writer) else { return nil }
        return (writer.bytes, ContentHash.of(writer.bytes))
    }

    /// The runs of a cached file as a build uses them: samples deferred, figures known.
    static func runs(of file: CachedFile, path: String) -> [Run] {
        file.runs.enumerated().map { index, cached in
            var run = cached.run
            run.origin = RunOrigin(path: path, identity: file.identity, index: index)
            run.samplesDeferred = true
            run.knownFingerprint = cached.fingerprint
            run.contentDigest = cached.digest
            return run
        }
    }

    /// The entry for a file just read, when its reading stands alone: no diagnostics, no metadata,
    /// every run complete in itself. Its runs get their origin; their figures are computed here.
    func entry(
        path: String, identity: String, output: inout FormatOutput, report: FileReport, diagnostics: [Diagnostic]
    ) -> CachedFile? {
        guard diagnostics.isEmpty, output.metadata.isEmpty,
            output.runs.allSatisfy({ $0.mergeKey == nil && !$0.samplesOnly && $0.companionKey == nil })
        else { return nil }
        var runs: [CachedRun] = []
        for index in output.runs.indices {
            let fingerprint = HistoryBuilder.fingerprint(output.runs[index])
            guard let (encodedRun, digest) = Self.encoded(output.runs[index]) else { return nil }
            output.runs[index].origin = RunOrigin(path: path, identity: identity, index: index)
            output.runs[index].knownFingerprint = fingerprint
            output.runs[index].contentDigest = digest
            let run = output.runs[index]
            runs.append(
                CachedRun(
                    run: Self.stripped(run), fingerprint: fingerprint, figures: run.results.map(Analyzer.figures),
                    digest: digest, encodedRun: encodedRun))
        }
        return CachedFile(version: version, path: path, identity: identity, report: report, runs: runs)
    }
}

extension Metadata {
    /// Nothing was read into it.
    var isEmpty: Bool {
        models.isEmpty && promptSets.isEmpty && qualityScores.isEmpty && rubric == nil && asvDefinitions.isEmpty
    }
}
