/// A page as Markdown, with the charts its Markdown refers to.
public struct ComposedPage: Sendable {
    /// Path inside the site, e.g. `runs/2026-10-01-nightly.html`.
    public var path: String
    public var kind: String
    public var title: String
    public var markdown: String
    /// SVG markup by chart id.
    public var charts: [String: String]
    /// `""` for top-level pages, `"../"` one folder down: every link is relative.
    public var root: String
    /// What the site calls its subjects (`SiteMap.subjectsTitle`): the layout's link to their index.
    public var subjectsTitle: String
}

/// The Compose stage: page models from the analysis, filled into the Markdown templates.
public struct PageComposer: Sendable {
    let analysis: SiteAnalysis
    let theme: Theme
    let siteTitle: String
    /// Paths, names, order and colours, shared with Render and Output.
    public let map: SiteMap

    /// How many runs trend charts and sparklines on the overview show.
    static let overviewTrendRuns = 60
    static let sparklineRuns = 14

    /// - Parameter map: the site map of `analysis` with `presentation`, when one was made already.
    public init(
        analysis: SiteAnalysis, theme: Theme, siteTitle: String, presentation: Presentation = Presentation(),
        map: SiteMap? = nil
    ) {
        self.analysis = analysis
        self.theme = theme
        self.siteTitle = siteTitle
        self.map = map ?? SiteMap(analysis: analysis, presentation: presentation)
    }

    var history: History { analysis.history }
    var presentation: Presentation { map.presentation }

    /// One page of the site, before it is composed.
    enum PageRequest: Sendable {
        case overview, runsIndex, modelsIndex, compare, methods
        case run(Int)
        case model(String)
    }

    /// Every page of the site, in a fixed order, each handed to `finish` as soon as it is composed (the
    /// pipeline renders it there, so a page's Markdown is never held beside the others and rendering
    /// overlaps composing); with `parallel`, on all cores (same result).
    /// - Parameter skippingRuns: run pages not to compose (kept as published: `IncrementalBuild`).
    public func composeAll<T>(
        parallel: Bool = true, progress: ProgressObserver? = nil, stage: BuildStage = .rendering,
        skippingRuns: Set<Int> = [], finish: @Sendable (ComposedPage) throws -> T
    ) throws -> [T] {
        let requests: [PageRequest] =
            [.overview, .runsIndex, .modelsIndex, .methods] + (analysis.baselineComparison != nil ? [.compare] : [])
            + history.runs.indices.filter { !skippingRuns.contains($0) }.map { .run($0) }
            + map.orderedSubjects.map { .model($0) }
        let counter = ProgressCounter(stage, total: requests.count, observer: progress)
        return try parallelMap(requests.count, parallel: parallel) { index in
            defer { counter.advance() }
            return try finish(compose(requests[index]))
        }
    }

    /// The overview, the latest run and its comparison, composed for one self-contained page
    /// (`--single-file`): every link relative to the page itself.
    /// `overview` is the site's overview when it was composed already (it is the same page).
    public func singleFileSections(overview composed: ComposedPage? = nil) throws -> [SingleFileSection] {
        var sections = [SingleFileSection(id: "overview", title: "Overview", page: try composed ?? overview(root: ""))]
        if let latest = analysis.latestRunIndex {
            sections.append(
                SingleFileSection(id: "latest-run", title: "Latest run", page: try runPage(latest, root: "")))
        }
        if analysis.baselineComparison != nil {
            sections.append(SingleFileSection(id: "comparison", title: "Comparison", page: try comparePage(root: "")))
        }
        return sections
    }

    func compose(_ request: PageRequest) throws -> ComposedPage {
        switch request {
        case .overview: return try overview()
        case .runsIndex: return try runsIndex()
        case .modelsIndex: return try modelsIndex()
        case .compare: return try comparePage()
        case .methods: return try methodsPage()
        case .run(let index): return try runPage(index)
        case .model(let subject): return try modelPage(subject)
        }
    }

    func page(
        _ path: String, kind: String, title: String, template: String, context: some TemplateContext,
        charts: [String: String], root: String
    ) throws -> ComposedPage {
        let markdown = try theme.render(template, context)
        return ComposedPage(
            path: path, kind: kind, title: title, markdown: markdown, charts: charts, root: root,
            subjectsTitle: map.subjectsTitle)
    }
}
