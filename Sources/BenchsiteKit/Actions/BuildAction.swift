import Foundation

/// What a build did.
public struct BuildReport: Sendable {
    public var runs: Int
    public var series: Int
    public var pages: Int
    public var write: SiteWriter.Summary
    /// The regressions of the latest run (what `--fail-on-regression` fails on), in words:
    /// `mistral-7b (gpu) latency +35.8%`.
    public var regressions: [String]
    /// Nothing had changed since the build that made the site in the output folder (`BuildStamp`):
    /// nothing was read or written.
    public var upToDate = false
    /// Input files taken from the build cache without reading them, and why the cache could not be
    /// used when it could not (`BuildCache`).
    public var filesFromCache = 0
    public var cacheNote: String?
}

/// `benchsite build`: the whole pipeline, then the site switched in. When any stage fails, nothing
/// in the output folder changes.
public struct BuildAction: Sendable {
    public var options: BuildOptions

    public init(_ options: BuildOptions) {
        self.options = options
    }

    /// Every file of the site, in memory; nothing is written.
    public func generate(diagnostics: DiagnosticCollector) throws -> SiteFiles {
        let pipeline = BuildPipeline(options: options, diagnostics: diagnostics)
        return try pipeline.generate(from: pipeline.ingest())
    }

    public func run(diagnostics: DiagnosticCollector) throws -> BuildReport {
        let fingerprint = BuildPipeline.timed("fingerprint") { BuildStamp.fingerprint(options) }
        if let fingerprint, let stamp = BuildStamp.intact(in: options.outputDirectory),
            stamp.fingerprint == fingerprint
        {
            diagnostics.emit(stamp.diagnostics)
            return BuildReport(
                runs: stamp.runs, series: stamp.series, pages: stamp.pages,
                write: SiteWriter.Summary(written: 0, unchanged: 0, removed: 0), regressions: stamp.regressions,
                upToDate: true)
        }
        let recorded = DiagnosticBuffer()
        let cache = BuildPipeline.timed("cache") {
            (options.usesCache ? BuildCache.version(options.ingest) : nil).map {
                BuildCache(outputDirectory: options.outputDirectory, version: $0)
            }
        }
        let pipeline = BuildPipeline(
            options: options, diagnostics: Forwarding(to: [diagnostics, recorded]), cache: cache)
        let ingested = BuildPipeline.timed("ingest") { pipeline.ingest() }
        // The site's files are staged as they are made; the published site changes only in `publish`.
        var publication: SiteWriter.Publication?
        defer { publication?.cancel() }
        let site = try pipeline.generate(from: ingested) { runs, published in
            let started = try pipeline.beginPublishing(runs: runs, published: published)
            publication = started
            return started
        }
        guard let publication else { throw ActionError.noValidRun }
        let write = try BuildPipeline.timed("publish") { try pipeline.publish(site, publication) }
        BuildPipeline.timed("cache write") {
            // Each output's key beside the hash of its bytes as published (`BuildCache.outputs`).
            var outputs: [String: BuildCache.Output] = [:]
            for (path, key) in site.cacheOutputs {
                if let hash = write.hashes[path] { outputs[path] = BuildCache.Output(key: key, contentHash: hash) }
            }
            // Each table's rows beside the hash of its bytes as published.
            var tables: [String: TableIndex] = [:]
            for (path, rows) in site.tables {
                if let hash = write.hashes[path] { tables[path] = TableIndex(contentHash: hash, runs: rows) }
            }
            cache?.write(
                inputs: ingested.cacheFiles, fresh: ingested.freshCacheFiles, outputs: outputs, tables: tables)
        }
        let regressions = site.latestRegressions.map { regression in
            let change = regression.change.map(NumberFormatting.signedPercent) ?? "?"
            return
                "\(regression.key.subject) (\(regression.key.scenario)) \(regression.metric.title.lowercased()) \(change)"
        }
        if let fingerprint, let manifest = BuildStamp.manifestHash(in: options.outputDirectory) {
            let outputs = site.extraOutputs.keys.sorted().compactMap { path -> BuildStamp.FileIdentity? in
                FileStatus.regularFile(path).map {
                    BuildStamp.FileIdentity(path: path, size: $0.size, modified: $0.modified)
                }
            }
            if outputs.count == site.extraOutputs.count {
                let stamp = BuildStamp(
                    fingerprint: fingerprint, manifest: manifest, runs: site.runs, series: site.series,
                    pages: site.pages,
                    regressions: regressions, diagnostics: recorded.diagnostics, extraOutputs: outputs)
                // Without a stamp the next build is a full one: a failure here costs time, not correctness.
                try? stamp.write(to: options.outputDirectory)
            }
        }
        if options.leavesMemoryToExit { ProcessEnd.keep(ingested) }
        var report = BuildReport(
            runs: site.runs, series: site.series, pages: site.pages, write: write, regressions: regressions)
        report.filesFromCache = ingested.filesFromCache
        report.cacheNote = cache?.note
        return report
    }
}

/// Sends each diagnostic to several collectors.
struct Forwarding: DiagnosticCollector {
    var collectors: [DiagnosticCollector]
    init(to collectors: [DiagnosticCollector]) { self.collectors = collectors }
    func emit(_ diagnostic: Diagnostic) {
        for collector in collectors { collector.emit(diagnostic) }
    }
}

/// What a one-shot command leaves for the process's end to free (`BuildOptions.leavesMemoryToExit`).
enum ProcessEnd {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) {
        lock.withLock { kept.append(value) }
    }
}
