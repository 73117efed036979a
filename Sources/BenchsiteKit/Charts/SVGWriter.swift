import Foundation

/// Builds SVG markup. Every piece of text goes through `escape`, so input strings stay text.
/// Written as UTF-8 bytes, numbers digit by digit: a run page's charts hold thousands of coordinates.
struct SVGWriter {
    private var bytes: [UInt8] = []

    var markup: String { String(decoding: bytes, as: UTF8.self) }

    /// Coordinates with at most one decimal (a tenth of a pixel at 760 px is finer than any screen
    /// draws), so files stay small and stable.
    static func n(_ value: Double) -> String {
        var writer = SVGWriter()
        writer.number(value)
        return writer.markup
    }

    /// A coordinate in tenths: within ±1e7, so the conversion cannot trap. Coordinates stay within a
    /// chart; anything else (a bug, or an input no scale could place) is pinned far outside the view
    /// rather than trapping or writing "nan" (not finite: 0).
    private static func tenths(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int((Swift.min(Swift.max(value, -1e6), 1e6) * 10).rounded())
    }

    /// `n(value)`'s text, appended.
    private mutating func number(_ value: Double) {
        let tenths = Self.tenths(value)
        if tenths < 0 { bytes.append(0x2D) }
        let magnitude = tenths.magnitude
        digits(magnitude / 10)
        if magnitude % 10 != 0 {
            bytes.append(0x2E)
            bytes.append(0x30 + UInt8(magnitude % 10))
        }
    }

    private mutating func digits(_ value: UInt) {
        if value >= 10 { digits(value / 10) }
        bytes.append(0x30 + UInt8(value % 10))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// ` name="value"` for a coordinate.
    private mutating func attribute(_ name: StaticString, _ value: Double) {
        bytes.append(0x20)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x3D)
        bytes.append(0x22)
        number(value)
        bytes.append(0x22)
    }

    /// ` class="cls"/>`
    private mutating func classAndClose(_ cls: String) {
        append(" class=\"")
        append(cls)
        append("\"/>")
    }

    mutating func raw(_ text: String) {
        append(text)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class cls: String) {
        append("<line")
        attribute("x1", x1)
        attribute("y1", y1)
        attribute("x2", x2)
        attribute("y2", y2)
        classAndClose(cls)
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, class cls: String) {
        append("<rect")
        attribute("x", x)
        attribute("y", y)
        attribute("width", max(width, 0))
        attribute("height", max(height, 0))
        classAndClose(cls)
    }

    mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, class cls: String, title: String? = nil) {
        append("<circle")
        attribute("cx", cx)
        attribute("cy", cy)
        attribute("r", r)
        if let title {
            append(" class=\"")
            append(cls)
            append("\"><title>")
            append(XMLText.escape(title))
            append("</title></circle>")
        } else {
            classAndClose(cls)
        }
    }

    /// A point in one of the series' shapes (`SeriesStyle.marker`: circle, square, triangle, diamond),
    /// each about the area of a circle of radius `r`, centred on the point.
    mutating func marker(
        _ shape: Int, _ cx: Double, _ cy: Double, _ r: Double, class cls: String, title: String? = nil
    ) {
        let element: String
        switch shape {
        case 1:
            let half = r * 0.89
            element =
                "<rect x=\"\(Self.n(cx - half))\" y=\"\(Self.n(cy - half))\" width=\"\(Self.n(2 * half))\" height=\"\(Self.n(2 * half))\" class=\"\(cls)\""
        case 2, 3:
            let corners =
                shape == 2
                ? [(cx, cy - 1.45 * r), (cx + 1.3 * r, cy + 0.8 * r), (cx - 1.3 * r, cy + 0.8 * r)]
                : [(cx, cy - 1.3 * r), (cx + 1.3 * r, cy), (cx, cy + 1.3 * r), (cx - 1.3 * r, cy)]
            element =
                "<path d=\"M" + corners.map { "\(Self.n($0.0)) \(Self.n($0.1))" }.joined(separator: "L")
                + "Z\" class=\"\(cls)\""
        default:
            circle(cx, cy, r, class: cls, title: title)
            return
        }
        let name = shape == 1 ? "rect" : "path"
        raw(title.map { "\(element)><title>\(XMLText.escape($0))</title></\(name)>" } ?? element + "/>")
    }

    /// Many dots as one path of zero-length segments with round caps (the `dots` class sets the cap
    /// and width): about a quarter of the bytes of one `<circle>` per dot.
    mutating func dots(_ points: [(Double, Double)], class cls: String) {
        guard !points.isEmpty else { return }
        append("<path d=\"")
        for p in points {
            bytes.append(0x4D)  // M
            number(p.0)
            bytes.append(0x20)
            number(p.1)
            bytes.append(0x68)  // h
            bytes.append(0x30)  // 0
        }
        append("\"")
        classAndClose(cls)
    }

    /// A staircase: from the first point, alternately across (`H`) and up or down (`V`) to each next
    /// point, which is half the bytes of a line to every corner.
    mutating func steps(_ points: [(Double, Double)], class cls: String) {
        guard let first = points.first else { return }
        append("<path d=\"M")
        number(first.0)
        bytes.append(0x20)
        number(first.1)
        // Compared as written (in tenths), so a step within a tenth of a pixel is not drawn.
        var x = Self.tenths(first.0), y = Self.tenths(first.1)
        for p in points.dropFirst() {
            let px = Self.tenths(p.0), py = Self.tenths(p.1)
            if px != x {
                bytes.append(0x48)  // H
                number(p.0)
            }
            if py != y {
                bytes.append(0x56)  // V
                number(p.1)
            }
            x = px
            y = py
        }
        append("\"")
        classAndClose(cls)
    }

    mutating func path(_ points: [(Double, Double)], class cls: String, closed: Bool = false) {
        guard let first = points.first else { return }
        append("<path d=\"M")
        number(first.0)
        bytes.append(0x20)
        number(first.1)
        for p in points.dropFirst() {
            bytes.append(0x4C)  // L
            number(p.0)
            bytes.append(0x20)
            number(p.1)
        }
        if closed { bytes.append(0x5A) }  // Z
        append("\"")
        classAndClose(cls)
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func text(
        _ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start, class cls: String = "label",
        rotate: Bool = false
    ) {
        append("<text")
        attribute("x", x)
        attribute("y", y)
        append(" text-anchor=\"")
        append(anchor.rawValue)
        append("\" class=\"")
        append(cls)
        append("\"")
        if rotate {
            append(" transform=\"rotate(-90 ")
            number(x)
            bytes.append(0x20)
            number(y)
            append(")\"")
        }
        bytes.append(0x3E)
        append(XMLText.escape(content))
        append("</text>")
    }
}

/// The legend beside a plot: wide enough for its longest label (9 px a character of 12 px text, wide
/// letters included), from 150 to 230 px; a label past that room is truncated (the table has it whole).
struct LegendSize {
    var width: Double
    /// Characters a label may have.
    var characters: Int

    /// - Parameter margin: the legend's width that is not text (its line, marker and gaps).
    init(labels: [String], margin: Double) {
        let longest = Double(labels.map(\.count).max() ?? 0)
        width = Swift.min(230, Swift.max(150, margin + 9 * longest))
        characters = Int((width - margin) / 9)
    }
}

/// The numbers behind a chart, shown as a table one click away for readers who cannot see it.
struct ChartTable {
    var header: [String]
    var rows: [[String]]
    /// A page for a row's first cell to link to (a trend's run), by row; none when empty or nil.
    var rowLinks: [String?] = []

    /// The table without the columns after the first that no row has a figure in ("—" in every
    /// row): rows of a tool that reported only medians have no counts or quartiles to show.
    func droppingEmptyColumns() -> ChartTable {
        let kept = header.indices.filter { column in
            column == 0 || rows.contains { row in column < row.count && row[column] != "—" }
        }
        guard kept.count < header.count else { return self }
        var table = self
        table.header = kept.map { header[$0] }
        table.rows = rows.map { row in kept.compactMap { row.indices.contains($0) ? row[$0] : nil } }
        return table
    }
}

/// The frame every chart shares: a figure with an accessible title and description, and its numbers.
struct ChartFrame {
    var id: String
    var title: String
    /// The whole description: the chart's `<desc>` for screen readers.
    var description: String
    var width: Double
    var height: Double
    /// What the visible caption says when not all of `description`: a chart of many series names
    /// each one's figures in its description, which on screen would be a wall of text above the
    /// chart (200 benchmarks: 5,500 px at 390 px); the table of the numbers holds them.
    var caption: String? = nil

    /// Series whose figures a visible caption names one by one; past this, the table does.
    static let captionSeries = 8

