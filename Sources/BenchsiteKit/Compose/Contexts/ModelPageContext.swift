/// `model.md`: one subject over time.
struct ModelPageContext: TemplateContext {
    var siteTitle: String
    var root: String
    var model: String
    /// What the subject is (`model`, `benchmark`, `command`, `test`: its group's).
    var subjectNoun = "model"
    /// What the site calls its subjects, lower case (`models`, `subjects`): the link to their index.
    var subjectsName = "models"
    var info: [KeyValueContext] = []
    var hasInfo: Bool { !info.isEmpty }
    var scenarios: [ModelScenario] = []
    var quality: [QualityContext] = []
    var hasQuality: Bool { !quality.isEmpty }
    var rubric: String? = nil

    static let variables: TemplateVariables<ModelPageContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("model", \.model),
        TemplateVariable("subjectNoun", \.subjectNoun),
        TemplateVariable("subjectsName", \.subjectsName),
        TemplateVariable("info", \.info),
        TemplateVariable("hasInfo", \.hasInfo),
        TemplateVariable("scenarios", \.scenarios),
        TemplateVariable("quality", \.quality),
        TemplateVariable("hasQuality", \.hasQuality),
        TemplateVariable("rubric", \.rubric),
    ]
}

/// One scenario of a subject.
struct ModelScenario: TemplateContext {
    var heading: String
    var latencyTrend: String? = nil
    var ttftTrend: String? = nil
    var throughputTrend: String? = nil
    var changePoints: [ChangePointContext] = []
    var hasChangePoints: Bool { !changePoints.isEmpty }
    var caption: String
    var columns: [ColumnContext] = []
    var rows: [ModelRow] = []
    /// Whether a run has a count of requests or failures (the `n` and `Failed` columns).
    var hasCounts = true

    static let variables: TemplateVariables<ModelScenario> = [
        TemplateVariable("heading", \.heading),
        TemplateVariable("latencyTrend", \.latencyTrend),
        TemplateVariable("ttftTrend", \.ttftTrend),
        TemplateVariable("throughputTrend", \.throughputTrend),
        TemplateVariable("changePoints", \.changePoints),
        TemplateVariable("hasChangePoints", \.hasChangePoints),
        TemplateVariable("caption", \.caption),
        TemplateVariable("columns", \.columns),
        TemplateVariable("rows", \.rows),
        TemplateVariable("hasCounts", \.hasCounts, "whether a run has a count of requests or failures"),
    ]
}

/// A change point of a series.
struct ChangePointContext: TemplateContext {
    var metric: String
    var run: String
    var runLink: String
    var before: String
    var after: String
    var change: String

    static let variables: TemplateVariables<ChangePointContext> = [
        TemplateVariable("metric", \.metric),
        TemplateVariable("run", \.run),
        TemplateVariable("runLink", \.runLink),
        TemplateVariable("before", \.before),
        TemplateVariable("after", \.after),
        TemplateVariable("change", \.change),
    ]
}

/// One run of a subject.
struct ModelRow: TemplateContext {
    var run: String
    var runLink: String
    var date: String
    var requests: String
    var failures: String
    var p50: String
    var p95: String
    var p99: String
    var ttft: String
    var throughput: String
    var change: String
    var cells: [CellContext] = []

    static let variables: TemplateVariables<ModelRow> = [
        TemplateVariable("run", \.run),
        TemplateVariable("runLink", \.runLink),
        TemplateVariable("date", \.date),
        TemplateVariable("requests", \.requests),
        TemplateVariable("failures", \.failures),
        TemplateVariable("p50", \.p50),
        TemplateVariable("p95", \.p95),
        TemplateVariable("p99", \.p99),
        TemplateVariable("ttft", \.ttft),
        TemplateVariable("throughput", \.throughput),
        TemplateVariable("change", \.change),
        TemplateVariable("cells", \.cells),
    ]
}

/// A quality score of a subject.
struct QualityContext: TemplateContext {
    var prompt: String
    var score: String
    var note: String

    static let variables: TemplateVariables<QualityContext> = [
        TemplateVariable("prompt", \.prompt),
        TemplateVariable("score", \.score),
        TemplateVariable("note", \.note),
    ]
}
