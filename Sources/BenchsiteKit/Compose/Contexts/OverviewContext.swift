/// `index.md`: the overview.
struct OverviewContext: TemplateContext {
    var siteTitle: String
    var root: String
    /// When the runs come from several tools: how many runs and groups (each group under its own
    /// heading); nil with one group.
    var grouped: GroupsSummary? = nil
    /// The runs by tool (`RunGroups`), the group with the newest run first; one group without a
    /// heading when all runs are of one tool.
    var groups: [OverviewGroup] = []
    var hasGroups: Bool { !groups.isEmpty }
    var recentRuns: [RunListEntry] = []
    /// What every group's subjects are (`Models`, `Benchmarks`), or `Subjects`: the runs table's header.
    var subjectsHeader = "Models"
    /// `subjectsHeader` in lower case: the link to the subjects' index.
    var subjectsName = "models"

    static let variables: TemplateVariables<OverviewContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("grouped", \.grouped),
        TemplateVariable("groups", \.groups),
        TemplateVariable("hasGroups", \.hasGroups),
        TemplateVariable("recentRuns", \.recentRuns),
        TemplateVariable("subjectsHeader", \.subjectsHeader),
        TemplateVariable("subjectsName", \.subjectsName),
    ]
}

/// The overview's opening line when the runs come from several tools.
struct GroupsSummary: TemplateContext {
    var runs: Int
    var groups: Int
    /// The groups' headings with links to them.
    var links: [GroupLink]

    static let variables: TemplateVariables<GroupsSummary> = [
        TemplateVariable("runs", \.runs),
        TemplateVariable("groups", \.groups),
        TemplateVariable("links", \.links),
    ]
}

/// A link to a group's heading on the overview.
struct GroupLink: TemplateContext {
    var name: String
    var anchor: String
    var last: Bool

    static let variables: TemplateVariables<GroupLink> = [
        TemplateVariable("name", \.name),
        TemplateVariable("anchor", \.anchor, "the heading's id, with `#`"),
        TemplateVariable("last", \.last),
    ]
}

/// The runs of one tool (or of tools about the same subjects), with the group's own latest run.
struct OverviewGroup: TemplateContext {
    /// The group's tools, when the overview has several groups; nil (no heading) with one.
    var heading: String? = nil
    /// The Markdown heading marker of the group's sections: `##`, or `###` under a group heading.
    var level: String
    var latest: LatestRunContext
    var comparePage: ComparePageLink? = nil
    var highlights: [ItemContext] = []
    var hasHighlights: Bool { !highlights.isEmpty }
    var scenarios: [OverviewScenario] = []
    var trends: [ChartContext] = []
    var hasTrends: Bool { !trends.isEmpty }

    static let variables: TemplateVariables<OverviewGroup> = [
        TemplateVariable("heading", \.heading),
        TemplateVariable("level", \.level, "`##`, or `###` under a group heading"),
        TemplateVariable("latest", \.latest),
        TemplateVariable("comparePage", \.comparePage),
        TemplateVariable("highlights", \.highlights),
        TemplateVariable("hasHighlights", \.hasHighlights),
        TemplateVariable("scenarios", \.scenarios),
        TemplateVariable("trends", \.trends),
        TemplateVariable("hasTrends", \.hasTrends),
    ]
}

/// The latest run, on the overview.
struct LatestRunContext: TemplateContext {
    var title: String
    var link: String
    var date: String
    var modelCount: Int
    /// `5 models`, `1 command`, `200 benchmarks`.
    var subjects: String
    var source: String

    static let variables: TemplateVariables<LatestRunContext> = [
        TemplateVariable("title", \.title),
        TemplateVariable("link", \.link),
        TemplateVariable("date", \.date),
        TemplateVariable("modelCount", \.modelCount),
        TemplateVariable("subjects", \.subjects),
        TemplateVariable("source", \.source),
    ]
}

/// The compare page, when a baseline was given.
struct ComparePageLink: TemplateContext {
    var baseline: String
    var link: String

    static let variables: TemplateVariables<ComparePageLink> = [
        TemplateVariable("baseline", \.baseline),
        TemplateVariable("link", \.link),
    ]
}

/// One scenario of the latest run.
struct OverviewScenario: TemplateContext {
    var heading: String
    /// The first column's header: `Model`, `Command`, `Benchmark`, `Test`.
    var subjectHeader: String
    var columns: [ColumnContext] = []
    /// The scenario's table; a long one as two: its largest changes, then every row folded.
    var tables: [OverviewTable] = []
    var distribution: String? = nil
    var pareto: String? = nil

    static let variables: TemplateVariables<OverviewScenario> = [
        TemplateVariable("heading", \.heading),
        TemplateVariable("subjectHeader", \.subjectHeader),
        TemplateVariable("columns", \.columns),
        TemplateVariable("tables", \.tables),
        TemplateVariable("distribution", \.distribution),
        TemplateVariable("pareto", \.pareto),
    ]
}

/// One table of a scenario's results on the overview.
struct OverviewTable: TemplateContext {
    var caption: String
    var rows: [OverviewRow]
    /// Set when the table is the full one behind a `<details>` summary.
    var folded: FoldedTable? = nil

    static let variables: TemplateVariables<OverviewTable> = [
        TemplateVariable("caption", \.caption),
        TemplateVariable("rows", \.rows),
        TemplateVariable("folded", \.folded),
    ]
}

/// One subject of the latest run.
struct OverviewRow: TemplateContext {
    var model: String
    var modelLink: String
    var status: String
    var requests: String
    var p50: String
    var p95: String
    var p99: String
    var ttft: String
    var throughput: String
    var change: String
    var spark: String
    var cells: [CellContext] = []

    static let variables: TemplateVariables<OverviewRow> = [
        TemplateVariable("model", \.model),
        TemplateVariable("modelLink", \.modelLink),
        TemplateVariable("status", \.status),
        TemplateVariable("requests", \.requests),
        TemplateVariable("p50", \.p50),
        TemplateVariable("p95", \.p95),
        TemplateVariable("p99", \.p99),
        TemplateVariable("ttft", \.ttft),
        TemplateVariable("throughput", \.throughput),
        TemplateVariable("change", \.change),
        TemplateVariable("spark", \.spark),
        TemplateVariable("cells", \.cells),
    ]
}

/// What a folded table says around it.
struct FoldedTable: TemplateContext {
    /// `All 200 benchmarks, fastest first`.
    var summary: String
    /// `200 benchmarks`.
    var subjects: String
    /// Where the run's distributions are (its run page).
    var runLink: String

    static let variables: TemplateVariables<FoldedTable> = [
        TemplateVariable("summary", \.summary),
        TemplateVariable("subjects", \.subjects),
        TemplateVariable("runLink", \.runLink),
    ]
}
