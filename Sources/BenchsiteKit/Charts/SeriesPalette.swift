/// How a chart draws one subject, the same on every page: its colour (Okabe and Ito, readable for
/// color-blind readers; classes `fc0`…`fc7`/`sc0`…`sc7`, mapped to colours for light and dark mode
/// by the stylesheet), past 8 subjects a line dash, past 24 a point marker.
public struct SeriesStyle: Sendable, Equatable, CustomStringConvertible {
    /// 0 to 7.
    public var color: Int
    /// 0 solid, 1 dashed, 2 dotted (class `dash1`, `dash2`).
    public var dash: Int
    /// The shape of the subject's points: 0 circle, 1 square, 2 triangle, 3 diamond.
    public var marker: Int

    public init(color: Int, dash: Int = 0, marker: Int = 0) {
        self.color = color
        self.dash = dash
        self.marker = marker
    }

    /// The style of the subject at `position` in the site's subject order: colours first, then dashes,
    /// then markers, so the first 8 subjects are solid lines with round points as they always were,
    /// and 96 subjects are all drawn differently before a style repeats.
    public init(position: Int) {
        let p = max(position, 0) % SeriesPalette.distinctStyles
        self.init(
            color: p % SeriesPalette.count, dash: p / SeriesPalette.count % SeriesPalette.dashes,
            marker: p / (SeriesPalette.count * SeriesPalette.dashes))
    }

    /// `c3 d1 m0`.
    public var description: String { "c\(color) d\(dash) m\(marker)" }

    /// The line's classes: `line sc3`, `line sc3 dash1`.
    var lineClass: String { dash > 0 ? "line sc\(color) dash\(dash)" : "line sc\(color)" }
}

/// The styles subjects are drawn in, by their place in the site's order of subjects.
public enum SeriesPalette {
    /// Colours.
    public static let count = 8
    /// Line styles: solid, dashed, dotted.
    public static let dashes = 3
    /// Point shapes: circle, square, triangle, diamond.
    public static let markers = 4
    /// Subjects drawn differently before a style repeats (8 × 3 × 4 = 96).
    public static let distinctStyles = count * dashes * markers

    public static func style(of subject: String, in subjects: [String]) -> SeriesStyle {
        SeriesStyle(position: subjects.firstIndex(of: subject) ?? 0)
    }

    public static func index(of subject: String, in subjects: [String]) -> Int {
        style(of: subject, in: subjects).color
    }
}
