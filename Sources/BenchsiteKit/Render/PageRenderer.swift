/// The Render stage: a page's Markdown through cmark-gfm, charts put in, the HTML layout around it.
/// The pipeline renders each page as soon as it is composed (`BuildPipeline.pages`).
public enum PageRenderer {
    /// One page's HTML.
    public static func render(_ page: ComposedPage, theme: Theme, siteTitle: String, runCount: Int) throws -> String {
        String(decoding: try renderBytes(page, theme: theme, siteTitle: siteTitle, runCount: runCount), as: UTF8.self)
    }

    /// Stands for the page's content while the layout is rendered: the layout is made around it and
    /// the content's bytes put in its place, so that the page is not copied into a String, checked and
    /// copied out again (a run page is tens of kilobytes, a site thousands of pages).
    static let contentMark = "<!--benchsite-page-content-->"

    /// One page's HTML, as the bytes of its file.
    static func renderBytes(_ page: ComposedPage, theme: Theme, siteTitle: String, runCount: Int) throws -> [UInt8] {
        let body = try MarkdownRenderer.renderBytes(page.markdown, charts: page.charts)
        func layout(_ content: String) throws -> String {
            try theme.render(
                "layout.html",
                LayoutContext(
                    pageTitle: page.title, siteTitle: siteTitle, root: page.root, pageKind: page.kind,
                    content: content, runCount: runCount, subjectsTitle: page.subjectsTitle, script: theme.script))
        }
        if !body.isEmpty {
            let framed = try layout(contentMark).utf8
            let mark = Array(contentMark.utf8)
            // Put in as it was given (`{{{content}}}`) and once; a layout that escapes or repeats it is
            // rendered with the content itself.
            if let place = framed.firstOffset(of: mark), framed.firstOffset(of: mark, from: place + mark.count) == nil {
                var out: [UInt8] = []
                out.reserveCapacity(framed.count - mark.count + body.count)
                out.append(contentsOf: framed.prefix(place))
                out.append(contentsOf: body)
                out.append(contentsOf: framed.dropFirst(place + mark.count))
                return out
            }
        }
        return Array(try layout(String(decoding: body, as: UTF8.self)).utf8)
    }
}
