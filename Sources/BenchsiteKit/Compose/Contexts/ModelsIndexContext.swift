/// `models.md`: every subject, by group (tool).
struct ModelsIndexContext: TemplateContext {
    var siteTitle: String
    var root: String
    /// `Models`, or what the groups' subjects are: `Models, benchmarks and commands`.
    var title = "Models"
    var groups: [ModelsIndexGroup] = []

    static let variables: TemplateVariables<ModelsIndexContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("title", \.title),
        TemplateVariable("groups", \.groups),
    ]
}

/// The subjects of one group of runs (one tool, or tools about the same subjects).
struct ModelsIndexGroup: TemplateContext {
    /// The group's tools, when there are several groups; nil (no heading) with one.
    var heading: String? = nil
    var caption: String
    /// `Model`, `Command`, `Benchmark`, `Test`.
    var subjectHeader: String
    /// Whether any subject of the group has a throughput (else no column for it).
    var hasThroughput: Bool
    var models: [ModelsIndexRow] = []

    static let variables: TemplateVariables<ModelsIndexGroup> = [
        TemplateVariable("heading", \.heading),
        TemplateVariable("caption", \.caption),
        TemplateVariable("subjectHeader", \.subjectHeader),
        TemplateVariable("hasThroughput", \.hasThroughput),
        TemplateVariable("models", \.models),
    ]
}

/// One subject in the index.
struct ModelsIndexRow: TemplateContext {
    var model: String
    var link: String
    var scenarios: String
    var runs: Int
    var p50: String
    var throughput: String
    var spark: String

    static let variables: TemplateVariables<ModelsIndexRow> = [
        TemplateVariable("model", \.model),
        TemplateVariable("link", \.link),
        TemplateVariable("scenarios", \.scenarios),
        TemplateVariable("runs", \.runs),
        TemplateVariable("p50", \.p50),
        TemplateVariable("throughput", \.throughput),
        TemplateVariable("spark", \.spark),
    ]
}
