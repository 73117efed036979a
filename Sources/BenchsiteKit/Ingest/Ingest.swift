import Foundation

/// Options for reading inputs.
public struct IngestOptions: Sendable {
    /// Read every file as this format instead of detecting it (a name from `InputFormats`).
    public var forcedFormat: String?
    /// The date for runs whose file and file name carry none (`--date`).
    public var fallbackDate: Timestamp?
    /// File paths under this folder are shown relative to it, in diagnostics and on pages.
    public var displayBase: String?
    /// Told as files are read.
    public var progress: ProgressObserver?
    /// Only the latest N runs are kept (`--keep-runs`): pieces of a published history older than
    /// those are not read at all.
    public var keepRuns: Int?
    /// A file at least this large whose bytes can be had again is released as it is scanned, every
    /// `releaseStep` bytes (`Ingest.readFile`); tests make both small.
    var releasingSize = 32 << 20
    var releaseStep = 4 << 20
    /// Reads standard input, for the input `-` (tests give bytes instead).
    public var readStandardInput: @Sendable () -> [UInt8] = { Array(FileHandle.standardInput.readDataToEndOfFile()) }

    public init(forcedFormat: String? = nil, fallbackDate: Timestamp? = nil, displayBase: String? = nil) {
        self.forcedFormat = forcedFormat
        self.fallbackDate = fallbackDate
        self.displayBase = displayBase
    }

    func displayPath(_ path: String) -> String {
        if path == InputDiscovery.standardInput { return "<stdin>" }
        guard var base = displayBase, path.hasPrefix("/") else { return path }
        if !base.hasSuffix("/") { base += "/" }
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

/// What reading one file gave.
public struct FileReport: Sendable, Codable {
    public var file: String
    /// The detected (or forced) format, nil when the file could not be read.
    public var format: String?
    public var runs: Int
    public var series: Int
    public var samples: Int
}

/// Everything read from the inputs.
public struct IngestResult: Sendable {
    public var runs: [Run]
    public var metadata: Metadata
    public var files: [FileReport]
    public var diagnostics: [Diagnostic]
    /// With a build cache: the entry of every input file that can be cached, taken from the cache or
    /// made from this reading.
    public var cacheFiles: [String: BuildCache.CachedFile] = [:]
    /// Files taken from the build cache without reading them.
    public var filesFromCache = 0
    /// Files whose cache entry this reading made.
    public var freshCacheFiles: Set<String> = []

    /// Each result's figures computed when its file was read (or kept from an earlier build), by
    /// the run's origin.
    public var knownFigures: [String: [ResultFigures]] {
        var known: [String: [ResultFigures]] = [:]
        for (path, file) in cacheFiles {
            for (index, run) in file.runs.enumerated() {
                known[RunOrigin(path: path, identity: file.identity, index: index).key] = run.figures
            }
        }
        return known
    }
}

/// The Ingest stage: detect each file's format, parse it, map it into the common model, collect diagnostics.
public enum Ingest {
    /// The names accepted by `--format`.
    public static var formatNames: [String] { InputFormats.names }

    /// Reads all files (in parallel; the result does not depend on the order or the schedule).
    /// - Parameter cache: what an earlier build read (`BuildCache`): a file whose identity is the same
    ///   is taken from it without reading; when given, the result carries every cacheable file's entry.
    public static func read(
        paths: [String], options: IngestOptions = IngestOptions(), cache: BuildCache? = nil
    )
        -> IngestResult
    {
        let found = {
            var found = InputDiscovery.expand(paths)
            if let keep = options.keepRuns { found.files = HistoryPieces.keepingLatest(found.files, keep: keep).files }
            return found
        }()
        let files = found.files
        let counter = ProgressCounter(.reading, total: files.count, observer: options.progress)
        let entries = Locked<[String: BuildCache.CachedFile]>([:])
        let fromCache = Locked(0)
        let fresh = Locked<Set<String>>([])
        let read = parallelMap(files.count) { index -> (FormatOutput, FileReport, [Diagnostic]) in
            defer { counter.advance() }
            let identity =
                cache == nil || files[index] == InputDiscovery.standardInput ? nil : BuildStamp.identity(files[index])
            if let identity, let cached = cache?.file(files[index], identity: identity) {
                entries.withLock { $0[files[index]] = cached }
                fromCache.withLock { $0 += 1 }
                return (
                    FormatOutput(runs: BuildCache.runs(of: cached, path: files[index])), cached.report, []
                )
            }
            var read = readPath(files[index], walked: found.walked.contains(files[index]), options: options)
            if let identity,
                let entry = cache?.entry(
                    path: files[index], identity: identity, output: &read.0, report: read.1, diagnostics: read.2)
            {
                entries.withLock { $0[files[index]] = entry }
                fresh.withLock { _ = $0.insert(files[index]) }
            }
            return read
        }
        var runs: [Run] = []
        var metadata = Metadata()
        var reports: [FileReport] = []
        var diagnostics = found.diagnostics.map { d -> Diagnostic in
            var d = d
            d.file = d.file.map(options.displayPath)
            return d
        }
        for (output, report, fileDiagnostics) in read {
            runs += output.runs
            metadata.merge(output.metadata)
            reports.append(report)
            diagnostics += fileDiagnostics
        }
        runs = dropPhaseCopies(runs, diagnostics: &diagnostics)
        runs = dropSweepRunCopies(runs)
        runs = mergePairedFiles(runs)
        applyASVDefinitions(&runs, metadata.asvDefinitions, diagnostics: &diagnostics)
        for index in runs.indices where runs[index].samplesOnly {
            // A samples-only file without its partner stands alone.
            runs[index].samplesOnly = false
            if !dateFromPathOrOption(&runs[index], options: options) {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "no date for run \"\(runs[index].id)\" and no summary file beside it; pass --date YYYY-MM-DD",
                        file: runs[index].source.file))
            }
        }
        var result = IngestResult(runs: runs, metadata: metadata, files: reports, diagnostics: diagnostics)
        result.cacheFiles = entries.withLock { $0 }
        result.filesFromCache = fromCache.withLock { $0 }
        result.freshCacheFiles = fresh.withLock { $0 }
        return result
    }

