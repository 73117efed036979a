/// The Render stage: a page's Markdown through cmark-gfm, charts put in, the HTML layout around it.
/// The pipeline renders each page as soon as it is composed (`BuildPipeline.pages`).
public enum PageRenderer {
    /// One page's HTML.
    public static func render(_ page: ComposedPage, theme: Theme, siteTitle: String, runCount: Int) throws -> String {
        let body = try MarkdownRenderer.render(page.markdown, charts: page.charts)
        return try theme.render(
            "layout.html",
            LayoutContext(
                pageTitle: page.title, siteTitle: siteTitle, root: page.root, pageKind: page.kind, content: body,
                runCount: runCount, subjectsTitle: page.subjectsTitle, script: theme.script))
    }
}
