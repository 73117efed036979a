import Foundation

/// The site's pipeline, with a named value between each stage:
///
///     inputs ─ingest→ IngestResult ─history→ History ─analyze→ SiteAnalysis
///            ─pages→ ComposedSite ─package→ SiteFiles ─publish→ SiteWriter.Summary
///
/// Each stage is one call; `BuildAction` runs them all and `ValidateAction` stops before
/// publishing. Every stage sends its diagnostics to one collector; a stage that cannot go on
/// throws an `ActionError`. The site's files go to a `SiteSink` as they are made (pages as each is
/// rendered, pieces as each is compressed): staged for publishing by `build`, so a large site is
/// never held in memory whole, or collected in memory for `validate` and tests.
public struct BuildPipeline: Sendable {
    public var options: BuildOptions
    public var diagnostics: DiagnosticCollector
    /// What the last build into the output folder kept (`BuildCache`): with it, unchanged inputs are
    /// not read again and unchanged run pages and pieces are kept as published (`IncrementalBuild`).
    public var cache: BuildCache?

    public init(options: BuildOptions, diagnostics: DiagnosticCollector, cache: BuildCache? = nil) {
        self.options = options
        self.diagnostics = diagnostics
        self.cache = cache
    }

    var ingestOptions: IngestOptions {
        var ingestOptions = options.ingest
        ingestOptions.progress = ingestOptions.progress ?? options.progress
        ingestOptions.keepRuns = ingestOptions.keepRuns ?? options.keepRuns
        return ingestOptions
    }

    /// Ingest: every input file read into runs, with what each file held.
    public func ingest() -> IngestResult {
        let ingested = Ingest.read(paths: options.inputs, options: ingestOptions, cache: cache)
        diagnostics.emit(ingested.diagnostics)
        return ingested
    }

    /// History: runs in time order, duplicates merged, trimmed to `keepRuns`; model facts from the
    /// settings file win over a `models.json` among the inputs.
    public func history(_ ingested: IngestResult) throws -> History {
        options.progress?(.analyzing, 0, 1)
        var metadata = ingested.metadata
        metadata.models.merge(options.models) { _, configured in configured }
        let history = HistoryBuilder.build(
            runs: ingested.runs, metadata: metadata, keepLatest: options.keepRuns, diagnostics: diagnostics)
        guard !history.runs.isEmpty else { throw ActionError.noValidRun }
        return history
    }

    /// The templates (defaults, or a folder's overrides); their errors are diagnostics.
    public func theme() throws -> Theme {
        do {
            return try Theme.loading(overridesFrom: options.templatesDirectory)
        } catch let error as Theme.TemplateError {
            diagnostics.emit(error.diagnostic)
            throw ActionError.templates
        }
    }

    /// Analysis: figures, verdicts, change points, highlights; the `--baseline` run resolved here.
    public func analyze(_ history: History, known: [String: [ResultFigures]] = [:]) throws -> SiteAnalysis {
        var analysisOptions = AnalysisOptions(comparison: options.comparison, changePoints: options.changePoints)
        if let baseline = options.baseline {
            guard let index = history.runIndex(idOrLabel: baseline) else { throw ActionError.unknownBaseline(baseline) }
            analysisOptions.baselineRunIndex = index
        }
        let analysis = Analyzer.analyze(history, options: analysisOptions, known: known)
        options.progress?(.analyzing, 1, 1)
        return analysis
    }

    /// Pages: composed and rendered, page by page on all cores, each added to `sink` as soon as it is
    /// rendered, so cmark-gfm's parsing (serialized: see `MarkdownRenderer`) overlaps composing other
    /// pages and no page is held beside the others. The composed site holds what `--single-file`
    /// needs (its sections) and how many pages there are.
    func pages(
        _ analysis: SiteAnalysis, theme: Theme, map: SiteMap? = nil, skippingRuns: Set<Int> = [],
        into sink: SiteSink
    ) throws -> ComposedSite {
        let composer = PageComposer(
            analysis: analysis, theme: theme, siteTitle: options.siteTitle, presentation: options.presentation,
            map: map)
        let siteTitle = options.siteTitle, runCount = analysis.history.runs.count
        let keepsOverview = options.singleFile != nil
        let overview = try composer.composeAll(
            parallel: options.parallel, progress: options.progress, stage: .rendering, skippingRuns: skippingRuns
        ) { page -> ComposedPage? in
            try sink.add(
                page.path, try PageRenderer.renderBytes(page, theme: theme, siteTitle: siteTitle, runCount: runCount))
            return keepsOverview && page.path == "index.html" ? page : nil
        }
        let singleFile =
            keepsOverview ? try composer.singleFileSections(overview: overview.lazy.compactMap { $0 }.first) : []
        return ComposedSite(
            analysis: analysis, map: composer.map, pageCount: overview.count, singleFileSections: singleFile)
    }

