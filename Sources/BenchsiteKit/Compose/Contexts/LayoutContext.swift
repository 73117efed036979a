/// `layout.html`: the HTML page around each page's content.
struct LayoutContext: TemplateContext {
    var pageTitle: String
    var siteTitle: String
    var root: String
    var pageKind: String
    var content: String
    var runCount: Int
    /// What the site calls its subjects: the navigation's link to their index.
    var subjectsTitle = "Models"
    /// The theme's script (`benchsite.js`), inlined; nil when the theme has none.
    var script: String?

    static let variables: TemplateVariables<LayoutContext> = [
        TemplateVariable("pageTitle", \.pageTitle),
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("pageKind", \.pageKind, "overview, run, model, runs, models, compare, methods"),
        TemplateVariable("content", \.content, "the page's HTML"),
        TemplateVariable("runCount", \.runCount),
        TemplateVariable(
            "subjectsTitle", \.subjectsTitle, "`Models`, `Benchmarks`…, or `Subjects` when the tools' differ"),
        TemplateVariable("script", \.script, "the theme's `benchsite.js`, to inline (nothing when it is empty)"),
    ]
}
