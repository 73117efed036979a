import Foundation
import Yams

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
    /// Where a commit is shown (`repository:`): a URL with `{commit}` in it, or a repository's URL
    /// (GitHub, Gitea, Bitbucket: `/commit/`, GitLab: `/-/commit/`).
    public var repository: String?

    public init() {}

    /// The page of `commit` on the code host, when a repository is set and the commit is a plain
    /// revision (letters, digits, `.`, `_`, `-`; a hash, a tag).
    public func commitLink(_ commit: String) -> String? {
        guard let repository, !commit.isEmpty, commit.count <= 80,
            commit.unicodeScalars.allSatisfy({
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "."
                    || $0 == "_" || $0 == "-"
            }), !commit.hasPrefix("-"), !commit.hasPrefix(".")
        else { return nil }
        if repository.contains("{commit}") { return repository.replacingOccurrences(of: "{commit}", with: commit) }
        var base = repository
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix(".git") { base.removeLast(4) }
        let gitlab = URLComponents(string: base)?.host?.lowercased().contains("gitlab") == true
        return base + (gitlab ? "/-/commit/" : "/commit/") + commit
    }

    /// A `repository:` value benchsite can link with: an http(s) URL (with `{commit}` at most once
    /// and nowhere but the path or query), no spaces, quotes or angle brackets.
    public static func isValidRepository(_ text: String) -> Bool {
        guard SiteSettings.isValidBaseURL(text.replacingOccurrences(of: "{commit}", with: "0")), !text.hasPrefix("/"),
            !text.contains("\""), !text.contains("<"), !text.contains(">"), !text.contains("("), !text.contains(")"),
            text.components(separatedBy: "{commit}").count <= 2
        else { return false }
        return true
    }

    public func shows(_ metric: Metric) -> Bool { metrics.contains(metric) }
    public func name(_ subject: String) -> String { displayNames[subject] ?? subject }
    /// The main metrics besides latency that tables show one figure of.
    public var headlineMetrics: [Metric] { metrics.filter { $0 != .latency && Metric.main.contains($0) } }

    public static let percentileChoices: [Statistic] = [.p50, .p90, .p95, .p99]
}