    /// Package: the stylesheet, the data exports, the feed and the history's pieces, into `sink`; the
    /// files asked for outside the site (`--single-file`, `--markdown`), in memory.
    func package(
        _ composed: ComposedSite, theme: Theme, plan: IncrementalBuild = IncrementalBuild(),
        published: SiteWriter.Manifest, into sink: SiteSink
    ) throws -> SiteFiles {
        let analysis = composed.analysis
        try sink.add("assets/benchsite.css", Array(theme.stylesheet.utf8))
        options.progress?(.exporting, 0, 1)
        // The tables of the whole history, side by side.
        let map = composed.map
        let siteTitle = options.siteTitle, baseURL = options.baseURL
        // The two that grow by a row per run and series take the rows of unchanged runs from the
        // published tables (`TableIndex`), when the build cache knows where they are.
        let cachedTables = cache?.tables ?? [:]
        let compressor = PieceCompressor(outputDirectory: options.outputDirectory, published: published)
        let previous = { @Sendable (path: String) -> (bytes: [UInt8], index: TableIndex)? in
            // The published table while it is as written; `TableWriter` checks its bytes against the index.
            guard let index = cachedTables[path], let bytes = compressor.writer.unmodified(path, in: published)
            else { return nil }
            return (bytes, index)
        }
        typealias Previous = (bytes: [UInt8], index: TableIndex)?
        let exports: [(path: String, make: @Sendable (Previous) -> (bytes: [UInt8], runs: [TableIndex.Rows]?))] = [
            ("data/verdicts.csv", { AnalysisCSV.verdictTable(analysis, previous: $0) }),
            ("data/summary.csv", { SummaryCSV.table(analysis, previous: $0) }),
            ("data/changepoints.csv", { _ in (Array(AnalysisCSV.changePoints(analysis).utf8), nil) }),
            ("data/runs.csv", { _ in (Array(RunsCSV.make(analysis.history).utf8), nil) }),
            (
                HistoryPieces.indexPath,
                { _ in
                    (
                        Array(
                            HistoryPieces.index(analysis.history, slug: map.runSlug, hasSamples: analysis.hasSamples)
                                .utf8), nil
                    )
                }
            ),
            (
                "feed.xml",
                { _ in (Array(AtomFeed.make(analysis, map: map, title: siteTitle, baseURL: baseURL).utf8), nil) }
            ),
        ]
        // The tables and the history in pieces (each run and its samples as gzip files of their own:
        // HistoryPieces) in one batch on all cores, the tables first: the longest table no longer
        // leaves a core idle while it is written.
        let history = analysis.history
        let made = try parallelMap(
            exports.count + history.runs.count,
            throwing: { index -> [TableIndex.Rows]? in
                if index < exports.count {
                    let made = exports[index].make(previous(exports[index].path))
                    try sink.add(exports[index].path, made.bytes)
                    return made.runs
                }
                let runIndex = index - exports.count
                if plan.keptPieces.contains(runIndex) { return nil }
                let run = history.runs[runIndex]
                let slug = composed.map.runSlug(runIndex)
                let runPath = HistoryPieces.runPath(run, slug: slug)
                let samples = run.results.reduce(0) { $0 + $1.samples.count }
                try sink.add(
                    runPath,
                    try compressor.file(
                        runPath, input: run.gzipPiece, samples: samples, capacity: 4096 + samples * 120
                    ) { RunFormatWriter.piece(run, into: &$0) })
                // A run of reported figures only has no samples file (history.tsv says so).
                guard analysis.hasSamples(run: runIndex) else { return nil }
                let samplesPath = HistoryPieces.samplesPath(run, slug: slug)
                try sink.add(
                    samplesPath,
                    try compressor.file(samplesPath, samples: samples, capacity: 256 + samples * 160) {
                        SamplesCSV.file(run, into: &$0)
                    })
                return nil
            })
        let tableRows = made.prefix(exports.count)
        if let metadata = RunFormatWriter.metadata(history.metadata) {
            try sink.add(HistoryPieces.metadataPath, metadata)
        }
        options.progress?(.exporting, 1, 1)
        var extraOutputs: [String: [UInt8]] = [:]
        if let path = options.singleFile {
            extraOutputs[path] = Array(
                try SingleFilePage.make(
                    composed.singleFileSections, theme: theme, siteTitle: options.siteTitle,
                    runCount: analysis.history.runs.count
                ).utf8)
        }
        if let path = options.markdownReport {
            extraOutputs[path] = Array(MarkdownReport.make(analysis, map: composed.map, title: options.siteTitle).utf8)
        }
        var site = SiteFiles(
            files: [:], extraOutputs: extraOutputs, runs: analysis.history.runs.count,
            series: analysis.history.series.count,
            pages: composed.pageCount + plan.keptRunPages.count,
            latestRegressions: analysis.latestVerdicts.filter { $0.verdict == .regression })
        site.kept = plan.kept
        site.cacheOutputs = plan.keys
        for (export, rows) in zip(exports, tableRows) {
            if let rows { site.tables[export.path] = rows }
        }
        return site
    }

