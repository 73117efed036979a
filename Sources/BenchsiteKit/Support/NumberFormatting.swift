import Foundation

/// Locale-independent number formatting used by every page and export, so output
/// never depends on the machine's locale.
public enum NumberFormatting {
    /// Shortest text that reads back as the same double (`0.1`, `12`, `1e-07`); `nan`/`inf` spelled out.
    public static func plain(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// Fixed number of decimals (`fixed(1.23456, 2)` is `1.23`).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        if !value.isFinite { return plain(value) }
        if let text = fastFixed(value, decimals) { return text }
        let text = String(format: "%.\(decimals)f", value)
        return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// 10^0 to 10^22: every one an exact double.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// `fixed` without C's printf, for the common case (every table cell of every page goes through
    /// here): the value scaled to an integer and written digit by digit. Nil, for printf to decide,
    /// when the scaled value is near a tie (printf rounds the exact binary value half to even; the
    /// scaled double may have rounded across the half), too large to be exact to a millionth, or has more than 9 decimals.
    static func fastFixed(_ value: Double, _ decimals: Int) -> String? {
        guard decimals >= 0, decimals <= 9, abs(value) < 1e9 else { return nil }
        let scaled = abs(value) * exactPowersOfTen[decimals]
        // Below 1e9 a double is exact to 1.2e-7, far inside the 1e-6 kept from a tie.
        guard scaled < 1e9 else { return nil }
        // Truncation is the floor here (not negative), and away from a tie adding a half and
        // truncating rounds as `rounded()` does, without calls into the C library.
        let fraction = scaled - Double(UInt64(scaled))
        guard abs(fraction - 0.5) > 1e-6 else { return nil }
        let digits = UInt64(scaled + 0.5)
        // Digits back to front on the stack: at least one before the point, `decimals` after it.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = ByteWriter.digits(UInt(digits), decimals: decimals, endingAt: 24, in: buffer)
            if value < 0 && digits != 0 {
                start -= 1
                buffer[start] = 0x2D
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<24]), as: UTF8.self)
        }
    }

    /// About `significant` significant digits without exponent for typical benchmark ranges:
    /// 0.01234 → "0.0123", 12.345 → "12.3", 1234.5 → "1235".
    /// Values too large or too small for that (from 10^9, below 10^-6) are written with an exponent: `1.70e308`.
    public static func significant(_ value: Double, _ significant: Int = 3) -> String {
        if !value.isFinite { return plain(value) }
        if value == 0 { return "0" }
        if abs(value) >= 1e9 || abs(value) < 1e-6 { return scientific(value, significant) }
        let magnitude = Int(floor(log10(abs(value))))
        var decimals = min(max(0, significant - 1 - magnitude), 9)
        // 0.9996 rounds up to the next power of ten: one decimal fewer keeps three digits ("1.00").
        if decimals > 0, abs((value * exactPowersOfTen[decimals]).rounded()) >= pow(10, Double(significant)) {
            decimals -= 1
        }
        return fixed(value, decimals)
    }

    /// `1.70e308`, `-2.3e-12`: C's `%e` without the exponent's plus sign and leading zeros.
    public static func scientific(_ value: Double, _ significant: Int = 3) -> String {
        let text = String(format: "%.\(max(0, significant - 1))e", value)
        guard let e = text.firstIndex(of: "e") else { return text }
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "-" { sign = "-" }
        exponent = exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
        return text[..<e] + "e" + sign + (exponent.isEmpty ? "0" : exponent)
    }

    /// The value rounded to `significant` significant digits (as a double whose shortest text has at
    /// most that many): 138.669809849 → 138.67 with 6. Values it cannot round exactly are returned as they are.
    public static func rounded(_ value: Double, significant: Int) -> Double {
        guard value.isFinite, value != 0, significant > 0 else { return value }
        let magnitude = Int(floor(log10(abs(value))))
        let shift = significant - 1 - magnitude
        guard abs(shift) <= 22 else { return value }
        let power = exactPowersOfTen[abs(shift)]  // pow(10, n), exact up to 10^22
        return shift >= 0 ? (value * power).rounded() / power : (value / power).rounded() * power
    }

    /// A signed percentage: `+12.3%`, `−4.0%`.
    public static func signedPercent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return fraction.isNaN ? "—" : (fraction > 0 ? "+∞%" : "−∞%") }
        let percent = fraction * 100
        if abs(percent) >= 1e6 { return (percent > 0 ? "+" : "−") + scientific(abs(percent)) + "%" }
        let text = fixed(abs(percent), abs(percent) >= 100 ? 0 : 1)
        if text == "0.0" || text == "0" { return "±0.0%" }
        return (percent > 0 ? "+" : "−") + text + "%"
    }
}
