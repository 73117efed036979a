/// Colors that stay apart for color-blind readers (Okabe and Ito), one per subject, the same on every page.
/// Charts use the classes `c0` ... `c7`; the stylesheet maps them to colors for light and dark mode.
public enum SeriesPalette {
    public static let count = 8

    public static func index(of subject: String, in subjects: [String]) -> Int {
        (subjects.firstIndex(of: subject) ?? 0) % count
    }

    /// The line style that tells apart subjects sharing a colour: solid for the first 8, dashed for
    /// the next 8, dotted for the 8 after, then again.
    public static func dash(of subject: String, in subjects: [String]) -> Int {
        (subjects.firstIndex(of: subject) ?? 0) / count % 3
    }
}