    /// Reads one input file (or standard input, `-`): gzip and UTF-16 undone, its format detected
    /// and read. `walked`: found by walking a folder (a log there is skipped, not an error).
    static func readPath(
        _ file: String, walked: Bool, options: IngestOptions
    ) -> (FormatOutput, FileReport, [Diagnostic]) {
        let path = options.displayPath(file)
        do {
            var bytes =
                file == InputDiscovery.standardInput
                ? options.readStandardInput() : try FileContents.read(file)
            var piece: [UInt8]?
            // Bytes that can be had again (a file's, or uncompressed from what is still held; not
            // standard input's, not converted) may be released as they are scanned (`RunFileScanner`).
            var reread: (@Sendable () throws -> [UInt8])?
            if file != InputDiscovery.standardInput {
                reread = { @Sendable () throws -> [UInt8] in try FileContents.read(file) }
            }
            if Gzip.isCompressed(bytes) {
                let compressed = bytes
                bytes = try Gzip.decompress(bytes)
                reread = { try Gzip.decompress(compressed) }
                // A piece benchsite wrote, labelled with its text's hash (a large one's hashed in chunks).
                if let label = Gzip.label(of: compressed),
                    label == ContentHash.of(bytes) || label == ContentHash.streamed(bytes)
                {
                    piece = compressed
                }
            }
            if let converted = InputDocument.utf8(bytes) {  // UTF-16 (PowerShell's `>`)
                bytes = converted
                reread = nil
            }
            let source = SourceFile(path: path, bytes: bytes)
            bytes = []
            var read = readFile(source, options: options, reread: reread)
            if let piece, read.0.runs.count == 1 { read.0.runs[0].gzipPiece = piece }
            // A log beside the results (aiperf.log, a console dump) is not an input error.
            let ext = (file as NSString).pathExtension.lowercased()
            if walked, ["txt", "log", "out"].contains(ext), read.2.count == 1,
                read.2[0].message == InputDocument.noJSONMessage
            {
                read.2 = [Diagnostic(.warning, "skipped: no JSON in it (a log or console output)", file: path)]
            }
            return read
        } catch {
            let report = FileReport(file: path, format: nil, runs: 0, series: 0, samples: 0)
            let message =
                (error as? Gzip.Failure).map { "cannot read the gzip file: \($0.message)" }
                ?? "cannot read the file: \(error.localizedDescription)"
            return (FormatOutput(), report, [Diagnostic(.error, message, file: path)])
        }
    }

