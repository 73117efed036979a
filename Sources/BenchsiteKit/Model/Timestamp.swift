/// A point in time, in seconds since 1970-01-01 UTC. Always shown in UTC so output
/// never depends on the machine's time zone.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    public var secondsSince1970: Double

    public init(secondsSince1970: Double) {
        self.secondsSince1970 = secondsSince1970
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    /// The latest time a timestamp may have: 9999-12-31T23:59:59Z.
    static let latestSeconds = 253_402_300_799.0

    /// Seconds since 1970 as written in an input file: nil unless finite and from 1970 up to the year 9999.
    /// (Milliseconds or nanoseconds since 1970 are far outside that range, so they are never mistaken for seconds.)
    public init?(epochSeconds value: Double) {
        guard value.isFinite, value >= 0, value <= Self.latestSeconds else { return nil }
        secondsSince1970 = value
    }

    /// Milliseconds since 1970 (asv's `date`, JavaScript's `Date.now()`), under the same limits.
    public init?(epochMilliseconds value: Double) {
        self.init(epochSeconds: value / 1000)
    }

    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0, offsetSeconds: Int = 0
    ) {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            second >= 0, second < 61, year >= 1970, year < 10000
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        secondsSince1970 = Double(days * 86400 + hour * 3600 + minute * 60 - offsetSeconds) + second
    }

    /// Parses ISO 8601 / RFC 3339 forms: `2026-10-01`, `2026-10-01T02:00:00Z`,
    /// `2026-10-01 02:00:00.123+02:00`, `2026-10-01T02:00:00` (taken as UTC).
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<digits {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
                i += 1
            }
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2)
        else { return nil }
        var hour = 0, minute = 0
        var second = 0.0
        var offset = 0
        if i < bytes.count,
            bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: "t") || bytes[i] == UInt8(ascii: " ")
        {
            i += 1
            guard let h = number(2), expect(UInt8(ascii: ":")), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(UInt8(ascii: ":")) {
                guard let s = number(2) else { return nil }
                second = Double(s)
                if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                    var scale = 0.1
                    while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                        second += Double(bytes[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
            if i < bytes.count {
                if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
                    i += 1
                } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                    let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = expect(UInt8(ascii: ":"))
                    let om = number(2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
        }
        guard i == bytes.count else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    /// `2026-10-01T02:00:00Z`
    public var iso8601: String {
        let c = components
        return
            "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    /// `2026-10-01 02:00 UTC`
    public var display: String {
        let c = components
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2)) \(pad(c.hour, 2)):\(pad(c.minute, 2)) UTC"
    }

    /// `2026-10-01`
    public var date: String {
        let c = components
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// `10-01`, for chart axes.
    public var shortDate: String {
        let c = components
        return "\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        // Inputs are checked when read (`init?(epochSeconds:)`); clamping keeps any other value from trapping.
        let seconds =
            secondsSince1970.isFinite
            ? Swift.min(Swift.max(secondsSince1970, -Self.latestSeconds), Self.latestSeconds) : 0
        let total = Int(seconds.rounded(.down))
        var days = total / 86400
        var rest = total % 86400
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        let (y, m, d) = Self.civilFromDays(days)
        return (y, m, d, rest / 3600, (rest % 3600) / 60, rest % 60)
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
