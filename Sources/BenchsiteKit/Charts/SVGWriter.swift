/// Builds SVG markup. Every piece of text goes through `escape`, so input strings stay text.
struct SVGWriter {
    private(set) var markup = ""

    /// Coordinates with at most one decimal (a tenth of a pixel at 760 px is finer than any screen
    /// draws), so files stay small and stable.
    static func n(_ value: Double) -> String {
        // Coordinates stay within a chart; anything else (a bug, or an input no scale could place) is
        // pinned far outside the view rather than trapping or writing "nan".
        guard value.isFinite else { return "0" }
        // Tenths as an integer (within ±1e7, so the conversion cannot trap), written digit by digit:
        // this runs for every coordinate of every chart.
        let tenths = Int((Swift.min(Swift.max(value, -1e6), 1e6) * 10).rounded())
        let magnitude = tenths.magnitude
        var text = tenths < 0 ? "-" : ""
        text += String(magnitude / 10)
        if magnitude % 10 != 0 {
            text += "."
            text += String(magnitude % 10)
        }
        return text
    }

    mutating func raw(_ text: String) {
        markup += text
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class cls: String) {
        markup +=
            "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" class=\"\(cls)\"/>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, class cls: String) {
        markup +=
            "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(width, 0)))\" height=\"\(Self.n(max(height, 0)))\" class=\"\(cls)\"/>"
    }

    mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, class cls: String, title: String? = nil) {
        if let title {
            markup +=
                "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" class=\"\(cls)\"><title>\(XMLText.escape(title))</title></circle>"
        } else {
            markup += "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" class=\"\(cls)\"/>"
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
        var d = ""
        for p in points { d += "M\(Self.n(p.0)) \(Self.n(p.1))h0" }
        markup += "<path d=\"\(d)\" class=\"\(cls)\"/>"
    }

    /// A staircase: from the first point, alternately across (`H`) and up or down (`V`) to each next
    /// point, which is half the bytes of a line to every corner.
    mutating func steps(_ points: [(Double, Double)], class cls: String) {
        guard let first = points.first else { return }
        var d = "M\(Self.n(first.0)) \(Self.n(first.1))"
        var x = Self.n(first.0), y = Self.n(first.1)
        for p in points.dropFirst() {
            let px = Self.n(p.0), py = Self.n(p.1)
            if px != x { d += "H" + px }
            if py != y { d += "V" + py }
            x = px
            y = py
        }
        markup += "<path d=\"\(d)\" class=\"\(cls)\"/>"
    }

    mutating func path(_ points: [(Double, Double)], class cls: String, closed: Bool = false) {
        guard let first = points.first else { return }
        var d = "M\(Self.n(first.0)) \(Self.n(first.1))"
        for p in points.dropFirst() { d += "L\(Self.n(p.0)) \(Self.n(p.1))" }
        if closed { d += "Z" }
        markup += "<path d=\"\(d)\" class=\"\(cls)\"/>"
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func text(
        _ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start, class cls: String = "label",
        rotate: Bool = false
    ) {
        let transform = rotate ? " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" : ""
        markup +=
            "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor.rawValue)\" class=\"\(cls)\"\(transform)>\(XMLText.escape(content))</text>"
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
        // A picture, unless its points link to runs: an image's content is presentational, so links
        // inside one would be controls nested in an image; a group may hold them.
        let role = body.contains("<a href=") ? "group" : "img"
        // The caption first: HTML allows a figcaption only as a figure's first or last child.
        var out =
            "<figure class=\"chart chart-\(kind)\" id=\"\(id)\">"
            + "<figcaption><strong>\(XMLText.escape(title))</strong> \(XMLText.escape(caption ?? description))</figcaption>"
            // On a narrow screen the chart keeps its size and scrolls sideways (the stylesheet): scaled
            // to a phone's width its text would be 5 px. The scrolling box takes the keyboard focus.
            + "<div class=\"chart-scroll\" tabindex=\"0\" role=\"group\" aria-labelledby=\"\(titleID)\">"
            + "<svg viewBox=\"0 0 \(SVGWriter.n(width)) \(SVGWriter.n(height))\" width=\"\(SVGWriter.n(width))\" height=\"\(SVGWriter.n(height))\" role=\"\(role)\" aria-labelledby=\"\(titleID) \(descriptionID)\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(titleID)\">\(XMLText.escape(title))</title><desc id=\"\(descriptionID)\">\(XMLText.escape(description))</desc>"
            + body
            + "</svg></div>"
        if let table, !table.rows.isEmpty {
            out +=
                "<details class=\"chart-data\"><summary>Table of the numbers</summary><table><caption>\(XMLText.escape(title))</caption><thead><tr>"
            out += table.header.map { "<th scope=\"col\">\(XMLText.escape($0))</th>" }.joined()
            out += "</tr></thead><tbody>"
            for (number, row) in table.rows.enumerated() {
                let link = table.rowLinks.indices.contains(number) ? table.rowLinks[number] : nil
                out +=
                    "<tr>"
                    + row.enumerated().map { index, cell in
                        guard index == 0 else { return "<td>\(XMLText.escape(cell))</td>" }
                        guard let link else { return "<th scope=\"row\">\(XMLText.escape(cell))</th>" }
                        return "<th scope=\"row\"><a href=\"\(XMLText.escape(link))\">\(XMLText.escape(cell))</a></th>"
                    }.joined() + "</tr>"
            }
            out += "</tbody></table></details>"
        }
        return out + "</figure>"
    }
}
