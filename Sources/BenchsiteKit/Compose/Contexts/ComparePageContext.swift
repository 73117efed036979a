/// `compare.md`: the latest run against the baseline.
struct ComparePageContext: TemplateContext {
    var siteTitle: String
    var root: String
    var title: String
    var baseline: String
    var baselineLink: String
    var contender: String
    var contenderLink: String
    var summary: String
    var alpha: String
    var minimumEffect: String
    /// What the compared runs' subjects are: `Model`, `model` (`Benchmark`, `benchmark`…).
    var subjectHeader = "Model"
    var subjectNoun = "model"
    var rows: [CompareRow] = []

    static let variables: TemplateVariables<ComparePageContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("title", \.title),
        TemplateVariable("baseline", \.baseline),
        TemplateVariable("baselineLink", \.baselineLink),
        TemplateVariable("contender", \.contender),
        TemplateVariable("contenderLink", \.contenderLink),
        TemplateVariable("summary", \.summary),
        TemplateVariable("alpha", \.alpha),
        TemplateVariable("minimumEffect", \.minimumEffect),
        TemplateVariable("subjectHeader", \.subjectHeader),
        TemplateVariable("subjectNoun", \.subjectNoun),
        TemplateVariable("rows", \.rows),
    ]
}

/// One series and metric compared.
struct CompareRow: TemplateContext {
    var model: String
    var modelLink: String
    var scenario: String
    var metric: String
    var baselineValue: String
    var contenderValue: String
    var change: String
    var interval: String
    var p: String
    var verdict: String
    var test: String

    static let variables: TemplateVariables<CompareRow> = [
        TemplateVariable("model", \.model),
        TemplateVariable("modelLink", \.modelLink),
        TemplateVariable("scenario", \.scenario),
        TemplateVariable("metric", \.metric),
        TemplateVariable("baselineValue", \.baselineValue),
        TemplateVariable("contenderValue", \.contenderValue),
        TemplateVariable("change", \.change),
        TemplateVariable("interval", \.interval),
        TemplateVariable("p", \.p),
        TemplateVariable("verdict", \.verdict),
        TemplateVariable("test", \.test),
    ]
}
