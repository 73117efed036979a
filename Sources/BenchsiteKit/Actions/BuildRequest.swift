import Foundation

/// What the command line asks of a build, before the settings file and the defaults fill the rest.
///
/// `build`, `validate` and `serve --watch` share it (one option group), so they build the same
/// site from the same words. Precedence, in one place (`resolve`): command line, then the settings
/// file (`--config FILE`, else `benchsite.yml` in the current folder), then the defaults.
public struct BuildRequest: Sendable, Equatable {
    public var inputs: [String] = []
    public var outputDirectory = "public"
    public var title: String?
    /// `--config`: a settings file; nil looks for `benchsite.yml` in the current folder.
    public var settingsFile: String?
    public var templates: String?
    public var format: String?
    public var date: String?
    public var baseline: String?
    public var singleFile: String?
    public var markdownReport: String?
    public var baseURL: String?
    public var keepRuns: Int?
    public var force = false
    public var allowShrink = false

    public init(inputs: [String] = [], outputDirectory: String = "public") {
        self.inputs = inputs
        self.outputDirectory = outputDirectory
    }

    /// What is wrong with the request itself (usage errors), in the words `--help` uses.
    public var usageProblems: [String] {
        var problems: [String] = []
        if let format, !Ingest.formatNames.contains(format) {
            problems.append("Unknown format \"\(format)\". Formats: \(Ingest.formatNames.joined(separator: ", ")).")
        }
        if let date, Timestamp(iso8601: date) == nil {
            problems.append("--date expects a date like 2026-10-01 or 2026-10-01T02:00:00Z, not \"\(date)\".")
        }
        if let keepRuns, keepRuns < 1 { problems.append("--keep-runs must be at least 1.") }
        if let baseURL, !SiteSettings.isValidBaseURL(baseURL) {
            problems.append(
                "--base-url must be an http(s) URL like https://example.com/bench/ or a path like /bench/, not \"\(baseURL)\"."
            )
        }
        return problems
    }

    /// The build's options: the command line over the settings file over the defaults.
    /// `currentDirectory` is where file paths in pages and diagnostics are shown relative to.
    public func resolve(currentDirectory: String, diagnostics: DiagnosticCollector) throws -> BuildOptions {
        var options = BuildOptions(
            inputs: inputs, outputDirectory: outputDirectory, siteTitle: title ?? "Benchmarks",
            templatesDirectory: templates,
            ingest: IngestOptions(
                forcedFormat: format, fallbackDate: date.flatMap(Timestamp.init(iso8601:)),
                displayBase: currentDirectory))
        options.baseline = baseline
        options.keepRuns = keepRuns
        options.baseURL = baseURL
        options.singleFile = singleFile
        options.markdownReport = markdownReport
        options.force = force
        options.allowShrink = allowShrink
        guard let (path, config) = try SiteSettings.find(settingsFile, diagnostics: diagnostics) else { return options }
        if title == nil, let configured = config.title { options.siteTitle = configured }
        options.baseURL = options.baseURL ?? config.baseURL
        options.baseline = options.baseline ?? config.baseline
        options.keepRuns = options.keepRuns ?? config.keepRuns
        if options.templatesDirectory == nil, let configured = config.templates {
            options.templatesDirectory = Self.resolve(configured, relativeTo: path)
        }
        options.comparison = config.comparisonSettings(options.comparison)
        options.changePoints = config.changePoints
        options.presentation = config.presentation
        options.models = config.models
        return options
    }

    /// A path in the settings file is relative to the file's folder.
    static func resolve(_ relative: String, relativeTo settingsFile: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let folder = (settingsFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
    }

    /// The `benchsite build` arguments that make this request: `serve --watch` rebuilds with them in
    /// a child process, so it builds exactly what `build` builds.
    public var buildArguments: [String] {
        var arguments = ["build", "--out", outputDirectory]
        func add(_ flag: String, _ value: String?) {
            if let value { arguments += [flag, value] }
        }
        add("--title", title)
        add("--config", settingsFile)
        add("--templates", templates)
        add("--format", format)
        add("--date", date)
        add("--baseline", baseline)
        add("--single-file", singleFile)
        add("--markdown", markdownReport)
        add("--base-url", baseURL)
        add("--keep-runs", keepRuns.map(String.init))
        if force { arguments.append("--force") }
        if allowShrink { arguments.append("--allow-shrink") }
        // After `--`, an input named like an option is still an input.
        return arguments + ["--"] + inputs
    }
}
