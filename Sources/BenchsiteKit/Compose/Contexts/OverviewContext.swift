/// `index.md`: the overview.
struct OverviewContext: TemplateContext {
    var siteTitle: String
    var root: String
    var latest: LatestRunContext? = nil
    var comparePage: ComparePageLink? = nil
    var highlights: [ItemContext] = []
    var hasHighlights: Bool { !highlights.isEmpty }
    var scenarios: [OverviewScenario] = []
    var trends: [ChartContext] = []
    var hasTrends: Bool { !trends.isEmpty }
    var recentRuns: [RunListEntry] = []

    static let variables: TemplateVariables<OverviewContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("latest", \.latest),
        TemplateVariable("comparePage", \.comparePage),
        TemplateVariable("highlights", \.highlights),
        TemplateVariable("hasHighlights", \.hasHighlights),
        TemplateVariable("scenarios", \.scenarios),
        TemplateVariable("trends", \.trends),
        TemplateVariable("hasTrends", \.hasTrends),
        TemplateVariable("recentRuns", \.recentRuns),
    ]
}

/// The latest run, on the overview.
struct LatestRunContext: TemplateContext {
    var title: String
    var link: String
    var date: String
    var modelCount: Int
    var source: String

    static let variables: TemplateVariables<LatestRunContext> = [
        TemplateVariable("title", \.title),
        TemplateVariable("link", \.link),
        TemplateVariable("date", \.date),
        TemplateVariable("modelCount", \.modelCount),
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
    var caption: String
    var columns: [ColumnContext] = []
    var rows: [OverviewRow] = []
    var distribution: String? = nil
    var pareto: String? = nil

    static let variables: TemplateVariables<OverviewScenario> = [
        TemplateVariable("heading", \.heading),
        TemplateVariable("caption", \.caption),
        TemplateVariable("columns", \.columns),
        TemplateVariable("rows", \.rows),
        TemplateVariable("distribution", \.distribution),
        TemplateVariable("pareto", \.pareto),
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