    /// AIPerf 0.12+ also writes each phase's aggregate under `phases/<phase>/`: the profiling phase
    /// repeats the run folder's own file, the warmup is not a result. Beside their run folder's file
    /// they are left out; alone, they are read.
    static func dropPhaseCopies(_ runs: [Run], diagnostics: inout [Diagnostic]) -> [Run] {
        let aiperf = AIPerfFormat().displayName
        guard runs.contains(where: { $0.source.format == aiperf }) else { return runs }
        let roots = Set(
            runs.filter { $0.source.format == aiperf }.map { ($0.source.file as NSString).deletingLastPathComponent })
        return runs.filter { run in
            guard run.source.format == aiperf else { return true }
            let folder = (run.source.file as NSString).deletingLastPathComponent
            let parent = (folder as NSString).deletingLastPathComponent
            guard (parent as NSString).lastPathComponent == "phases",
                roots.contains((parent as NSString).deletingLastPathComponent)
            else { return true }
            return false
        }
    }

    /// `vllm bench sweep` writes each repetition as `run=<n>.json` and all of them again in the
    /// folder's `summary.json`: beside a summary, the single runs are left out.
    static func dropSweepRunCopies(_ runs: [Run]) -> [Run] {
        let vllm = VLLMBenchmarkFormat().displayName
        // Most histories hold no vLLM run: nothing to look at (every run copied to be filtered).
        guard runs.contains(where: { $0.source.format == vllm }) else { return runs }
        let summaries = Set(
            runs.filter { $0.source.format == vllm && ($0.source.file as NSString).lastPathComponent == "summary.json" }
                .map { ($0.source.file as NSString).deletingLastPathComponent })
        return runs.filter { run in
            let name = (run.source.file as NSString).lastPathComponent
            guard run.source.format == vllm, name.hasPrefix("run="), name.hasSuffix(".json") else { return true }
            return !summaries.contains((run.source.file as NSString).deletingLastPathComponent)
        }
    }

    /// Gives the samples of a samples-only run (llmperf's individual responses) to the run read from
    /// its partner file (the summary); without a partner it stays a run of its own.
    static func mergePairedFiles(_ runs: [Run]) -> [Run] {
        // Without a samples-only run there is nothing to merge (every run copied to be filtered).
        guard runs.contains(where: \.samplesOnly) else { return runs }
        var primaryIndex: [String: Int] = [:]
        for (index, run) in runs.enumerated() where !run.samplesOnly {
            if let key = run.mergeKey, run.results.count == 1 { primaryIndex[key] = index }
        }
        var merged = runs
        var absorbed = Set<Int>()
        for (index, run) in runs.enumerated() where run.samplesOnly {
            guard let key = run.mergeKey, let target = primaryIndex[key], let samples = run.results.first else {
                continue
            }
            merged[target].results[0].samples = samples.samples
            merged[target].results[0].sampleFields = samples.sampleFields
            merged[target].source.aggregatesOnly = false
            merged[target].source.notes.append("Raw samples from \(run.source.file).")
            merged[target].source.unreadFields += run.source.unreadFields
            let failures = samples.samples.failedCount
            if failures > 0 { merged[target].results[0].status = .init(failed: failures, total: samples.samples.count) }
            absorbed.insert(index)
        }
        return merged.enumerated().filter { !absorbed.contains($0.offset) }.map(\.element)
    }

    /// Reads one file that is already in memory.
    public static func read(_ file: SourceFile, options: IngestOptions = IngestOptions()) -> IngestResult {
        let (output, report, diagnostics) = readFile(file, options: options)
        return IngestResult(runs: output.runs, metadata: output.metadata, files: [report], diagnostics: diagnostics)
    }

