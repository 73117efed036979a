/// Where everything is on the site and what it is called: page paths, the names and titles pages
/// show, the order of subjects and their colours. Compose, Render and Output all ask it, so a link
/// on one page and the page it names cannot disagree.
public struct SiteMap: Sendable {
    public private(set) var history: History
    /// Which metrics and percentiles to show, subject names and order (`benchsite.yml`).
    public let presentation: Presentation
    /// Subjects in display order: the configured order first, the rest by name.
    public let orderedSubjects: [String]
    let runSlugs: SlugTable
    let subjectSlugs: SlugTable
    /// Scenarios in chart ids: `GPU` and `gpu` must not draw into each other's charts.
    let scenarioSlugs: SlugTable
    /// The `--baseline` run and the latest run, when a baseline was given.
    let comparedRuns: (baseline: Int, latest: Int)?
    /// The runs by tool (`RunGroups.make`), the group with the newest run first.
    let groups: [RunGroup]
    /// Each run's group in `groups`, by run index.
    private let groupOfRun: [Int]
    /// Each subject's group in `groups` (a subject is in one: groups join tools that share subjects).
    private let groupOfSubject: [String: Int]
    /// What the site calls its subjects: `Models`, `Benchmarks`…, or `Subjects` when its groups'
    /// nouns differ (the navigation's link to the index of them, the runs tables' header).
    public let subjectsTitle: String

    public init(analysis: SiteAnalysis, presentation: Presentation) {
        history = analysis.history
        self.presentation = presentation
        let subjects = history.subjects
        let configured = presentation.order.filter(subjects.contains)
        orderedSubjects = configured + subjects.filter { !configured.contains($0) }
        runSlugs = SlugTable(names: history.runs.map(\.id), reserved: SlugTable.reservedFileNames)
        subjectSlugs = SlugTable(names: subjects, reserved: SlugTable.reservedFileNames)
        scenarioSlugs = SlugTable(names: history.series.map(\.scenario))
        if let baseline = analysis.baselineComparison?.baselineRunIndex, let latest = analysis.latestRunIndex {
            comparedRuns = (baseline, latest)
        } else {
            comparedRuns = nil
        }
        groups = RunGroups.make(history.runs)
        var groupOfRun = Array(repeating: 0, count: history.runs.count)
        var groupOfSubject: [String: Int] = [:]
        for (number, group) in groups.enumerated() {
            for index in group.runIndices {
                groupOfRun[index] = number
                // By index: a `for result in` loop copies every result (a dozen references) to read its subject.
                let results = history.runs[index].results
                for position in results.indices { groupOfSubject[results[position].subject] = number }
            }
        }
        self.groupOfRun = groupOfRun
        self.groupOfSubject = groupOfSubject
        let nouns = groups.reduce(into: [SubjectNoun]()) { if !$0.contains($1.noun) { $0.append($1.noun) } }
        subjectsTitle = nouns.count > 1 ? "Subjects" : (nouns.first ?? .model).pluralHeader
    }

    /// The same map over `history`: the same runs with their samples read again (`takeSamples`).
    func with(history: History) -> SiteMap {
        var map = self
        map.history = history
        return map
    }

    /// What a run's subjects are called (its group's noun).
    func noun(ofRun runIndex: Int) -> SubjectNoun {
        groups.isEmpty ? .model : groups[groupOfRun[runIndex]].noun
    }

    /// What a subject is called (its group's noun).
    func noun(ofSubject subject: String) -> SubjectNoun {
        groupOfSubject[subject].map { groups[$0].noun } ?? .model
    }

    // MARK: Paths

    public func runPath(_ runIndex: Int) -> String { "runs/\(runSlug(runIndex)).html" }
    /// The run's part of file names: its page, its pieces of the published history.
    public func runSlug(_ runIndex: Int) -> String { runSlugs[history.runs[runIndex].id] }
    public func subjectPath(_ subject: String) -> String { "models/\(subjectSlugs[subject]).html" }

    /// `compare/<baseline>-vs-<latest>.html`, when a baseline was given.
    public var comparePath: String? {
        guard let (baseline, latest) = comparedRuns else { return nil }
        return "compare/\(runSlugs[history.runs[baseline].id])-vs-\(runSlugs[history.runs[latest].id]).html"
    }

    /// The subject's part of chart ids and file names.
    func subjectSlug(_ subject: String) -> String { subjectSlugs[subject] }
    func scenarioSlug(_ scenario: String) -> String { scenarioSlugs[scenario] }

    // MARK: Names

    /// The name a page shows for a subject.
    public func name(_ subject: String) -> String { presentation.name(subject) }

    public func runTitle(_ run: Run) -> String {
        if let label = run.label, !label.isEmpty {
            return run.timestamp.map { "\(label) · \($0.date)" } ?? label
        }
        return run.timestamp.map { "Run of \($0.display)" } ?? "Run \(run.id)"
    }

    public func runTitle(_ runIndex: Int) -> String { runTitle(history.runs[runIndex]) }

    func runDate(_ run: Run) -> String { run.timestamp?.display ?? "undated" }

    // MARK: Order and colour

    /// How charts draw a subject (its colour, past 8 subjects a dash, past 24 a marker), the same on
    /// every page.
    func style(_ subject: String) -> SeriesStyle { SeriesPalette.style(of: subject, in: orderedSubjects) }
    /// A subject's colour, the same on every page.
    func color(_ subject: String) -> Int { style(subject).color }

    /// Results of one run ordered for a comparison table: the configured order first, then fastest
    /// first, failed last.
    func ranked(_ results: [ResultAnalysis]) -> [ResultAnalysis] {
        let position = Dictionary(
            presentation.order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return results.sorted { a, b in
            let pa = position[a.key.subject] ?? Int.max, pb = position[b.key.subject] ?? Int.max
            if pa != pb { return pa < pb }
            let la = a.result.status == .failed ? Double.infinity : (a.metrics[.latency]?.headline?.value ?? .infinity)
            let lb = b.result.status == .failed ? Double.infinity : (b.metrics[.latency]?.headline?.value ?? .infinity)
            if la != lb { return la < lb }
            return a.key < b.key
        }
    }

    /// The scenarios of some results, by name.
    func scenarios(of results: [ResultAnalysis]) -> [String] {
        Array(Set(results.map(\.key.scenario))).sorted()
    }
}
