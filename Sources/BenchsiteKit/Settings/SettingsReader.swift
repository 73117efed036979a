import Foundation
import Yams

/// Walks the YAML tree, checking each key and type against what benchsite knows.
struct SettingsReader {
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

    /// `section` with the keys of one enum: each key is written once, and the compiler checks that
    /// every key has a case where it is read.
    mutating func section<Key: RawRepresentable & CaseIterable>(
        _ node: Node, _ what: String, keys: Key.Type
    ) -> [(key: Key, value: Node)]?
    where Key.RawValue == String {
        section(node, what, known: Key.allCases.map(\.rawValue))?.compactMap { entry in
            Key(rawValue: entry.key).map { ($0, entry.value) }
        }
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
        let suggestion = known.min { editDistance(key, $0) < editDistance(key, $1) }.flatMap {
            editDistance(key, $0) <= 3 ? $0 : nil
        }
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
            if text.hasSuffix("%"), let percent = Double(text.dropLast().trimmingCharacters(in: .whitespaces)),
                percent >= 0, percent < 1000
            {
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
            error(
                "\(what): unknown metric \"\(name)\"; metrics: \(Metric.allCases.map(\.rawValue).joined(separator: ", "))",
                at: node)
            return nil
        }
        return metric
    }

    // MARK: - The file

    enum TopKey: String, CaseIterable {
        case title
        case baseUrl = "base_url"
        case baseline
        case keepRuns = "keep_runs"
        case templates
        case repository
        case verdicts
        case show
        case models
    }

    mutating func read(_ root: Node, into config: inout SiteSettings) {
        guard let entries = section(root, "the settings file", keys: TopKey.self) else { return }
        for (key, value) in entries {
            switch key {
            case .title: config.title = string(value, "title")
            case .baseUrl:
                if let url = string(value, "base_url") {
                    if SiteSettings.isValidBaseURL(url) {
                        config.baseURL = url
                    } else {
                        error(
                            "base_url must be an absolute URL like https://example.com/bench/ or a path like /bench/, not \"\(url)\"",
                            at: value)
                    }
                }
            case .baseline: config.baseline = string(value, "baseline")
            case .keepRuns: config.keepRuns = integer(value, "keep_runs", minimum: 1)
            case .templates: config.templates = string(value, "templates")
            case .repository:
                if let url = string(value, "repository") {
                    if Presentation.isValidRepository(url) {
                        config.presentation.repository = url
                    } else {
                        error(
                            "repository must be the code host's URL (https://github.com/org/repo) or a URL with {commit} in it, not \"\(url)\"",
                            at: value)
                    }
                }
            case .verdicts: readVerdicts(value, into: &config)
            case .show: readShow(value, into: &config)
            case .models: readModels(value, into: &config)
            }
        }
    }

    enum VerdictKey: String, CaseIterable {
        case alpha
        case minimumEffect = "minimum_effect"
        case thresholds
        case changePoints = "change_points"
    }
    enum ChangePointKey: String, CaseIterable {
        case sensitivity
        case penalty
        case minimumEffect = "minimum_effect"
        case minimumSegment = "minimum_segment"
    }
    enum ThresholdKey: String, CaseIterable {
        case model
        case scenario
        case metric
        case minimumEffect = "minimum_effect"
    }
    enum ShowKey: String, CaseIterable {
        case metrics
        case percentiles
    }

    mutating func readVerdicts(_ node: Node, into config: inout SiteSettings) {
        guard let entries = section(node, "verdicts", keys: VerdictKey.self) else { return }
        for (key, value) in entries {
            switch key {
            case .alpha:
                if let alpha = number(value, "verdicts.alpha") {
                    if alpha > 0 && alpha < 1 {
                        config.alpha = alpha
                    } else {
                        error("verdicts.alpha must be between 0 and 1, not \(alpha)", at: value)
                    }
                }
            case .minimumEffect: config.minimumEffect = fraction(value, "verdicts.minimum_effect")
            case .thresholds:
                guard let items = list(value, "verdicts.thresholds") else { continue }
                for item in items {
                    if let threshold = readThreshold(item) { config.thresholds.append(threshold) }
                }
            case .changePoints: readChangePoints(value, into: &config)
            }
        }
    }

