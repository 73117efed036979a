import Foundation

/// What to build and how.
public struct BuildOptions: Sendable {
    public var inputs: [String]
    public var outputDirectory: String
    public var siteTitle: String
    public var templatesDirectory: String?
    public var ingest: IngestOptions
    /// Render pages on all cores (the output is the same).
    public var parallel: Bool
    /// A run id or label: the latest run is compared with it on the overview and a compare page.
    public var baseline: String?
    public var comparison = ComparisonSettings()
    public var changePoints = ChangePointSettings()
    /// Keep only the latest N runs (the site and its history.json stop growing).
    public var keepRuns: Int?
    /// Where the site is published, for the feed's absolute links.
    public var baseURL: String?
    /// Also write the overview and latest run as one self-contained HTML file here.
    public var singleFile: String?
    /// Also write a GitHub-flavored Markdown report here.
    public var markdownReport: String?
    /// Which metrics and percentiles the pages show, model names and order.
    public var presentation = Presentation()
    /// Model facts from the settings file; they win over a `models.json` among the inputs.
    public var models: [String: ModelInfo] = [:]
    /// Replace files in the output folder that benchsite did not write.
    public var force = false
    /// Told how far the build is, from any thread.
    public var progress: ProgressObserver?

    public init(
        inputs: [String], outputDirectory: String, siteTitle: String = "Benchmarks", templatesDirectory: String? = nil,
        ingest: IngestOptions = IngestOptions(), parallel: Bool = true
    ) {
        self.inputs = inputs
        self.outputDirectory = outputDirectory
        self.siteTitle = siteTitle
        self.templatesDirectory = templatesDirectory
        self.ingest = ingest
        self.parallel = parallel
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var runs: Int
    public var series: Int
    public var pages: Int
    public var write: SiteWriter.Summary?
    /// Files outside the site (`--single-file`, `--markdown`) by the path given.
    public var extraOutputs: [String: [UInt8]] = [:]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public struct BuildFailure: Error, CustomStringConvertible {
    public var message: String
    public var diagnostics: [Diagnostic]
    public var description: String { message }
}

/// Runs the whole pipeline: Ingest → History → Analysis → Compose → Render → Output.
public enum SiteBuilder {
    /// Builds the site in memory: every file of the site by relative path. Nothing is written.
    public static func generate(_ options: BuildOptions) throws -> (files: [String: [UInt8]], report: BuildReport) {
        var ingestOptions = options.ingest
        ingestOptions.progress = ingestOptions.progress ?? options.progress
        let ingested = Ingest.read(paths: options.inputs, options: ingestOptions)
        return try generate(from: ingested, options)
    }

    /// Everything after reading, in memory: history, analysis, pages, exports. `benchsite validate`
    /// runs this too, so a file that would break a build is reported by `validate`.
    public static func generate(from ingested: IngestResult, _ options: BuildOptions) throws -> (files: [String: [UInt8]], report: BuildReport) {
        var diagnostics = ingested.diagnostics
        options.progress?(.analyzing, 0, 1)
        var metadata = ingested.metadata
        metadata.models.merge(options.models) { _, configured in configured }
        var (history, historyDiagnostics) = HistoryBuilder.build(runs: ingested.runs, metadata: metadata)
        diagnostics += historyDiagnostics
        if let keep = options.keepRuns, history.runs.count > keep {
            history = HistoryBuilder.build(runs: Array(history.runs.suffix(keep)), metadata: history.metadata).0
        }
        guard !history.runs.isEmpty else {
            throw BuildFailure(message: "no valid run found in the inputs; nothing was written", diagnostics: diagnostics)
        }
        let theme: Theme
        do {
            theme = try Theme.loading(overridesFrom: options.templatesDirectory)
        } catch let error as Theme.TemplateError {
            throw BuildFailure(message: "the templates have errors; nothing was written", diagnostics: diagnostics + [error.diagnostic])
        } catch {
            throw BuildFailure(message: "\(error)", diagnostics: diagnostics)
        }
        var analysisOptions = AnalysisOptions(comparison: options.comparison, changePoints: options.changePoints)
        if let baseline = options.baseline {
            guard let index = history.runs.lastIndex(where: { $0.id == baseline }) ?? history.runs.lastIndex(where: { $0.label == baseline }) else {
                throw BuildFailure(message: "--baseline \"\(baseline)\" is not the id or label of any run in the inputs; nothing was written", diagnostics: diagnostics)
            }
            analysisOptions.baselineRunIndex = index
        }
        let analysis = Analyzer.analyze(history, options: analysisOptions)
        options.progress?(.analyzing, 1, 1)
        let composer = PageComposer(analysis: analysis, theme: theme, siteTitle: options.siteTitle, presentation: options.presentation)
        let rendered: [(path: String, html: String)]
        do {
            let pages = try composer.composeAll(parallel: options.parallel, progress: options.progress)
            rendered = try PageRenderer.render(
                pages, theme: theme, siteTitle: options.siteTitle, runCount: history.runs.count, parallel: options.parallel,
                progress: options.progress)
        } catch {
            throw BuildFailure(message: "\(error)", diagnostics: diagnostics)
        }
        var files: [String: [UInt8]] = [:]
        for page in rendered { files[page.path] = Array(page.html.utf8) }
        files["assets/benchsite.css"] = Array(theme.stylesheet.utf8)
        options.progress?(.exporting, 0, 1)
        files["data/summary.csv"] = Array(SummaryCSV.make(analysis).utf8)
        files["data/verdicts.csv"] = Array(AnalysisCSV.verdicts(analysis).utf8)
        files["data/changepoints.csv"] = Array(AnalysisCSV.changePoints(analysis).utf8)
        files["data/samples.csv"] = SamplesCSV.make(history)
        files["data/history.json"] = HistoryExport.make(history)
        files["feed.xml"] = Array(AtomFeed.make(analysis, composer: composer, title: options.siteTitle, baseURL: options.baseURL).utf8)
        options.progress?(.exporting, 1, 1)
        var report = BuildReport(
            diagnostics: diagnostics, runs: history.runs.count, series: history.series.count, pages: rendered.count, write: nil)
        do {
            if let path = options.singleFile {
                report.extraOutputs[path] = Array(try SingleFilePage.make(composer, theme: theme, siteTitle: options.siteTitle).utf8)
            }
            if let path = options.markdownReport {
                report.extraOutputs[path] = Array(MarkdownReport.make(analysis, composer: composer, title: options.siteTitle).utf8)
            }
        } catch {
            throw BuildFailure(message: "\(error)", diagnostics: diagnostics)
        }
        return (files, report)
    }

    /// Builds the site and writes it. When building fails, nothing in the output folder changes.
    public static func build(_ options: BuildOptions) throws -> BuildReport {
        var (files, report) = try generate(options)
        do {
            let write = try SiteWriter(outputDirectory: options.outputDirectory, force: options.force).write(files, progress: options.progress)
            report.write = write
            for entry in write.ignoredManifestEntries {
                report.diagnostics.append(
                    Diagnostic(.warning, "entry not acted on: \(entry)", file: options.outputDirectory + "/" + SiteWriter.manifestName))
            }
            for (path, bytes) in report.extraOutputs.sorted(by: { $0.key < $1.key }) {
                let url = URL(fileURLWithPath: path)
                if FileManager.default.contents(atPath: path).map({ $0.elementsEqual(bytes) }) != true {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(bytes).write(to: url, options: .atomic)
                }
            }
        } catch {
            let message = (error as? SiteWriter.WriteError).map { "\($0.path): \($0.message)" } ?? "\(error)"
            throw BuildFailure(message: message, diagnostics: report.diagnostics)
        }
        return report
    }
}
