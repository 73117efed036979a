/// The Render stage: each page's Markdown through cmark-gfm, charts put in, the HTML layout around it.
public enum PageRenderer {
    /// Renders pages; with `parallel`, HTML rendering runs on all cores (parsing stays serialized).
    /// The output is the same either way.
    public static func render(
        _ pages: [ComposedPage], theme: Theme, siteTitle: String, runCount: Int, parallel: Bool = true,
        progress: ProgressObserver? = nil
    ) throws -> [(path: String, html: String)] {
        let counter = ProgressCounter(.rendering, total: pages.count, observer: progress)
        return try parallelMap(pages.count, parallel: parallel) { index in
            defer { counter.advance() }
            let page = pages[index]
            let body = try MarkdownRenderer.render(page.markdown, charts: page.charts)
            let html = try theme.render(
                "layout.html",
                LayoutContext(
                    pageTitle: page.title, siteTitle: siteTitle, root: page.root, pageKind: page.kind, content: body,
                    runCount: runCount, subjectsTitle: page.subjectsTitle, script: theme.script))
            return (page.path, html)
        }
    }
}
