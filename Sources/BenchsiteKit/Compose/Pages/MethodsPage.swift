extension PageComposer {
    // MARK: - Methods

    /// `methods.html`: how the figures, verdicts and change points of this site were computed, with
    /// the settings they used.
    func methodsPage() throws -> ComposedPage {
        let settings = analysis.comparisonSettings
        let changePoints = analysis.changePointSettings
        let context = MethodsContext(
            siteTitle: siteTitle, root: "", fewMark: FewSamples.mark, p90Needs: FewSamples.needed(.p90),
            p95Needs: FewSamples.needed(.p95),
            p99Needs: FewSamples.needed(.p99), alpha: NumberFormatting.plain(settings.alpha),
            minimumEffect: settings.minimumEffectDescription,
            window: Analyzer.historyWindow, history: Comparator.minimumHistory,
            penalty: NumberFormatting.plain(changePoints.penalty),
            changeMinimumEffect: "\(NumberFormatting.plain(changePoints.minimumEffect * 100))%",
            segment: changePoints.minimumSegment)
        return try page(
            "methods.html", kind: "methods", title: "How the figures are computed", template: "methods.md",
            context: context, charts: [:], root: "")
    }
}
