/// `benchsite compare` output: a terminal table, GitHub-flavored Markdown or JSON.
public enum ComparisonReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json
    }

    /// Regressions first, then improvements, then the rest, each by series and metric.
    static func ordered(_ comparisons: [SeriesComparison]) -> [SeriesComparison] {
        let rank: [Verdict: Int] = [.regression: 0, .improvement: 1, .insufficientData: 2, .noChange: 3]
        return comparisons.sorted { a, b in
            if rank[a.verdict]! != rank[b.verdict]! { return rank[a.verdict]! < rank[b.verdict]! }
            if a.key != b.key { return a.key < b.key }
            return a.metric < b.metric
        }
    }

    static func sideName(_ runs: [Run]) -> String {
        guard let last = runs.last else { return "?" }
        let when = last.timestamp.map { " (\($0.display))" } ?? ""
        return runs.count == 1 ? "\(last.id)\(when)" : "\(runs.count) runs up to \(last.id)\(when)"
    }

    static func value(_ v: Double?, _ metric: Metric) -> String {
        guard let v else { return "—" }
        return metric.display(v)
    }

    static func interval(_ c: SeriesComparison) -> String {
        guard let i = c.interval else { return "—" }
        return "[\(NumberFormatting.signedPercent(i.lower)), \(NumberFormatting.signedPercent(i.upper))]"
    }

    static func p(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value < 0.0001 ? "<0.0001" : NumberFormatting.fixed(value, 4)
    }

    /// `against the spread of 8 earlier runs`, `van Elteren test within prompts (20 and 20 requests)`.
    public static func testDescription(_ c: SeriesComparison) -> String {
        switch c.method {
        case .history: return "against the spread of \(c.baselineCount) earlier run\(c.baselineCount == 1 ? "" : "s")"
        case .runs: return "\(c.method.rawValue) (\(c.baselineCount) and \(c.contenderCount) runs)"
        case .samples, .stratified: return "\(c.method.rawValue) (\(c.baselineCount) and \(c.contenderCount) requests)"
        case .runSpread, .thresholdOnly: return c.method.rawValue
        }
    }

    static func verdictText(_ c: SeriesComparison) -> String {
        c.method == .thresholdOnly ? "\(c.verdict.rawValue) (threshold only)" : c.verdict.rawValue
    }

    public static func summary(_ outcome: CompareOutcome, _ settings: ComparisonSettings) -> String {
        var counts: [Verdict: Int] = [:]
        for c in outcome.comparisons { counts[c.verdict, default: 0] += 1 }
        func n(_ v: Verdict, _ word: String, _ plural: String) -> String {
            let k = counts[v] ?? 0
            return "\(k) \(k == 1 ? word : plural)"
        }
        return
            "\(n(.regression, "regression", "regressions")), \(n(.improvement, "improvement", "improvements")), \(n(.noChange, "no change", "no change")), \(n(.insufficientData, "with insufficient data", "with insufficient data")) (significance \(NumberFormatting.plain(settings.alpha)) after Benjamini-Hochberg, minimum effect \(settings.minimumEffectDescription))"
    }

    /// `Tests: Welch t-test on run levels (30 comparisons); threshold only (aggregates) (3)`: which
    /// test produced the verdicts, in the order of first use (JSON names each row's).
    public static func testsUsed(_ outcome: CompareOutcome) -> String {
        var order: [SeriesComparison.Method] = []
        var counts: [SeriesComparison.Method: Int] = [:]
        for c in ordered(outcome.comparisons) {
            if counts[c.method] == nil { order.append(c.method) }
            counts[c.method, default: 0] += 1
        }
        return "Tests: "
            + order.map { method in
                let k = counts[method] ?? 0
                return "\(method.rawValue) (\(k) comparison\(k == 1 ? "" : "s"))"
            }.joined(separator: "; ")
    }

    public static func render(
        _ outcome: CompareOutcome, format: Format, settings: ComparisonSettings, color: Bool = false
    ) -> String {
        switch format {
        case .text: return text(outcome, settings, color: color)
        case .markdown: return markdown(outcome, settings)
        case .json: return json(outcome)
        }
    }

    static func text(_ outcome: CompareOutcome, _ settings: ComparisonSettings, color: Bool) -> String {
        var rows: [[String]] = [
            ["Series", "Metric", "Baseline", "Contender", "Change", "95% CI", "p", "p (adj.)", "Verdict"]
        ]
        let ordered = ordered(outcome.comparisons)
        for c in ordered {
            rows.append([
                "\(c.key.subject) · \(c.key.scenario)", c.metric.csvName, value(c.baseline, c.metric),
                value(c.contender, c.metric),
                c.change.map(NumberFormatting.signedPercent) ?? "—", interval(c), p(c.pValue), p(c.adjustedPValue),
                verdictText(c),
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        var out = "Baseline:  \(sideName(outcome.baselineRuns))\nContender: \(sideName(outcome.contenderRuns))\n\n"
        for (r, row) in rows.enumerated() {
            var line = ""
            for (column, cell) in row.enumerated() {
                let padded =
                    column >= 2 && column <= 7
                    ? String(repeating: " ", count: widths[column] - cell.count) + cell
                    : cell + String(repeating: " ", count: widths[column] - cell.count)
                line += (column == 0 ? "" : "  ") + padded
            }
            line = String(line.reversed().drop { $0 == " " }.reversed())
            if color, r > 0 {
                let verdict = ordered[r - 1].verdict
                if verdict == .regression { line = "\u{1B}[31m\(line)\u{1B}[0m" }
                if verdict == .improvement { line = "\u{1B}[32m\(line)\u{1B}[0m" }
            }
            out += line + "\n"
        }
        return out + "\n" + summary(outcome, settings) + "\n" + testsUsed(outcome) + "\n"
    }

    static func markdown(_ outcome: CompareOutcome, _ settings: ComparisonSettings) -> String {
        let e = MarkdownText.escapeInline
        var out =
            "### benchsite: \(e(sideName(outcome.contenderRuns))) against \(e(sideName(outcome.baselineRuns)))\n\n"
        let regressions = outcome.regressions
        out +=
            (regressions > 0 ? "**\(regressions) regression\(regressions == 1 ? "" : "s")**" : "No regression")
            + ". \(e(summary(outcome, settings)))\n\n\(e(testsUsed(outcome))).\n\n"
        out +=
            "| Series | Metric | Baseline | Contender | Change | 95% CI | p (adj.) | Verdict |\n|:--|:--|--:|--:|--:|:--|--:|:--|\n"
        for c in ordered(outcome.comparisons) {
            let verdict = c.verdict == .regression ? "**\(e(verdictText(c)))**" : e(verdictText(c))
            out +=
                "| \(e(c.key.subject)) (\(e(c.key.scenario))) | \(c.metric.csvName) | \(e(value(c.baseline, c.metric))) | \(e(value(c.contender, c.metric))) | \(e(c.change.map(NumberFormatting.signedPercent) ?? "—")) | \(e(interval(c))) | \(e(p(c.adjustedPValue))) | \(verdict) |\n"
        }
        return out
    }

    static func json(_ outcome: CompareOutcome) -> String {
        func number(_ v: Double?) -> String {
            guard let v, v.isFinite else { return "null" }
            return NumberFormatting.plain(v)
        }
        var objects: [String] = []
        for c in ordered(outcome.comparisons) {
            let fields: [(String, String)] = [
                ("model", JSONText.quote(c.key.subject)), ("scenario", JSONText.quote(c.key.scenario)),
                ("metric", JSONText.quote(c.metric.csvName)), ("unit", JSONText.quote(c.metric.unit)),
                ("statistic", JSONText.quote(c.statistic == .p50 ? "median" : "mean")),
                ("baseline", number(c.baseline)), ("contender", number(c.contender)),
                ("baseline_n", String(c.baselineCount)), ("contender_n", String(c.contenderCount)),
                ("change", number(c.change)), ("ci_lower", number(c.interval?.lower)),
                ("ci_upper", number(c.interval?.upper)),
                ("p_value", number(c.pValue)), ("p_value_adjusted", number(c.adjustedPValue)),
                ("method", JSONText.quote(c.method.identifier)), ("verdict", JSONText.quote(c.verdict.rawValue)),
            ]
            objects.append("  {" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }
}
