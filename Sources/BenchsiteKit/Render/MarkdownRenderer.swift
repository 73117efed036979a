import CCmarkGFM
import Foundation

/// Renders GitHub-flavored Markdown to HTML with cmark-gfm (tables, strikethrough, autolinks, tag filter).
///
/// Charts enter pages through Markdown: a fenced block ```` ```chart ```` holding a chart id, or an
/// image without a description, `![](chart:ID)`. After parsing, those nodes are replaced by nodes carrying the
/// chart's SVG (a cmark "custom block" for charts, inline HTML for sparklines), so cmark-gfm remains
/// the only Markdown parser and the SVG is never parsed as Markdown.
///
/// GFM has no table captions, so benchsite reads pandoc's: a paragraph `Table: caption` right before
/// a table becomes that table's `<caption>` (screen readers announce it with the table).
public enum MarkdownRenderer {
    /// Debian's cmark-gfm keeps a global table of special characters that parsers with extensions
    /// write while they parse inlines (`cmark_parser_finish`: set at its start, cleared at its end),
    /// so that step is serialized. Feeding the text (the blocks) and rendering HTML from a finished
    /// tree run in parallel.
    private static let parseLock = NSLock()
    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    public struct UnknownChart: Error, CustomStringConvertible {
        public var id: String
        public var description: String { "the page refers to a chart \"\(id)\" that was not drawn" }
    }

    /// - Parameter charts: SVG markup by chart id, for the chart references in the Markdown.
    /// - Parameter headingPrefix: put before every heading's id and in every link to an `#anchor` of
    ///   the page (pages that are sections of one file: `--single-file`).
    public static func render(
        _ markdown: String, charts: [String: String] = [:], headingPrefix: String = ""
    ) throws
        -> String
    {
        String(decoding: try renderBytes(markdown, charts: charts, headingPrefix: headingPrefix), as: UTF8.self)
    }

