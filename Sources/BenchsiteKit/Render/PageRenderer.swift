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
            var framed = try layout(contentMark)
            let spliced = framed.withUTF8 { bytes -> [UInt8]? in
                let mark = Array(contentMark.utf8)
                let places = occurrences(of: mark, in: bytes)
                // Put in as it was given (`{{{content}}}`) and once; a layout that escapes or repeats it
                // is rendered with the content itself.
                guard places.count == 1, let place = places.first else { return nil }
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count - mark.count + body.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<place]))
                out.append(contentsOf: body)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(place + mark.count)...]))
                return out
            }
            if let spliced { return spliced }
        }
        return Array(try layout(String(decoding: body, as: UTF8.self)).utf8)
    }

    /// Where `needle` starts in `bytes`, each place once.
    static func occurrences(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard !needle.isEmpty, bytes.count >= needle.count else { return [] }
        var places: [Int] = []
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                places.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return places
    }
}
