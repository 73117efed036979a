/// What a build did.
public struct BuildReport: Sendable {
    public var runs: Int
    public var series: Int
    public var pages: Int
    public var write: SiteWriter.Summary
    /// The regressions of the latest run (what `--fail-on-regression` fails on).
    public var latestRegressions: [SeriesComparison]
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
        let pipeline = BuildPipeline(options: options, diagnostics: diagnostics)
        let site = try pipeline.generate(from: BuildPipeline.timed("ingest") { pipeline.ingest() })
        let write = try BuildPipeline.timed("publish") { try pipeline.publish(site) }
        return BuildReport(
            runs: site.runs, series: site.series, pages: site.pages, write: write,
            latestRegressions: site.latestRegressions)
    }
}