    /// `sensitivity: low | medium | high` (or an explicit `penalty`), `minimum_effect`, `minimum_segment`.
    mutating func readChangePoints(_ node: Node, into config: inout SiteSettings) {
        guard let entries = section(node, "verdicts.change_points", keys: ChangePointKey.self) else { return }
        for (key, value) in entries {
            switch key {
            case .sensitivity:
                guard let text = string(value, "verdicts.change_points.sensitivity") else { continue }
                if let penalty = ChangePointSettings.penalty(forSensitivity: text) {
                    config.changePoints.penalty = penalty
                } else {
                    error("verdicts.change_points.sensitivity must be low, medium or high, not \"\(text)\"", at: value)
                }
            case .penalty:
                if let penalty = number(value, "verdicts.change_points.penalty") {
                    if penalty > 0 {
                        config.changePoints.penalty = penalty
                    } else {
                        error("verdicts.change_points.penalty must be above 0", at: value)
                    }
                }
            case .minimumEffect:
                if let effect = fraction(value, "verdicts.change_points.minimum_effect") {
                    config.changePoints.minimumEffect = effect
                }
            case .minimumSegment:
                if let segment = integer(value, "verdicts.change_points.minimum_segment", minimum: 1) {
                    config.changePoints.minimumSegment = segment
                }
            }
        }
    }

    mutating func readThreshold(_ node: Node) -> Threshold? {
        guard let entries = section(node, "a threshold", keys: ThresholdKey.self) else { return nil }
        var threshold = Threshold(minimumEffect: .nan)
        for (key, value) in entries {
            switch key {
            case .model: threshold.model = string(value, "threshold model")
            case .scenario: threshold.scenario = string(value, "threshold scenario")
            case .metric: threshold.metric = metric(value, "threshold metric")
            case .minimumEffect: threshold.minimumEffect = fraction(value, "threshold minimum_effect") ?? .nan
            }
        }
        if threshold.minimumEffect.isNaN {
            if !entries.contains(where: { $0.key == .minimumEffect }) {
                error("a threshold needs minimum_effect, e.g. minimum_effect: 10%", at: node)
            }
            return nil
        }
        if threshold.specificity == 0 {
            if entries.contains(where: { $0.key != .minimumEffect }) { return nil }  // already reported
            error(
                "a threshold needs model, scenario or metric (for every series use verdicts.minimum_effect)", at: node)
            return nil
        }
        return threshold
    }

    mutating func readShow(_ node: Node, into config: inout SiteSettings) {
        guard let entries = section(node, "show", keys: ShowKey.self) else { return }
        for (key, value) in entries {
            switch key {
            case .metrics:
                guard let items = list(value, "show.metrics") else { continue }
                let metrics = items.compactMap { metric($0, "show.metrics") }
                if metrics.count == items.count {
                    if !metrics.contains(.latency) {
                        error(
                            "show.metrics must include latency (the site's tables and highlights are built on it)",
                            at: value)
                    } else {
                        config.presentation.metrics = metrics.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
                    }
                }
            case .percentiles:
                guard let items = list(value, "show.percentiles") else { continue }
                var chosen: [Statistic] = []
                for item in items {
                    guard case .scalar(let scalar) = item else {
                        error("show.percentiles: expected p50, p90, p95 or p99, not \(kind(item))", at: item)
                        continue
                    }
                    let name = scalar.string.hasPrefix("p") ? scalar.string : "p" + scalar.string
                    guard let statistic = Statistic(rawValue: name), Presentation.percentileChoices.contains(statistic)
                    else {
                        error("show.percentiles: expected p50, p90, p95 or p99, not \"\(scalar.string)\"", at: item)
                        continue
                    }
                    chosen.append(statistic)
                }
                if items.isEmpty { error("show.percentiles must name at least one of p50, p90, p95, p99", at: value) }
                config.presentation.percentiles = Presentation.percentileChoices.filter(chosen.contains)
            }
        }
    }

    enum ModelKey: String, CaseIterable {
        case name
        case capabilities
        case sizeMb = "size_mb"
        case license
        case info
    }

    mutating func readModels(_ node: Node, into config: inout SiteSettings) {
        guard let entries = mapping(node, "models") else { return }
        for (subject, _, value) in entries {
            config.presentation.order.append(subject)
            if value.null != nil { continue }  // listed only for the order
            guard let fields = section(value, "models.\(subject)", keys: ModelKey.self) else { continue }
            var info = ModelInfo()
            var hasInfo = false
            for (key, field) in fields {
                switch key {
                case .name: config.presentation.displayNames[subject] = string(field, "models.\(subject).name")
                case .capabilities:
                    info.capabilities = (list(field, "models.\(subject).capabilities") ?? []).compactMap {
                        string($0, "a capability")
                    }
                    hasInfo = true
                case .sizeMb:
                    info.sizeMB = number(field, "models.\(subject).size_mb")
                    hasInfo = true
                case .license:
                    info.license = string(field, "models.\(subject).license")
                    hasInfo = true
                case .info:
                    for (name, _, text) in mapping(field, "models.\(subject).info") ?? [] {
                        if let text = string(text, "models.\(subject).info.\(name)") {
                            info.extra.append(KeyValue(name, text))
                        }
                    }
                    hasInfo = true
                }
            }
            if hasInfo { config.models[subject] = info }
        }
    }
}