    /// The visible caption's sentence in place of the series' figures.
    static func inTable(_ count: Int, _ what: String) -> String {
        "The figures of all \(count) \(what): in the table of the numbers below."
    }

    func wrap(_ body: String, kind: String, table: ChartTable? = nil) -> String {
        let titleID = "\(id)-title"
        let descriptionID = "\(id)-desc"
        let title = XMLText.escape(self.title)
        let description = XMLText.escape(self.description)
        // A picture, unless its points link to runs: an image's content is presentational, so links
        // inside one would be controls nested in an image; a group may hold them.
        let role = body.utf8.containsBytes(Array("<a href=".utf8)) ? "group" : "img"
        // One buffer for the whole figure (a run page has one or more, each tens of kilobytes).
        var out = ""
        out.reserveCapacity(body.utf8.count + 2 * description.utf8.count + 512 + (table?.rows.count ?? 0) * 160)
        // The caption first: HTML allows a figcaption only as a figure's first or last child.
        out += "<figure class=\"chart chart-\(kind)\" id=\"\(id)\"><figcaption><strong>\(title)</strong> "
        out += caption.map(XMLText.escape) ?? description
        // On a narrow screen the chart keeps its size and scrolls sideways (the stylesheet): scaled
        // to a phone's width its text would be 5 px. The scrolling box takes the keyboard focus.
        let (w, h) = (SVGWriter.n(width), SVGWriter.n(height))
        out += "</figcaption><div class=\"chart-scroll\" tabindex=\"0\" role=\"group\" aria-labelledby=\"\(titleID)\">"
        out += "<svg viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"\(role)\""
        out += " aria-labelledby=\"\(titleID) \(descriptionID)\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"\(titleID)\">\(title)</title><desc id=\"\(descriptionID)\">"
        out += description
        out += "</desc>"
        out += body
        out += "</svg></div>"
        if let table, !table.rows.isEmpty {
            out +=
                "<details class=\"chart-data\"><summary>Table of the numbers</summary><table><caption>\(title)</caption><thead><tr>"
            // Aligned as the Markdown tables are (`MarkdownRenderer.alignedCells`): names left, figures right.
            for (index, header) in table.header.enumerated() {
                out += "<th scope=\"col\" class=\"\(index == 0 ? "l" : "r")\">\(XMLText.escape(header))</th>"
            }
            out += "</tr></thead><tbody>"
            for (number, row) in table.rows.enumerated() {
                let link = table.rowLinks.indices.contains(number) ? table.rowLinks[number] : nil
                out += "<tr>"
                for (index, cell) in row.enumerated() {
                    let text = XMLText.escape(cell)
                    if index > 0 {
                        out += "<td class=\"r\">\(text)</td>"
                    } else if let link {
                        out += "<th scope=\"row\" class=\"l\"><a href=\"\(XMLText.escape(link))\">\(text)</a></th>"
                    } else {
                        out += "<th scope=\"row\" class=\"l\">\(text)</th>"
                    }
                }
                out += "</tr>"
            }
            out += "</tbody></table></details>"
        }
        out += "</figure>"
        return out
    }
}

extension String.UTF8View {
    /// Whether the bytes of `needle` occur in order, compared as bytes (Foundation's `contains` on a
    /// `String` goes through `NSString` and Unicode comparison: a chart's markup is long).
    func containsBytes(_ needle: [UInt8]) -> Bool { firstOffset(of: needle) != nil }

    /// Where the bytes of `needle` first occur at or after byte `start`, as an offset into the UTF-8:
    /// each place of its first byte found with memchr, then the rest compared.
    func firstOffset(of needle: [UInt8], from start: Int = 0) -> Int? {
        let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Int? in
            guard !needle.isEmpty else { return start <= haystack.count ? start : nil }
            guard let base = haystack.baseAddress else { return nil }
            let count = haystack.count, length = needle.count, first = Int32(needle[0])
            var offset = start
            while offset >= 0 && count - offset >= length {
                guard let hit = memchr(base + offset, first, count - offset) else { return nil }
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if count - at < length { return nil }
                if needle.withUnsafeBytes({ memcmp(hit, $0.baseAddress!, length) == 0 }) { return at }
                offset = at + 1
            }
            return nil
        }
        if let found = withContiguousStorageIfAvailable(search) { return found }
        return Array(self).withUnsafeBufferPointer(search)
    }
}
