extension PageComposer {
    // MARK: - Compare page

    func comparePage(root: String = "../") throws -> ComposedPage {
        guard let (baselineIndex, comparisons) = analysis.baselineComparison, let latest = analysis.latestRunIndex,
            let path = map.comparePath
        else {
            throw Theme.TemplateError(template: "compare.md", message: "no baseline to compare with")
        }
        let settings = analysis.comparisonSettings
        let rows: [CompareRow] = ComparisonReport.ordered(comparisons).map { c in
            let verdict: String
            switch c.verdict {
            case .regression: verdict = "<span class=\"worse\">regression</span>"
            case .improvement: verdict = "<span class=\"better\">improvement</span>"
            default: verdict = c.verdict.rawValue
            }
            return CompareRow(
                model: map.name(c.key.subject), modelLink: root + map.subjectPath(c.key.subject),
                scenario: c.key.scenario, metric: c.metric.title,
                baselineValue: ComparisonReport.value(c.baseline, c.metric),
                contenderValue: ComparisonReport.value(c.contender, c.metric),
                change: c.change.map(NumberFormatting.signedPercent) ?? "—", interval: ComparisonReport.interval(c),
                p: ComparisonReport.p(c.adjustedPValue),
                verdict: verdict + (c.method == .thresholdOnly ? " (threshold only)" : ""),
                test: ComparisonReport.testDescription(c))
        }
        let outcome = CompareOutcome(
            baselineRuns: [history.runs[baselineIndex]], contenderRuns: [history.runs[latest]], comparisons: comparisons
        )
        var context = ComparePageContext(
            siteTitle: siteTitle, root: root,
            title: "\(map.runTitle(history.runs[latest])) against \(map.runTitle(history.runs[baselineIndex]))",
            baseline: map.runTitle(history.runs[baselineIndex]), baselineLink: root + map.runPath(baselineIndex),
            contender: map.runTitle(history.runs[latest]), contenderLink: root + map.runPath(latest),
            summary: ComparisonReport.summary(outcome, settings), alpha: NumberFormatting.plain(settings.alpha),
            minimumEffect: settings.minimumEffectDescription, rows: rows)
        let noun = map.noun(ofRun: latest)
        context.subjectHeader = noun.header
        context.subjectNoun = noun.singular
        return try page(
            path, kind: "compare", title: "Comparison", template: "compare.md", context: context, charts: [:],
            root: root)
    }
}
