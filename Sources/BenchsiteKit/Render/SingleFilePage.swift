/// `--single-file FILE.html`: the overview, the latest run and its comparison in one HTML file with
/// the stylesheet and charts inline and no link that leaves the file, so it opens from an e-mail
/// attachment or a downloaded CI artifact.
public enum SingleFilePage {
    /// Renders the sections `PageComposer.singleFileSections` composed into one page.
    public static func make(
        _ pages: [SingleFileSection], theme: Theme, siteTitle: String, runCount: Int
    ) throws -> String {
        var sections: [SingleFileSectionContext] = []
        for (id, title, page) in pages.map({ ($0.id, $0.title, $0.page) }) {
            let html = try MarkdownRenderer.render(page.markdown, charts: page.charts, headingPrefix: id + "-")
            sections.append(SingleFileSectionContext(id: id, title: title, content: keepLinksInside(html)))
        }
        return try theme.render(
            "single.html",
            SingleFileContext(
                siteTitle: siteTitle, stylesheet: theme.stylesheet, runCount: runCount, script: theme.script,
                sections: sections))
    }

    /// Removes the links of rendered pages (to other pages of the site), keeping their text; links to
    /// `#anchors` stay. The HTML is cmark-gfm's own output, whose links are always `<a href="...">`.
    static func keepLinksInside(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<a href=\"") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let tagEnd = afterOpen.range(of: ">"), let close = afterOpen.range(of: "</a>") else {
                out += rest[open.lowerBound...]
                return out
            }
            let href = afterOpen[..<tagEnd.lowerBound]
            if href.hasPrefix("#") {
                out += rest[open.lowerBound..<close.upperBound]
            } else {
                out += afterOpen[tagEnd.upperBound..<close.lowerBound]
            }
            rest = afterOpen[close.upperBound...]
        }
        return out + rest
    }
}

/// One section of the single-file page: a page of the site composed for it.
public struct SingleFileSection: Sendable {
    public var id: String
    public var title: String
    public var page: ComposedPage
}