    /// `scanning`: a benchsite run file is read by `RunFileScanner` when it can (false: always the
    /// general way, for the tests that compare both). `reread`: given when nobody else holds
    /// `file`'s bytes and they can be had again: a large file's are then released as they are
    /// scanned (a run file's samples take as much memory as its text), and had again should the
    /// general path need them.
    static func readFile(
        _ file: SourceFile, options: IngestOptions, scanning: Bool = true,
        reread: (@Sendable () throws -> [UInt8])? = nil
    ) -> (FormatOutput, FileReport, [Diagnostic]) {
        var file = file
        var report = FileReport(file: file.path, format: nil, runs: 0, series: 0, samples: 0)
        let runFormat = RunFormatReader()
        if scanning, options.forcedFormat == nil || options.forcedFormat == runFormat.name {
            let releasing = reread != nil && file.bytes.count >= options.releasingSize
            // Diagnostics name lines: their starts are found in the bytes read again.
            if releasing, let reread { file = file.releasable(reread: reread) }
            let (scanned, released) = RunFileScanner.scan(
                file.bytes, releasingEvery: releasing ? options.releaseStep : nil)
            if let scanned {
                report.format = runFormat.name
                var reader = FieldReader(file: file)
                let output = runFormat.read(scanned, reader: &reader)
                return finish(
                    output, report: report, diagnostics: reader.finishedDiagnostics(), file: file, options: options)
            }
            if released, let reread {
                do {
                    file = SourceFile(path: file.path, bytes: try reread())
                } catch {
                    return (
                        FormatOutput(), report,
                        [
                            Diagnostic(
                                .error, "cannot read the file again: \(error.localizedDescription)", file: file.path)
                        ]
                    )
                }
            }
        }
        let reading: InputDocument.Reading
        switch InputDocument.read(file) {
        case .success(let found): reading = found
        case .failure(let diagnostic): return (FormatOutput(), report, [diagnostic])
        }
        var document = reading.document
        if case .single(let root) = document, root.objectMembers == nil, root.arrayElements == nil {
            let size = file.bytes.count >= 1_000_000 ? " (\(file.bytes.count / 1_000_000) MB)" : ""
            return (
                FormatOutput(), report,
                [
                    file.diagnostic(
                        .error,
                        "expected a JSON object or array at the top level, found \(root.kindDescription)\(size)",
                        at: root.offset)
                ]
            )
        }
        let format: any InputFormat
        if let forced = options.forcedFormat {
            guard let named = InputFormats.named(forced) else {
                return (
                    FormatOutput(), report,
                    [
                        Diagnostic(
                            .error,
                            "unknown format \"\(forced)\"; expected one of \(InputFormats.names.joined(separator: ", "))",
                            file: file.path)
                    ]
                )
            }
            format = named
        } else {
            // JSON log lines may come before the data: the first document some format reads wins.
            var detected: (any InputFormat, InputDocument)?
            for candidate in document.candidates {
                if let match = InputFormats.all.first(where: { $0.matches(candidate) }) {
                    detected = (match, candidate)
                    break
                }
            }
            guard let (match, candidate) = detected else {
                return (FormatOutput(), report, reading.diagnostics + [unrecognized(file, document)])
            }
            format = match
            document = candidate
        }
        report.format = format.name
        var reader = FieldReader(file: file)
        let output = format.read(document, reader: &reader)
        return finish(
            output, report: report, diagnostics: reading.diagnostics + reader.finishedDiagnostics(), file: file,
            options: options)
    }

