/// `runs.md`: every run, newest first.
struct RunsIndexContext: TemplateContext {
    var siteTitle: String
    var root: String
    var runs: [RunListEntry] = []
    /// What the site calls its subjects (`Models`, or `Subjects` when its tools' differ): a header.
    var subjectsHeader = "Models"

    static let variables: TemplateVariables<RunsIndexContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("runs", \.runs),
        TemplateVariable("subjectsHeader", \.subjectsHeader),
    ]
}