    /// Every stage short of publishing, the files in memory: what `validate` checks (and tests read).
    public func generate(from ingested: IngestResult) throws -> SiteFiles {
        let collected = CollectedFiles()
        var site = try generate(from: ingested) { _, _ in collected }
        site.files = collected.files
        return site
    }

    /// Every stage short of publishing, the site's files added to the sink `open` gives once the
    /// history is known (with its number of runs) and before the first file is made; `open` is also
    /// given the manifest of the site in the output folder, as the build read it.
    public func generate(
        from ingested: IngestResult, into open: (_ runs: Int, _ published: SiteWriter.Manifest) throws -> SiteSink
    ) throws -> SiteFiles {
        var history: History = try Self.timed("history") { try self.history(ingested) }
        // The site in the output folder: what may be kept, what may be taken compressed (read once).
        let published = SiteWriter(outputDirectory: options.outputDirectory).readManifest()
        let theme = try self.theme()
        // The latest and `--baseline` runs are compared on their samples.
        let baseline = options.baseline.flatMap { history.runIndex(idOrLabel: $0) }
        let compared = Set([history.runs.count - 1] + (baseline.map { [$0] } ?? []))
        try IncrementalBuild.hydrate(&history, runs: compared, options: ingestOptions)
        var analysis = try Self.timed("analyze") { try analyze(history, known: ingested.knownFigures) }
        var plan = IncrementalBuild()
        // The site map the plan made, for the pages (its slugs and groups are a pass over every run).
        var map: SiteMap?
        if let cache {
            plan = try Self.timed("plan") {
                let settings = IncrementalBuild.settingsKey(
                    siteTitle: options.siteTitle, presentation: options.presentation, theme: theme,
                    runCount: options.templatesDirectory == nil ? nil : analysis.history.runs.count)
                let planned = SiteMap(analysis: analysis, presentation: options.presentation)
                map = planned
                let plan = IncrementalBuild.plan(
                    analysis, map: planned, settings: settings, cache: cache, outputDirectory: options.outputDirectory,
                    published: published)
                var runs = analysis.history
                let needed = plan.runsNeedingSamples(runs, groups: planned.groups, baseline: baseline)
                try IncrementalBuild.hydrate(&runs, runs: needed, options: ingestOptions)
                analysis.takeSamples(of: runs.runs, at: needed.union(compared))
                return plan
            }
        }
        let sink = try open(history.runs.count, published)
        let composed = try Self.timed("pages") {
            try pages(
                analysis, theme: theme, map: map?.with(history: analysis.history), skippingRuns: plan.keptRunPages,
                into: sink)
        }
        defer { if options.leavesMemoryToExit { ProcessEnd.keep(composed) } }
        return try Self.timed("package") {
            try package(composed, theme: theme, plan: plan, published: published, into: sink)
        }
    }

    /// With `BENCHSITE_TIMINGS` set in the environment, each stage's wall time goes to standard error
    /// (for `scripts/benchmark.py`; the output is otherwise the same).
    static let showsTimings = ProcessInfo.processInfo.environment["BENCHSITE_TIMINGS"] != nil

    static func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        guard showsTimings else { return try body() }
        /// CPU seconds (user and system) and peak resident MiB of the process so far.
        func usage() -> (cpu: Double, peakMiB: Int) {
            var usage = rusage()
            #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let peak = usage.ru_maxrss >> 10  // kilobytes
            #else
            getrusage(RUSAGE_SELF, &usage)
            let peak = usage.ru_maxrss >> 20  // bytes
            #endif
            let cpu =
                Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            return (cpu, peak)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let startCPU = usage().cpu
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let now = usage()
            let line =
                "benchsite timing: \(stage) \(NumberFormatting.fixed(seconds, 3)) s wall, \(NumberFormatting.fixed(now.cpu - startCPU, 3)) s CPU, peak \(now.peakMiB) MiB so far\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        return try body()
    }

