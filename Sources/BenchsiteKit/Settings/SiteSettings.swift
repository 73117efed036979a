import Foundation
import Yams

/// The settings of `benchsite.yml`. Every field is optional: command-line options win over the file,
/// and the file wins over the built-in defaults.
public struct SiteSettings: Sendable {
    public var title: String?
    public var baseURL: String?

    /// An http(s) URL with a host (`https://bench.example.com/llm/`) or a path on the same host
    /// (`/llm/`); never another scheme (`javascript:`), a protocol-relative `//host`, or spaces and
    /// control characters.
    public static func isValidBaseURL(_ text: String) -> Bool {
        guard !text.isEmpty,
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        if text.hasPrefix("/") { return !text.hasPrefix("//") && !text.contains("\\") }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return text.lowercased().hasPrefix(scheme + "://")
    }
    public var baseline: String?
    public var keepRuns: Int?
    /// A folder of template overrides, relative to the settings file.
    public var templates: String?
    public var alpha: Double?
    public var minimumEffect: Double?
    public var thresholds: [Threshold] = []
    /// `verdicts.change_points`: how readily change points are reported.
    public var changePoints = ChangePointSettings()
    public var presentation = Presentation()
    /// Model facts, as a `models.json` would give them.
    public var models: [String: ModelInfo] = [:]

    public init() {}

    /// The comparison settings with this file's values over the defaults.
    public func comparisonSettings(_ base: ComparisonSettings = ComparisonSettings()) -> ComparisonSettings {
        var settings = base
        if let alpha { settings.alpha = alpha }
        if let minimumEffect { settings.minimumEffect = minimumEffect }
        settings.thresholds = thresholds
        settings.metrics = presentation.metrics
        return settings
    }

    /// The file `benchsite build` reads when no `--config` is given.
    public static let defaultFileName = "benchsite.yml"

    /// The settings a command uses: `explicit` (`--config`), else `benchsite.yml` in the current
    /// folder when there is one; nil when neither. Its problems go to `diagnostics`; a missing
    /// explicit file or errors in the file stop the command.
    public static func find(
        _ explicit: String?, diagnostics: DiagnosticCollector
    ) throws -> (path: String, settings: SiteSettings)? {
        let path: String
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw ActionError.settingsFileMissing(explicit)
            }
            path = explicit
        } else if FileManager.default.fileExists(atPath: defaultFileName) {
            path = defaultFileName
        } else {
            return nil
        }
        let (settings, found) = load(path: path)
        diagnostics.emit(found)
        guard let settings else { throw ActionError.settingsFileInvalid(path) }
        return (path, settings)
    }

    /// Reads and checks a settings file; every problem found is returned with its line and column.
    public static func load(path: String) -> (config: SiteSettings?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(.error, "cannot read the settings file", file: path)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic(.error, "the settings file is not UTF-8 text", file: path)])
        }
        return parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) -> (config: SiteSettings?, diagnostics: [Diagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (nil, [yamlDiagnostic(error, file: file)])
        } catch {
            return (nil, [Diagnostic(.error, "cannot parse the settings: \(error)", file: file)])
        }
        var reader = SettingsReader(file: file)
        var config = SiteSettings()
        guard let root else { return (config, []) }  // an empty file (or only comments) sets nothing
        reader.read(root, into: &config)
        // In the order of the file, as a reader fixes them.
        let diagnostics = reader.diagnostics.enumerated().sorted {
            ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < (
                $1.element.line ?? 0, $1.element.column ?? 0, $1.offset
            )
        }.map(\.element)
        return (diagnostics.contains { $0.severity == .error } ? nil : config, diagnostics)
    }

    static func yamlDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return Diagnostic(.error, "not valid YAML: \(what)", file: file, line: mark.line, column: mark.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(
                .error, "a key is given twice: \(duplicates.sorted().joined(separator: ", "))", file: file,
                line: context.mark.line,
                column: context.mark.column)
        default:
            return Diagnostic(.error, "not valid YAML: \(error)", file: file)
        }
    }
}
