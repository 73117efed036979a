/// `runs.md`: every run, newest first.
struct RunsIndexContext: TemplateContext {
    var siteTitle: String
    var root: String
    var runs: [RunListEntry] = []

    static let variables: TemplateVariables<RunsIndexContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("runs", \.runs),
    ]
}