    /// Refuses a site with fewer runs than the one in the output folder (what a failed fetch of the
    /// published history looks like), unless `--keep-runs` or `--allow-shrink` says so.
    func checkShrinking(runs: Int, publishedRunPages published: Int) throws {
        guard !options.allowShrink else { return }
        if runs < min(published, options.keepRuns ?? .max) {
            throw ActionError.historyShrinks(folder: options.outputDirectory, published: published, now: runs)
        }
    }

    /// Starts publishing into the output folder (`SiteWriter.begin`): the site's files are staged as
    /// they are made; the published site stays as it is until `publish`.
    func beginPublishing(runs: Int, published: SiteWriter.Manifest) throws -> SiteWriter.Publication {
        let publication: SiteWriter.Publication
        do {
            publication = try SiteWriter(outputDirectory: options.outputDirectory, force: options.force).begin(
                knowing: published)
        } catch let error as SiteWriter.WriteError {
            throw ActionError.write(error)
        }
        do {
            try checkShrinking(runs: runs, publishedRunPages: publication.publishedRunPages)
        } catch {
            publication.cancel()
            throw error
        }
        return publication
    }

    /// Output: the site switched in atomically (the old site stays whole when anything fails), then
    /// the files outside it.
    public func publish(_ site: SiteFiles, _ publication: SiteWriter.Publication) throws -> SiteWriter.Summary {
        // The cache's record of the pages describes the old site: it goes before the site changes,
        // the new one comes after (`BuildCache.write`).
        cache?.forgetOutputs()
        options.progress?(.writing, 0, 1)
        defer { options.progress?(.writing, 1, 1) }
        let summary: SiteWriter.Summary
        do {
            summary = try publication.finish(keeping: site.kept)
        } catch let error as SiteWriter.WriteError {
            throw ActionError.write(error)
        }
        for entry in summary.ignoredManifestEntries {
            diagnostics.emit(
                Diagnostic(
                    .warning, "entry not acted on: \(entry)",
                    file: options.outputDirectory + "/" + SiteWriter.manifestName))
        }
        for (path, bytes) in site.extraOutputs.sorted(by: { $0.key < $1.key }) {
            let url = URL(fileURLWithPath: path)
            if FileManager.default.contents(atPath: path).map({ $0.elementsEqual(bytes) }) == true { continue }
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw ActionError.io(path: path, message: "cannot write: \(error.localizedDescription)")
            }
        }
        return summary
    }
}

/// Where the site's files go as they are made: staged for publishing (`SiteWriter.Publication`) or
/// collected in memory (`CollectedFiles`). Files are added from any thread, each path once.
public protocol SiteSink: Sendable {
    func add(_ path: String, _ bytes: [UInt8]) throws
}

extension SiteWriter.Publication: SiteSink {}

/// The site's files in memory, by path.
final class CollectedFiles: SiteSink {
    private let collected = Locked<[String: [UInt8]]>([:])

    func add(_ path: String, _ bytes: [UInt8]) throws {
        try collected.withLock { files in
            guard files[path] == nil else { throw ActionError.io(path: path, message: "made twice in one build") }
            files[path] = bytes
        }
    }

    var files: [String: [UInt8]] { collected.withLock { $0 } }
}

/// Between the pages and packaging: the analysis, the site map whose names and links later stages
/// share, how many pages were made, and the sections of `--single-file` when asked for.
public struct ComposedSite: Sendable {
    public var analysis: SiteAnalysis
    public var map: SiteMap
    public var pageCount: Int
    public var singleFileSections: [SingleFileSection]
}

/// What a build made: the files asked for outside the site, by the path given, what the site is (its
/// runs, series, pages, the latest run's regressions) and, when collected in memory (`validate`,
/// tests), every file of the site by relative path.
public struct SiteFiles: Sendable {
    public var files: [String: [UInt8]]
    public var extraOutputs: [String: [UInt8]]
    public var runs: Int
    public var series: Int
    public var pages: Int
    /// The regressions of the latest run: against `--baseline`, else against its own history.
    public var latestRegressions: [SeriesComparison]
    /// Files of the published site kept as they are (`IncrementalBuild`): part of the site, not in `files`.
    public var kept: Set<String> = []
    /// Each run page's and piece's key, for the build cache.
    public var cacheOutputs: [String: UInt64] = [:]
    /// Where each run's rows are in the whole-history tables, for the build cache (`TableIndex`).
    public var tables: [String: [TableIndex.Rows]] = [:]
}
