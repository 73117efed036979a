import Foundation
import Yams

/// The settings of `benchsite.yml`. Every field is optional: command-line options win over the file,
/// and the file wins over the built-in defaults.
public struct SiteConfig: Sendable {
    public var title: String?
    public var baseURL: String?

    /// An http(s) URL with a host (`https://bench.example.com/llm/`) or a path on the same host
    /// (`/llm/`); never another scheme (`javascript:`), a protocol-relative `//host`, or spaces and
    /// control characters.
    public static func isValidBaseURL(_ text: String) -> Bool {
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else { return false }
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

    /// Reads and checks a settings file; every problem found is returned with its line and column.
    public static func load(path: String) -> (config: SiteConfig?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(.error, "cannot read the settings file", file: path)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic(.error, "the settings file is not UTF-8 text", file: path)])
        }
        return parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) -> (config: SiteConfig?, diagnostics: [Diagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (nil, [yamlDiagnostic(error, file: file)])
        } catch {
            return (nil, [Diagnostic(.error, "cannot parse the settings: \(error)", file: file)])
        }
        var reader = ConfigReader(file: file)
        var config = SiteConfig()
        guard let root else { return (config, []) }  // an empty file (or only comments) sets nothing
        reader.read(root, into: &config)
        // In the order of the file, as a reader fixes them.
        let diagnostics = reader.diagnostics.enumerated().sorted {
            ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? 0, $1.element.column ?? 0, $1.offset)
        }.map(\.element)
        return (diagnostics.contains { $0.severity == .error } ? nil : config, diagnostics)
    }

    static func yamlDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return Diagnostic(.error, "not valid YAML: \(what)", file: file, line: mark.line, column: mark.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(
                .error, "a key is given twice: \(duplicates.sorted().joined(separator: ", "))", file: file, line: context.mark.line,
                column: context.mark.column)
        default:
            return Diagnostic(.error, "not valid YAML: \(error)", file: file)
        }
    }
}

/// A minimum effect for the series and metrics it matches; the most specific match wins.
public struct Threshold: Sendable, Hashable, CustomStringConvertible {
    public var model: String?
    public var scenario: String?
    public var metric: Metric?
    /// The smallest relative change that counts, as a fraction (0.1 = 10 %).
    public var minimumEffect: Double

    public init(model: String? = nil, scenario: String? = nil, metric: Metric? = nil, minimumEffect: Double) {
        self.model = model
        self.scenario = scenario
        self.metric = metric
        self.minimumEffect = minimumEffect
    }

    func matches(_ key: SeriesKey, _ metric: Metric) -> Bool {
        (model == nil || model == key.subject) && (scenario == nil || scenario == key.scenario) && (self.metric == nil || self.metric == metric)
    }

    var specificity: Int { [model != nil, scenario != nil, metric != nil].filter { $0 }.count }

    /// `model phi-4-mini, metric ttft: 10%`
    public var description: String {
        let parts = [model.map { "model \($0)" }, scenario.map { "scenario \($0)" }, metric.map { "metric \($0.rawValue)" }].compactMap { $0 }
        return "\(parts.joined(separator: ", ")): \(NumberFormatting.plain(minimumEffect * 100))%"
    }
}

/// What the pages show and how they name and order models.
public struct Presentation: Sendable {
    /// The metrics shown in tables and charts and judged by verdicts, in this order.
    public var metrics: [Metric] = Metric.allCases
    /// The percentiles of each metric in the tables; nil: each table's own choice.
    public var percentiles: [Statistic]?
    /// Names shown instead of the subject as the results give it.
    public var displayNames: [String: String] = [:]
    /// Subjects listed first, in this order (the rest follow, fastest first).
    public var order: [String] = []

    public init() {}

    public func shows(_ metric: Metric) -> Bool { metrics.contains(metric) }
    public func name(_ subject: String) -> String { displayNames[subject] ?? subject }
    /// The main metrics besides latency that tables show one figure of.
    public var headlineMetrics: [Metric] { metrics.filter { $0 != .latency && Metric.main.contains($0) } }

    public static let percentileChoices: [Statistic] = [.p50, .p90, .p95, .p99]
}