    /// What every format's reading ends with: each run's identity resolved, its series separated,
    /// path-like names noted, and the file's report counted.
    private static func finish(
        _ output: FormatOutput, report: FileReport, diagnostics: [Diagnostic], file: SourceFile, options: IngestOptions
    ) -> (FormatOutput, FileReport, [Diagnostic]) {
        var output = output, report = report, diagnostics = diagnostics
        for index in output.runs.indices {
            resolveIdentity(
                of: &output.runs[index], index: index, of: output.runs.count, file: file, options: options,
                diagnostics: &diagnostics)
            for message in output.runs[index].separateSeries() {
                diagnostics.append(Diagnostic(.warning, message, file: file.path))
            }
            for subject in Set(output.runs[index].results.map(\.subject)).sorted() where isPathLike(subject) {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "model name \"\(subject)\" looks like a path; it is shown as text and its page gets a safe file name",
                        file: file.path))
            }
        }
        report.runs = output.runs.count
        report.series = output.runs.reduce(0) { $0 + $1.results.count }
        report.samples = output.runs.reduce(0) { $0 + $1.results.reduce(0) { $0 + $1.samples.count } }
        return (output, report, diagnostics)
    }

    /// File names that tools write by default, which say nothing about the run.
    static let defaultFileStems: Set<String> = [
        "profile_export_aiperf", "profile_export_genai_perf", "profile_export", "benchmarks", "benchmark", "summary",
        "results", "result",
        "output", "report", "export",
    ]

    /// Names that would climb out of a folder if used as a path (`../../etc/passwd`). Names such as
    /// `meta-llama/Llama-3.2-3B-Instruct` or a served model's folder (`/models/llama-3-8b`) are common and fine.
    static func isPathLike(_ name: String) -> Bool {
        // A ".." between separators (or at an end): checked on the bytes, without splitting the name.
        func isSeparator(_ byte: UInt8) -> Bool { byte == 0x2F || byte == 0x5C }
        // The last three bytes; a separator stands before the start.
        var (a, b, c): (UInt8, UInt8, UInt8) = (0x2F, 0x2F, 0x2F)
        for byte in name.utf8 {
            if isSeparator(byte), isSeparator(a), b == 0x2E, c == 0x2E { return true }
            (a, b, c) = (b, c, byte)
        }
        return isSeparator(a) && b == 0x2E && c == 0x2E
    }

    /// Dates an undated run from its file or folder name, else from `--date`; false when neither has one.
    private static func dateFromPathOrOption(_ run: inout Run, options: IngestOptions) -> Bool {
        guard run.timestamp == nil else { return true }
        if let fromPath = DateInPath.find(in: run.source.file) {
            run.timestamp = fromPath
            run.timestampSource = .fileName
        } else if let fallback = options.fallbackDate {
            run.timestamp = fallback
            run.timestampSource = .commandLine
        } else {
            return false
        }
        return true
    }

    /// Gives a run its id (from the file name when the file names none) and its timestamp:
    /// from the file, else from a date in its path, else from `--date`; never the modification time.
    private static func resolveIdentity(
        of run: inout Run, index: Int, of count: Int, file: SourceFile, options: IngestOptions,
        diagnostics: inout [Diagnostic]
    ) {
        if run.id.isEmpty {
            var stem = file.fileName
            if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
            // Tools that always write the same file name (AIPerf's profile_export_aiperf.json, GuideLLM's
            // benchmarks.json) tell runs apart by their folder: name the run after it.
            let folder = file.path.split(separator: "/").dropLast().last.map(String.init)
            if let folder, folder != ".", folder != ".." {
                if Self.defaultFileStems.contains(stem.lowercased()) {
                    stem = folder
                } else if stem.hasPrefix("run="), stem.dropFirst(4).allSatisfy(\.isNumber) {
                    stem = "\(folder)-\(stem)"  // vllm bench sweep: run=0.json in each point's folder
                }
            }
            run.id = count > 1 ? "\(stem)-\(index + 1)" : stem
        }
        guard run.timestamp == nil else { return }
        if run.samplesOnly { return }  // dated by its partner file; see mergePairedFiles
        if !dateFromPathOrOption(&run, options: options) {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "no date for run \"\(run.id)\": the file has no timestamp and its name no date (like 2026-10-01); pass --date YYYY-MM-DD. It is listed as undated, before dated runs",
                    file: file.path))
        }
    }

    private static func unrecognized(_ file: SourceFile, _ document: InputDocument) -> Diagnostic {
        let first = document.values.first
        var keys: [String] = []
        if let members = first?.objectMembers {
            keys = members.map(\.key)
            // Formats whose records sit one level down (`results`, `benchmarks`).
            for member in members {
                if let inner = member.value.arrayElements?.first?.objectMembers { keys += inner.map(\.key) }
            }
        } else if let element = first?.arrayElements?.first, let members = element.objectMembers {
            keys = members.map(\.key)
        }
        let present = Set(keys)
        struct Candidate {
            var name: String
            var matched: Int
            var missing: [String]
        }
        var ranked: [Candidate] = []
        for format in InputFormats.all where !format.signature.isEmpty {
            let matched = format.signature.filter { present.contains($0) }.count
            if matched > 0 {
                ranked.append(
                    Candidate(
                        name: format.name, matched: matched, missing: format.signature.filter { !present.contains($0) })
                )
            }
        }
        ranked.sort { $0.matched != $1.matched ? $0.matched > $1.matched : $0.name < $1.name }
        let shown = keys.prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
        var message = "not a format benchsite reads (found keys \(shown.isEmpty ? "none" : shown))"
        if ranked.isEmpty {
            message +=
                "; expected one of: \(InputFormats.names.joined(separator: ", ")) (benchsite build --list-formats)"
        } else {
            let closest = ranked.prefix(2).map { candidate in
                candidate.missing.isEmpty
                    ? "\(candidate.name) (its keys are there, but not laid out as it writes them)"
                    : "\(candidate.name) (missing \(candidate.missing.map { "\"\($0)\"" }.joined(separator: ", ")))"
            }
            message += "; closest formats: \(closest.joined(separator: "; "))"
        }
        return file.diagnostic(.error, message, at: first?.offset)
    }
}
