/// What `benchsite validate` found: each file's format and contents; the problems went to the
/// collector.
public struct ValidateReport: Sendable {
    public var files: [FileReport]
    public var runs: Int
}

/// `benchsite validate`: every stage a build runs short of writing, so a file that would break a
/// build is reported here.
public struct ValidateAction: Sendable {
    public var options: BuildOptions

    public init(_ options: BuildOptions) {
        self.options = options
    }

    public func run(diagnostics: DiagnosticCollector) -> ValidateReport {
        let pipeline = BuildPipeline(options: options, diagnostics: diagnostics)
        let ingested = pipeline.ingest()
        if !ingested.runs.isEmpty {
            do {
                _ = try pipeline.generate(from: ingested)
            } catch {
                diagnostics.emit(Diagnostic(.error, "the site could not be built: \(error)"))
            }
        }
        return ValidateReport(files: ingested.files, runs: ingested.runs.count)
    }
}
