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
    /// Keep only the latest N runs (the site and its published history stop growing).
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
    /// Publish a site with fewer runs than the one in the output folder (a history that shrinks is
    /// otherwise refused: it is how a failed fetch of the published history shows).
    public var allowShrink = false
    /// Read and write the build cache in the output folder (`BuildCache`); off, every build is a full one.
    public var usesCache = true
    /// Told how far the build is, from any thread.
    public var progress: ProgressObserver?
    /// Leave the history and its analysis to the process's end instead of freeing them, for a command
    /// that exits right after the build (`benchsite build`): freeing a thousand runs' objects one by
    /// one took a tenth of a build that adds one run, and the process's end returns the memory at
    /// once (compilers do the same). Off in a long-lived process (`serve --watch`, tests).
    public var leavesMemoryToExit = false

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
