/// The unit a figure is shown in on a page: its symbol and how many base units (seconds, bytes,
/// tokens per second) one of it holds. Exports (CSV, JSON) always keep the base units.
public struct DisplayUnit: Sendable, Hashable {
    public var symbol: String
    /// Base units per display unit: 0.001 for milliseconds.
    public var size: Double

    public init(_ symbol: String, size: Double) {
        self.symbol = symbol
        self.size = size
    }

    /// The number alone, in this unit, with three significant digits: `12.3`.
    public func number(_ value: Double) -> String {
        NumberFormatting.significant(value / size)
    }

    /// The number with the unit: `12.3 ms`.
    public func text(_ value: Double) -> String {
        symbol.isEmpty ? number(value) : "\(number(value)) \(symbol)"
    }

    public static let seconds = DisplayUnit("s", size: 1)
    public static let milliseconds = DisplayUnit("ms", size: 1e-3)
    public static let microseconds = DisplayUnit("µs", size: 1e-6)
    public static let nanoseconds = DisplayUnit("ns", size: 1e-9)
    static let timeUnits: [DisplayUnit] = [.seconds, .milliseconds, .microseconds, .nanoseconds]

    public static let bytes = DisplayUnit("B", size: 1)
    static let byteUnits: [DisplayUnit] = [
        DisplayUnit("GiB", size: 1_073_741_824), DisplayUnit("MiB", size: 1_048_576), DisplayUnit("KiB", size: 1024),
        .bytes,
    ]

    /// The largest time unit in which `value` (seconds) is at least 1: 0.00000000229 is 2.29 ns,
    /// 0.0123 is 12.3 ms; values of a second or more stay in seconds.
    public static func time(fitting value: Double) -> DisplayUnit {
        largest(of: timeUnits, fitting: value)
    }

    /// The largest binary unit in which `value` (bytes) is at least 1.
    public static func bytes(fitting value: Double) -> DisplayUnit {
        largest(of: byteUnits, fitting: value)
    }

    private static func largest(of units: [DisplayUnit], fitting value: Double) -> DisplayUnit {
        let magnitude = abs(value)
        guard magnitude.isFinite, magnitude > 0 else { return units[0] }
        // A hair below 1 (0.9995 ms) would print as "1000 µs": count it as the larger unit.
        return units.first { magnitude / $0.size >= 0.9995 } ?? units[units.count - 1]
    }

    /// One unit for a set of figures shown together (a column, an axis): the unit that fits their
    /// typical value (the median), when every one of them reads well in it (from 0.01 to 9999);
    /// nil when they span too much for one unit, so each is shown in its own.
    public static func common(for values: [Double], of metric: Metric) -> DisplayUnit? {
        let finite = values.filter { $0.isFinite && $0 != 0 }.map(abs).sorted()
        return common(
            median: finite.isEmpty ? nil : finite[finite.count / 2], least: finite.first, greatest: finite.last,
            of: metric)
    }

    /// `common(for:of:)` from the figures' magnitudes (finite, not zero): the median (the upper of
    /// the middle two), the least and the greatest; nil magnitudes when there are none.
    static func common(median: Double?, least: Double?, greatest: Double?, of metric: Metric) -> DisplayUnit? {
        guard let median, let least, let greatest else { return metric.displayUnit(fitting: 0) }
        let unit = metric.displayUnit(fitting: median)
        // Dividing by a positive size keeps the order: every figure reads well when both ends do.
        let fits = least / unit.size >= 0.01 && greatest / unit.size < 9999.5
        return fits || !metric.hasScaledUnits ? unit : nil
    }
}

extension Metric {
    /// Whether figures of this metric are shown in a unit that fits their size (ns to s, B to GiB).
    public var hasScaledUnits: Bool { unit == "s" || unit == "bytes" }

    /// The unit one figure of this metric is shown in.
    public func displayUnit(fitting value: Double) -> DisplayUnit {
        switch unit {
        case "s": return .time(fitting: value)
        case "bytes": return .bytes(fitting: value)
        case "tokens/s": return DisplayUnit("tok/s", size: 1)
        default: return DisplayUnit(unit, size: 1)
        }
    }

    /// One figure with the unit that fits it: `2.29 ns`, `812 ms`, `1.4 GiB`, `35.2 tok/s`.
    public func display(_ value: Double) -> String {
        displayUnit(fitting: value).text(value)
    }
}
