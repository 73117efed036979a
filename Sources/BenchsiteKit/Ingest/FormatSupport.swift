/// Pieces several formats share.
enum FormatSupport {
    /// Maps a percentile name (`50`, `p95`, `99`) to the statistic benchsite shows, if it shows it.
    static func statistic(forPercentile text: String) -> Statistic? {
        switch text.hasPrefix("p") ? String(text.dropFirst()) : text {
        case "50": return .p50
        case "90": return .p90
        case "95": return .p95
        case "99": return .p99
        default: return nil
        }
    }

    /// Seconds per unit for time units tools write.
    static func secondsPerUnit(_ unit: String) -> Double? {
        switch unit.lowercased() {
        case "s", "sec", "secs", "second", "seconds": return 1
        case "ms", "millisecond", "milliseconds": return 1e-3
        case "us", "µs", "microsecond", "microseconds": return 1e-6
        case "ns", "nanosecond", "nanoseconds": return 1e-9
        default: return nil
        }
    }

    /// The file name without folders and extension.
    static func stem(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name
    }

    /// Keys of an object that are not in `known`, sorted, for the "not read" list.
    static func unread(_ node: JSONNode, known: Set<String>, prefix: String = "") -> [String] {
        (node.objectMembers ?? []).map(\.key).filter { !known.contains($0) }.map { prefix + $0 }
    }

    /// `vLLM date` form `20250530-194738`, local time without zone, read as UTC.
    static func compactDate(_ text: String) -> Timestamp? {
        let digits = Array(text.utf8)
        guard digits.count == 15, digits[8] == UInt8(ascii: "-") else { return nil }
        func n(_ a: Int, _ b: Int) -> Int? { Int(String(decoding: digits[a..<b], as: UTF8.self)) }
        guard let y = n(0, 4), let mo = n(4, 6), let d = n(6, 8), let h = n(9, 11), let mi = n(11, 13),
            let s = n(13, 15)
        else { return nil }
        return Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: Double(s))
    }

    /// A whole number that fits comfortably in an `Int` (|value| < 10^15), else nil: every conversion
    /// of an input number to an integer goes through here, so no value can trap.
    static func wholeNumber(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