/// Walks the YAML tree, checking each key and type against what benchsite knows.
struct ConfigReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    mutating func error(_ message: String, at node: Node) {
        diagnostics.append(Diagnostic(.error, message, file: file, line: node.mark?.line, column: node.mark?.column))
    }

    /// The entries of a mapping, with keys as strings; reports anything that is not one.
    mutating func mapping(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping of keys to values, not \(kind(node))", at: node)
            return nil
        }
        var entries: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error("keys in \(what) must be plain names", at: key)
                continue
            }
            entries.append((scalar.string, key, value))
        }
        return entries
    }

    /// The settings of one section: unknown keys are reported (with a "did you mean") and left out,
    /// and so are known keys given with nothing (`key:` means not set).
    mutating func section(_ node: Node, _ what: String, known: [String]) -> [(key: String, value: Node)]? {
        guard let entries = mapping(node, what) else { return nil }
        var kept: [(String, Node)] = []
        for (key, keyNode, value) in entries {
            if !known.contains(key) {
                unknownKey(key, at: keyNode, in: what, known: known)
            } else if value.null == nil {
                kept.append((key, value))
            }
        }
        return kept
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            return node.null != nil ? "empty" : "\"\(scalar.string)\""
        }
    }

    mutating func unknownKey(_ key: String, at node: Node, in what: String, known: [String]) {
        let suggestion = known.min { editDistance(key, $0) < editDistance(key, $1) }.flatMap { editDistance(key, $0) <= 3 ? $0 : nil }
        error(
            "unknown key \"\(key)\" in \(what)\(suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""); known keys: \(known.joined(separator: ", "))",
            at: node)
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, node.null == nil else {
            error("\(what) must be text, not \(kind(node))", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ node: Node, _ what: String, minimum: Int) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string), value >= minimum else {
            error("\(what) must be a whole number of at least \(minimum), not \(kind(node))", at: node)
            return nil
        }
        return value
    }

    mutating func number(_ node: Node, _ what: String) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            error("\(what) must be a number, not \(kind(node))", at: node)
            return nil
        }
        return value
    }

    /// `5%` or `0.05`.
    mutating func fraction(_ node: Node, _ what: String) -> Double? {
        if case .scalar(let scalar) = node {
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            if text.hasSuffix("%"), let percent = Double(text.dropLast().trimmingCharacters(in: .whitespaces)), percent >= 0, percent < 1000 {
                return percent / 100
            }
            if let value = Double(text), value >= 0, value <= 1 { return value }
        }
        error("\(what) must be a percentage like 5% or a fraction like 0.05, not \(kind(node))", at: node)
        return nil
    }

    mutating func list(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list, e.g. [a, b], not \(kind(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    mutating func metric(_ node: Node, _ what: String) -> Metric? {
        guard let name = string(node, what) else { return nil }
        guard let metric = Metric(rawValue: name) else {
            error("\(what): unknown metric \"\(name)\"; metrics: \(Metric.allCases.map(\.rawValue).joined(separator: ", "))", at: node)
            return nil
        }
        return metric
    }

    // MARK: - The file

    static let topKeys = ["title", "base_url", "baseline", "keep_runs", "templates", "verdicts", "show", "models"]

    mutating func read(_ root: Node, into config: inout SiteConfig) {
        guard let entries = section(root, "the settings file", known: Self.topKeys) else { return }
        for (key, value) in entries {
            switch key {
            case "title": config.title = string(value, "title")
            case "base_url":
                if let url = string(value, "base_url") {
                    if SiteConfig.isValidBaseURL(url) {
                        config.baseURL = url
                    } else {
                        error("base_url must be an absolute URL like https://example.com/bench/ or a path like /bench/, not \"\(url)\"", at: value)
                    }
                }
            case "baseline": config.baseline = string(value, "baseline")
            case "keep_runs": config.keepRuns = integer(value, "keep_runs", minimum: 1)
            case "templates": config.templates = string(value, "templates")
            case "verdicts": readVerdicts(value, into: &config)
            case "show": readShow(value, into: &config)
            case "models": readModels(value, into: &config)
            default: break
            }
        }
    }

    mutating func readVerdicts(_ node: Node, into config: inout SiteConfig) {
        guard let entries = section(node, "verdicts", known: ["alpha", "minimum_effect", "thresholds", "change_points"]) else { return }
        for (key, value) in entries {
            switch key {
            case "alpha":
                if let alpha = number(value, "verdicts.alpha") {
                    if alpha > 0 && alpha < 1 { config.alpha = alpha } else { error("verdicts.alpha must be between 0 and 1, not \(alpha)", at: value) }
                }
            case "minimum_effect": config.minimumEffect = fraction(value, "verdicts.minimum_effect")
            case "thresholds":
                guard let items = list(value, "verdicts.thresholds") else { continue }
                for item in items {
                    if let threshold = readThreshold(item) { config.thresholds.append(threshold) }
                }
            case "change_points": readChangePoints(value, into: &config)
            default: break
            }
        }
    }

    /// `sensitivity: low | medium | high` (or an explicit `penalty`), `minimum_effect`, `minimum_segment`.
    mutating func readChangePoints(_ node: Node, into config: inout SiteConfig) {
        let known = ["sensitivity", "penalty", "minimum_effect", "minimum_segment"]
        guard let entries = section(node, "verdicts.change_points", known: known) else { return }
        for (key, value) in entries {
            switch key {
            case "sensitivity":
                guard let text = string(value, "verdicts.change_points.sensitivity") else { continue }
                if let penalty = ChangePointSettings.penalty(forSensitivity: text) {
                    config.changePoints.penalty = penalty
                } else {
                    error("verdicts.change_points.sensitivity must be low, medium or high, not \"\(text)\"", at: value)
                }
            case "penalty":
                if let penalty = number(value, "verdicts.change_points.penalty") {
                    if penalty > 0 { config.changePoints.penalty = penalty } else { error("verdicts.change_points.penalty must be above 0", at: value) }
                }
            case "minimum_effect":
                if let effect = fraction(value, "verdicts.change_points.minimum_effect") { config.changePoints.minimumEffect = effect }
            case "minimum_segment":
                if let segment = integer(value, "verdicts.change_points.minimum_segment", minimum: 1) { config.changePoints.minimumSegment = segment }
            default: break
            }
        }
    }

    mutating func readThreshold(_ node: Node) -> Threshold? {
        guard let entries = section(node, "a threshold", known: ["model", "scenario", "metric", "minimum_effect"]) else { return nil }
        var threshold = Threshold(minimumEffect: .nan)
        for (key, value) in entries {
            switch key {
            case "model": threshold.model = string(value, "threshold model")
            case "scenario": threshold.scenario = string(value, "threshold scenario")
            case "metric": threshold.metric = metric(value, "threshold metric")
            case "minimum_effect": threshold.minimumEffect = fraction(value, "threshold minimum_effect") ?? .nan
            default: break
            }
        }
        if threshold.minimumEffect.isNaN {
            if !entries.contains(where: { $0.key == "minimum_effect" }) { error("a threshold needs minimum_effect, e.g. minimum_effect: 10%", at: node) }
            return nil
        }
        if threshold.specificity == 0 {
            if entries.contains(where: { ["model", "scenario", "metric"].contains($0.key) }) { return nil }  // already reported
            error("a threshold needs model, scenario or metric (for every series use verdicts.minimum_effect)", at: node)
            return nil
        }
        return threshold
    }

    mutating func readShow(_ node: Node, into config: inout SiteConfig) {
        guard let entries = section(node, "show", known: ["metrics", "percentiles"]) else { return }
        for (key, value) in entries {
            switch key {
            case "metrics":
                guard let items = list(value, "show.metrics") else { continue }
                let metrics = items.compactMap { metric($0, "show.metrics") }
                if metrics.count == items.count {
                    if !metrics.contains(.latency) {
                        error("show.metrics must include latency (the site's tables and highlights are built on it)", at: value)
                    } else {
                        config.presentation.metrics = metrics.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
                    }
                }
            case "percentiles":
                guard let items = list(value, "show.percentiles") else { continue }
                var chosen: [Statistic] = []
                for item in items {
                    guard case .scalar(let scalar) = item else {
                        error("show.percentiles: expected p50, p90, p95 or p99, not \(kind(item))", at: item)
                        continue
                    }
                    let name = scalar.string.hasPrefix("p") ? scalar.string : "p" + scalar.string
                    guard let statistic = Statistic(rawValue: name), Presentation.percentileChoices.contains(statistic) else {
                        error("show.percentiles: expected p50, p90, p95 or p99, not \"\(scalar.string)\"", at: item)
                        continue
                    }
                    chosen.append(statistic)
                }
                if items.isEmpty { error("show.percentiles must name at least one of p50, p90, p95, p99", at: value) }
                config.presentation.percentiles = Presentation.percentileChoices.filter(chosen.contains)
            default: break
            }
        }
    }

    static let modelKeys = ["name", "capabilities", "size_mb", "license", "info"]

    mutating func readModels(_ node: Node, into config: inout SiteConfig) {
        guard let entries = mapping(node, "models") else { return }
        for (subject, _, value) in entries {
            config.presentation.order.append(subject)
            if value.null != nil { continue }  // listed only for the order
            guard let fields = section(value, "models.\(subject)", known: Self.modelKeys) else { continue }
            var info = ModelInfo()
            var hasInfo = false
            for (key, field) in fields {
                switch key {
                case "name": config.presentation.displayNames[subject] = string(field, "models.\(subject).name")
                case "capabilities":
                    info.capabilities = (list(field, "models.\(subject).capabilities") ?? []).compactMap { string($0, "a capability") }
                    hasInfo = true
                case "size_mb":
                    info.sizeMB = number(field, "models.\(subject).size_mb")
                    hasInfo = true
                case "license":
                    info.license = string(field, "models.\(subject).license")
                    hasInfo = true
                case "info":
                    for (name, _, text) in mapping(field, "models.\(subject).info") ?? [] {
                        if let text = string(text, "models.\(subject).info.\(name)") { info.extra.append(KeyValue(name, text)) }
                    }
                    hasInfo = true
                default: break
                }
            }
            if hasInfo { config.models[subject] = info }
        }
    }
}

/// Levenshtein distance, for "did you mean" hints on short keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var diagonal = row[0]
        row[0] = i + 1
        for (j, y) in b.enumerated() {
            let above = row[j + 1]
            row[j + 1] = min(above + 1, row[j] + 1, diagonal + (x == y ? 0 : 1))
            diagonal = above
        }
    }
    return row[b.count]
}
