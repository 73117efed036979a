/// `--single-file FILE.html`: the overview, the latest run and its comparison in one HTML file with
/// the stylesheet and charts inline and no link that leaves the file, so it opens from an e-mail
/// attachment or a downloaded CI artifact.
public enum SingleFilePage {
    public static func make(_ composer: PageComposer, theme: Theme, siteTitle: String) throws -> String {
        var pages: [(id: String, title: String, page: ComposedPage)] = [("overview", "Overview", try composer.overview(root: ""))]
        if let latest = composer.analysis.latestRunIndex {
            pages.append(("latest-run", "Latest run", try composer.runPage(latest, root: "")))
        }
        if composer.analysis.baselineComparison != nil {
            pages.append(("comparison", "Comparison", try composer.comparePage(root: "")))
        }
        var sections: [[String: Any]] = []
        for (id, title, page) in pages {
            let html = try MarkdownRenderer.render(page.markdown, charts: page.charts)
            sections.append(["id": id, "title": title, "content": keepLinksInside(html)])
        }
        return try theme.render(
            "single.html",
            ["siteTitle": siteTitle, "stylesheet": theme.stylesheet, "sections": sections, "runCount": composer.analysis.history.runs.count])
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
