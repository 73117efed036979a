/// A small line of recent values for a table cell.
public enum Sparkline {
    public static func render(values: [Double], colorIndex: Int, label: String) -> String {
        let width = 96.0, height = 22.0
        guard values.count > 1, let lo = values.min(), let hi = values.max() else {
            return "<span class=\"spark-none\">—</span>"
        }
        let span = hi - lo
        let points = values.enumerated().map { i, v -> (Double, Double) in
            let x = 2 + Double(i) * (width - 4) / Double(values.count - 1)
            let y = span == 0 ? height / 2 : height - 3 - (v - lo) / span * (height - 6)
            return (x, y)
        }
        var svg = SVGWriter()
        svg.path(points, class: "spark sc\(colorIndex)")
        svg.circle(points[points.count - 1].0, points[points.count - 1].1, 2.2, class: "dot fc\(colorIndex)")
        return
            "<svg class=\"sparkline\" viewBox=\"0 0 \(SVGWriter.n(width)) \(SVGWriter.n(height))\" width=\"\(SVGWriter.n(width))\" height=\"\(SVGWriter.n(height))\" role=\"img\" aria-label=\"\(XMLText.escape(label))\" xmlns=\"http://www.w3.org/2000/svg\">"
            + svg.markup + "</svg>"
    }
}
