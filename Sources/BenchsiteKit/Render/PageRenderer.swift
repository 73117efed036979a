import Dispatch

/// The Render stage: each page's Markdown through cmark-gfm, charts put in, the HTML layout around it.
public enum PageRenderer {
    /// Renders pages; with `parallel`, HTML rendering runs on all cores (parsing stays serialized).
    /// The output is the same either way.
    public static func render(_ pages: [ComposedPage], theme: Theme, siteTitle: String, runCount: Int, parallel: Bool = true) throws
        -> [(path: String, html: String)]
    {
        let slots = ResultSlots<Result<String, Error>>(count: pages.count)
        let work: @Sendable (Int) -> Void = { index in
            let page = pages[index]
            slots[index] = Result {
                let body = try MarkdownRenderer.render(page.markdown, charts: page.charts)
                return try theme.render(
                    "layout.html",
                    [
                        "pageTitle": page.title, "siteTitle": siteTitle, "root": page.root, "pageKind": page.kind,
                        "content": body, "runCount": runCount,
                    ])
            }
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: pages.count, execute: work)
        } else {
            for index in pages.indices { work(index) }
        }
        return try zip(pages, slots.values).map { page, result in (page.path, try result.get()) }
    }
}
