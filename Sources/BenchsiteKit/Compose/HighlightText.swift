/// The highlight sentences of the latest run, written once for the overview and the Markdown
/// report (they drifted apart when each wrote its own: the report called a mean a median).
struct HighlightText {
    enum Style {
        /// The site: names link to their pages (relative to `root`), verdict words are coloured.
        case site(root: String)
        /// The Markdown report: plain GitHub-flavored Markdown, no links into a site it is not part of.
        case report
    }

    let map: SiteMap
    let analysis: SiteAnalysis
    let style: Style

    /// A subject's name, linked to its page on the site.
    func subject(_ subject: String) -> String {
        link(map.name(subject), map.subjectPath(subject))
    }

    /// A run's title, linked to its page on the site.
    func run(_ runIndex: Int) -> String {
        link(map.runTitle(runIndex), map.runPath(runIndex))
    }

    func link(_ text: String, _ path: String) -> String {
        switch style {
        case .site(let root): return "[\(MarkdownText.escapeInline(text))](\(root + path))"
        case .report: return MarkdownText.escapeInline(text)
        }
    }

    func verdictWord(_ verdict: Verdict) -> String {
        let word = verdict == .regression ? "Regression" : "Improvement"
        guard case .site = style else { return word }
        return "<span class=\"\(verdict == .regression ? "worse" : "better")\">\(word)</span>"
    }

    /// One Markdown list item (without its marker) per highlight.
    /// - Parameter against: what the verdicts compare with, when not the overview's (a run page's
    ///   own verdicts are always against the earlier runs of each series).
    /// - Parameter page: the run whose page the items are on (a change point there starts "from this run on").
    /// - Parameter noun: what the subjects are; the fastest of a suite's benchmarks or tests is no
    ///   finding (they measure different work), so those get no leaders.
    func items(
        _ highlights: Highlights, against override: String? = nil, page: Int? = nil, noun: SubjectNoun = .model
    ) -> [String] {
        var items: [String] = []
        let leaders = noun == .model || noun == .command
        let multipleScenarios = Set(highlights.fastest.map(\.scenario)).count > 1
        func scenarioSuffix(_ s: String) -> String {
            multipleScenarios || s != "default" ? " (\(MarkdownText.escapeInline(s)))" : ""
        }
        for leader in highlights.fastest where leaders {
            var text = "**Fastest**\(scenarioSuffix(leader.scenario)): \(subject(leader.subject)), "
            text += "\(leader.statistic == .p50 ? "median" : "mean") latency \(Metric.latency.display(leader.value))"
            if let margin = leader.marginRatio, margin >= 1.005 {
                text += ", \(NumberFormatting.fixed(margin, 2))× faster than the next \(noun.singular)"
            }
            items.append(text)
        }
        for leader in highlights.highestThroughput where leaders {
            var text = "**Highest throughput**\(scenarioSuffix(leader.scenario)): \(subject(leader.subject)), "
            text +=
                "\(NumberFormatting.significant(leader.value)) tokens/s (\(leader.statistic == .p50 ? "median" : "mean"))"
            if let margin = leader.marginRatio, margin >= 1.005 {
                text += ", \(NumberFormatting.fixed(margin, 2))× the next \(noun.singular)"
            }
            items.append(text)
        }
        let against =
            override
            ?? analysis.baselineComparison.map { " against the baseline \(run($0.baselineRunIndex))" }
            ?? " since the previous run"
        for comparison in highlights.verdicts {
            let what = comparison.metric.title.lowercased()
            let word = verdictWord(comparison.verdict)
            var text =
                "**\(word)**: \(subject(comparison.key.subject))\(scenarioSuffix(comparison.key.scenario)) \(what) "
            text +=
                "\(comparison.metric.display(comparison.baseline ?? 0)) → \(comparison.metric.display(comparison.contender ?? 0)), "
            text += NumberFormatting.signedPercent(comparison.change ?? 0)
            if let i = comparison.interval {
                text +=
                    " (95% CI \(NumberFormatting.signedPercent(i.lower)) to \(NumberFormatting.signedPercent(i.upper)), p (adj.) \(ComparisonReport.p(comparison.adjustedPValue)))"
            } else if comparison.method == .thresholdOnly {
                text += " (aggregates only: judged by the threshold)"
            }
            items.append(text + against)
        }
        for (key, change) in highlights.recentChangePoints {
            items.append(
                "**Change point**: \(subject(key.subject))\(scenarioSuffix(key.scenario)) \(change.metric.title.lowercased()) moved from \(change.metric.display(change.point.before)) to \(change.metric.display(change.point.after)) (\(NumberFormatting.signedPercent(change.point.relative))) from \(change.runIndex == page ? "this run" : run(change.runIndex)) on"
            )
        }
        for failed in highlights.failed {
            var text =
                "**\(failed.result.status == .failed ? "Failed" : "Some requests failed")**: \(subject(failed.key.subject))\(scenarioSuffix(failed.key.scenario))"
            if let failures = failed.failures, let requests = failed.requests, failures > 0 {
                text += ", \(failures) of \(requests) requests failed"
            }
            if let error = failed.result.error ?? failed.result.samples.first(where: { !$0.ok })?.error {
                text += ": \(MarkdownText.escapeInline(truncate(error, to: 160)))"
            }
            items.append(text)
        }
        return items
    }
}
