/// `models.md`: every subject.
struct ModelsIndexContext: TemplateContext {
    var siteTitle: String
    var root: String
    var models: [ModelsIndexRow] = []

    static let variables: TemplateVariables<ModelsIndexContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
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