    /// `render`'s HTML as UTF-8 bytes, as cmark-gfm wrote them (with `finishedHTML`'s changes): a page
    /// goes to its file without a String of it being made and checked again.
    static func renderBytes(
        _ markdown: String, charts: [String: String] = [:], headingPrefix: String = ""
    ) throws -> [UInt8] {
        _ = registerExtensions
        // Raw HTML is allowed because only templates write it: every input string is escaped
        // before it reaches the Markdown, and the tag filter still applies to raw HTML. Table
        // alignment as style attributes and code languages as classes: HTML5 has no `align` on
        // cells and no `lang="text"` on `pre` (the Nu HTML Checker and axe's valid-lang).
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        // The page's nodes and buffers come from the thread's arena and go back all at once when
        // it is done, once its HTML has been copied out (`CmarkArena`).
        return try CmarkArena.withDocument { memory in
            let parser = cmark_parser_new_with_mem(options, memory)!
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            // The blocks (a table's rows among them) are parsed line by line as they are fed, on any
            // thread; only the inlines, parsed when the parser finishes, use the global table.
            var bytes = Array(markdown.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { pointer in
                    cmark_parser_feed(parser, pointer, buffer.count)
                }
            }
            let document = parseLock.withLock { cmark_parser_finish(parser)! }
            defer {
                cmark_node_free(document)
                cmark_parser_free(parser)
            }
            let found = walk(document)
            try replaceChartReferences(found.charts, charts: charts)
            markHeadings(found.headings, prefix: headingPrefix)
            if !headingPrefix.isEmpty { prefixAnchorLinks(in: document, prefix: headingPrefix) }
            attachTableCaptions(in: document, options: options, extensions: cmark_parser_get_syntax_extensions(parser))
            // In the arena too (the document's): not freed on its own.
            guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
                return []
            }
            // Tables scroll sideways when they are wider than the page (the stylesheet), so each can take
            // the keyboard focus and be scrolled with the arrow keys (axe: scrollable-region-focusable).
            return finishedHTML(html)
        }
    }

    static let headingMark = "<!--benchsite-heading:"
    /// A table's caption, as HTML, right before the table (`attachTableCaptions`).
    static let captionMark = "<!--benchsite-caption:"

    /// A node of the page being rendered, from the same arena as the parsed ones (`CmarkArena`).
    private static func newNode(_ type: cmark_node_type) -> OpaquePointer? {
        cmark_node_new_with_mem(type, CmarkArena.allocator)
    }

    /// Table cells as cmark-gfm writes them aligned (a style attribute on every cell: HTML5 has no
    /// `align`), and as pages carry them: a class of one letter, a fifth of a run page's bytes less.
    static let alignedCells: [(style: String, classed: String)] = ["td", "th"].flatMap { cell in
        [("left", "l"), ("right", "r"), ("center", "c")].map { alignment, name in
            ("<\(cell) style=\"text-align: \(alignment)\">", "<\(cell) class=\"\(name)\">")
        }
    }

    /// What the cells' classes mean, added to every stylesheet (a theme's own too).
    static let alignmentRules =
        "td.l,th.l{text-align:left}td.r,th.r{text-align:right}td.c,th.c{text-align:center}td.r,.when{white-space:nowrap}"

    /// Gives every heading below the page title an id from its text (`Slug`, unique on the page: a
    /// second "Results" is `results-2`) and a visible link to itself at its end, so a section can be
    /// linked. cmark-gfm writes no attributes on headings: the id travels as a comment right after
    /// the opening tag (no input text can hold one: every input string is escaped) and
    /// `finishedHTML` moves it into the tag. Slugs never hold `--`, which every chart id does.
    private static func markHeadings(_ headings: [(node: OpaquePointer, text: String)], prefix: String) {
        var used = Set<String>()
        for heading in headings {
            let base = prefix + Slug.make(heading.text)
            var id = base
            var n = 2
            while used.contains(id) {
                id = "\(base)-\(n)"
                n += 1
            }
            used.insert(id)
            let mark = newNode(CMARK_NODE_HTML_INLINE)!
            cmark_node_set_literal(mark, headingMark + id + "-->")
            cmark_node_prepend_child(heading.node, mark)
            let link = newNode(CMARK_NODE_HTML_INLINE)!
            cmark_node_set_literal(
                link,
                " <a href=\"#\(id)\" class=\"heading-link\" aria-label=\"Link to this section: \(XMLText.escape(heading.text))\">#</a>"
            )
            cmark_node_append_child(heading.node, link)
        }
    }

    /// Links to a heading of the page (`[Google Benchmark](#google-benchmark)`) follow its id into
    /// the section's prefix (`#overview-google-benchmark`).
    private static func prefixAnchorLinks(in document: OpaquePointer, prefix: String) {
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_LINK, let url = cmark_node_get_url(node)
            else { continue }
            let target = String(cString: url)
            if target.hasPrefix("#") { cmark_node_set_url(node, "#" + prefix + target.dropFirst()) }
        }
    }

    /// cmark-gfm's HTML finished in one pass over its bytes (Foundation's string search took a tenth
    /// of a large build): `<h2><!--benchsite-heading:ID-->` becomes `<h2 id="ID">`, and every
    /// `<table>` gets `tabindex="0"`.
    static func finishedHTML(_ html: UnsafePointer<CChar>) -> [UInt8] {
        let length = strlen(html)
        let tag = Array("<table>".utf8), focusable = Array("<table tabindex=\"0\">".utf8)
        let cells = alignedCells.map { (Array($0.style.utf8), Array($0.classed.utf8)) }
        let mark = Array(headingMark.utf8), close = Array("-->".utf8)
        let idOpen = Array(" id=\"".utf8), idClose = Array("\">".utf8)
        let captionOpen = Array(captionMark.utf8), captioned = Array("\n<table>".utf8)
        let captionStart = Array("\n<caption>".utf8), captionEnd = Array("</caption>".utf8)
        return html.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            func starts(_ pattern: [UInt8], at index: Int) -> Bool {
                guard index + pattern.count <= length else { return false }
                for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
                return true
            }
            var out: [UInt8] = []
            out.reserveCapacity(length + 256)
            // The text between the tags changed is copied in runs; only a `<` is looked at.
            var copied = 0
            func copy(upTo index: Int) {
                out.append(contentsOf: UnsafeBufferPointer(start: bytes + copied, count: index - copied))
            }
            func replace(from index: Int, skipping count: Int, with replacement: [UInt8]) {
                copy(upTo: index)
                out += replacement
                copied = index + count
            }
            /// The text of a comment `opening` starts at `index`, and where the comment ends.
            func comment(_ opening: [UInt8], at index: Int) -> (text: UnsafeBufferPointer<UInt8>, end: Int)? {
                guard starts(opening, at: index) else { return nil }
                var end = index + opening.count
                while end < length, !starts(close, at: end) { end += 1 }
                guard end < length else { return nil }
                let start = index + opening.count
                return (UnsafeBufferPointer(start: bytes + start, count: end - start), end + close.count)
            }
            var index = 0
            while index < length, let found = memchr(bytes + index, 0x3C, length - index) {
                index = UnsafeRawPointer(bytes).distance(to: UnsafeRawPointer(found))
                let next = index + 1 < length ? bytes[index + 1] : 0
                if next == UInt8(ascii: "t") {
                    if starts(tag, at: index) {
                        replace(from: index, skipping: tag.count, with: focusable)
                        index += tag.count
                        continue
                    }
                    if let cell = cells.first(where: { starts($0.0, at: index) }) {
                        replace(from: index, skipping: cell.0.count, with: cell.1)
                        index += cell.0.count
                        continue
                    }
                } else if next == UInt8(ascii: "!"), let caption = comment(captionOpen, at: index) {
                    // A caption before its table: into the table, after its opening tag.
                    copy(upTo: index)
                    index = caption.end
                    if starts(captioned, at: index) {
                        out += focusable + captionStart
                        out.append(contentsOf: caption.text)
                        out += captionEnd
                        index += captioned.count
                    } else {
                        out += Array("<p>".utf8)
                        out.append(contentsOf: caption.text)
                        out += Array("</p>".utf8)
                    }
                    copied = index
                    continue
                } else if next == UInt8(ascii: "!"), index > copied, bytes[index - 1] == UInt8(ascii: ">"),
                    let id = comment(mark, at: index)
                {
                    // A heading's id, right after its opening tag: moved into the tag.
                    copy(upTo: index - 1)
                    out += idOpen
                    out.append(contentsOf: id.text)
                    out += idClose
                    index = id.end
                    copied = index
                    continue
                }
                index += 1
            }
            copy(upTo: length)
            return out
        }
    }

    /// One walk over the document (a run page's tables make it long): the chart references (a
    /// ```` ```chart ```` block or a `![](chart:ID)` image) and the headings below the page title
    /// with their text.
    private static func walk(
        _ document: OpaquePointer
    ) -> (
        charts: [(node: OpaquePointer, id: String, block: Bool)], headings: [(node: OpaquePointer, text: String)]
    ) {
        var charts: [(node: OpaquePointer, id: String, block: Bool)] = []
        var headings: [(node: OpaquePointer, text: String)] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var current: (node: OpaquePointer, text: String)?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING, cmark_node_get_heading_level(node) >= 2 {
                if event == CMARK_EVENT_ENTER {
                    current = (node, "")
                } else if let heading = current {
                    headings.append(heading)
                    current = nil
                }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            if current != nil, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE,
                let literal = cmark_node_get_literal(node)
            {
                current?.text += String(cString: literal)
            } else if type == CMARK_NODE_CODE_BLOCK, let info = cmark_node_get_fence_info(node),
                String(cString: info) == "chart"
            {
                let id = trimmed(String(cString: cmark_node_get_literal(node)))
                charts.append((node, id, true))
            } else if type == CMARK_NODE_IMAGE, cmark_node_first_child(node) == nil, let url = cmark_node_get_url(node)
            {
                let text = String(cString: url)
                if text.hasPrefix("chart:") { charts.append((node, String(text.dropFirst(6)), false)) }
            }
        }
        return (charts, headings)
    }

    private static func replaceChartReferences(
        _ found: [(node: OpaquePointer, id: String, block: Bool)], charts: [String: String]
    ) throws {
        for reference in found {
            guard let svg = charts[reference.id] else { throw UnknownChart(id: reference.id) }
            let replacement: OpaquePointer
            if reference.block {
                replacement = newNode(CMARK_NODE_CUSTOM_BLOCK)!
                cmark_node_set_on_enter(replacement, svg)
                cmark_node_set_on_exit(replacement, "")
            } else {
                // GFM table cells accept only standard inline nodes, so an inline chart is inline HTML
                // (sparklines carry no element the tag filter removes).
                replacement = newNode(CMARK_NODE_HTML_INLINE)!
                cmark_node_set_literal(replacement, svg)
            }
            guard cmark_node_replace(reference.node, replacement) == 1 else {
                cmark_node_free(replacement)
                throw UnknownChart(id: reference.id)
            }
            cmark_node_free(reference.node)
        }
    }

    static let captionPrefix = "Table: "

    /// `Table: caption` paragraphs followed by a table: the caption moves into the table.
    private static func attachTableCaptions(
        in document: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
    ) {
        var captions: [OpaquePointer] = []
        var node = cmark_node_first_child(document)
        while let current = node {
            let next = cmark_node_next(current)
            if cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH, let table = next,
                String(cString: cmark_node_get_type_string(table)) == "table",
                let first = cmark_node_first_child(current), cmark_node_get_type(first) == CMARK_NODE_TEXT,
                let literal = cmark_node_get_literal(first), String(cString: literal).hasPrefix(captionPrefix)
            {
                captions.append(current)
            }
            node = next
        }
        for caption in captions {
            // The caption's inline content as HTML: the paragraph rendered alone, without `<p>Table: `
            // and `</p>`. It travels as a comment before the table, which `finishedHTML` moves into
            // it (the table itself is rendered once, with the rest of the page).
            guard let first = cmark_node_first_child(caption), let literal = cmark_node_get_literal(first) else {
                continue
            }
            cmark_node_set_literal(first, String(String(cString: literal).dropFirst(captionPrefix.count)))
            let captionHTML = trimmed(renderNode(caption, options: options, extensions: extensions))
                .dropFirst("<p>".count).dropLast("</p>".count)
            guard let replacement = newNode(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(replacement, captionMark + captionHTML + "-->")
            cmark_node_set_on_exit(replacement, "")
            cmark_node_replace(caption, replacement)
            cmark_node_free(caption)
        }
    }

    /// `text` without white space at either end, as Foundation's `whitespacesAndNewlines` has it:
    /// for ASCII text (a chart's id, a caption cmark-gfm rendered) on the bytes, else by Foundation.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard !utf8.contains(where: { $0 >= 0x80 }) else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    private static func renderNode(
        _ node: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
    ) -> String {
        // In the arena, with the document: not freed on its own.
        guard let html = cmark_render_html(node, options, extensions) else { return "" }
        return String(cString: html)
    }
}
