/// Finds a date (and optionally a time) written in a file's name or in its folders' names:
/// `2026-10-01`, `20261001`, `2026-10-01T02-00-00`, `20150814_190343`.
enum DateInPath {
    static func find(in path: String) -> Timestamp? {
        let components = path.split(separator: "/").reversed()
        for component in components {
            if let found = scan(Array(component.utf8)) { return found }
        }
        return nil
    }

    private static func scan(_ b: [UInt8]) -> Timestamp? {
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at >= 0, at + count <= b.count else { return nil }
            var value = 0
            for i in at..<(at + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        func isDigit(_ at: Int) -> Bool { at >= 0 && at < b.count && b[at] >= 48 && b[at] <= 57 }
        var i = 0
        while i < b.count {
            // Only start at a digit that does not continue a longer number.
            guard isDigit(i), !isDigit(i - 1) else {
                i += 1
                continue
            }
            var year: Int?, month: Int?, day: Int?
            var next = i
            if let y = digits(i, 4), i + 4 < b.count, b[i + 4] == UInt8(ascii: "-"), let m = digits(i + 5, 2),
                i + 7 < b.count, b[i + 7] == UInt8(ascii: "-"), let d = digits(i + 8, 2), !isDigit(i + 10)
            {
                (year, month, day) = (y, m, d)
                next = i + 10
            } else if let y = digits(i, 4), let m = digits(i + 4, 2), let d = digits(i + 6, 2), !isDigit(i + 8) {
                (year, month, day) = (y, m, d)
                next = i + 8
            }
            if let year, let month, let day, (2000...2100).contains(year) {
                var hour = 0, minute = 0, second = 0
                if next < b.count,
                    [UInt8(ascii: "T"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " ")].contains(b[next])
                {
                    let t = next + 1
                    if let h = digits(t, 2), let mi = digits(t + 2, 2), let s = digits(t + 4, 2), !isDigit(t + 6) {
                        (hour, minute, second) = (h, mi, s)
                    } else if let h = digits(t, 2), t + 2 < b.count,
                        b[t + 2] == UInt8(ascii: "-") || b[t + 2] == UInt8(ascii: ":"),
                        let mi = digits(t + 3, 2)
                    {
                        hour = h
                        minute = mi
                        if t + 5 < b.count, b[t + 5] == UInt8(ascii: "-") || b[t + 5] == UInt8(ascii: ":"),
                            let s = digits(t + 6, 2)
                        {
                            second = s
                        }
                    }
                }
                if let stamp = Timestamp(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: Double(second))
                {
                    return stamp
                }
            }
            i += 1
        }
        return nil
    }
}
