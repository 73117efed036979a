/// `single.html`: the overview, the latest run and its comparison in one file.
struct SingleFileContext: TemplateContext {
    var siteTitle: String
    var stylesheet: String
    var runCount: Int
    /// The theme's script (`benchsite.js`), inlined; nil when the theme has none.
    var script: String?
    var sections: [SingleFileSectionContext] = []

    static let variables: TemplateVariables<SingleFileContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("stylesheet", \.stylesheet),
        TemplateVariable("runCount", \.runCount),
        TemplateVariable("script", \.script, "the theme's `benchsite.js`, to inline (nothing when it is empty)"),
        TemplateVariable("sections", \.sections),
    ]
}

/// One section of the single file.
struct SingleFileSectionContext: TemplateContext {
    var id: String
    var title: String
    var content: String

    static let variables: TemplateVariables<SingleFileSectionContext> = [
        TemplateVariable("id", \.id),
        TemplateVariable("title", \.title),
        TemplateVariable("content", \.content),
    ]
}
