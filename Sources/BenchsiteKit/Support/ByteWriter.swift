import Foundation

/// Text built as UTF-8 bytes, for the exports written once per sample (millions of values at years of
/// history), where appending to a `String` field by field is most of the cost.
struct ByteWriter: TextOutputStream {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// For `Double.write(to:)`, which gives a number's shortest text without a `String` of its own.
    mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// Decimal digits of an integer.
    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            bytes.append(0x30 + UInt8(magnitude))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )
        var count = 0
        // Up to ten digits in the tuple; longer numbers take the library's path.
        guard magnitude < 10_000_000_000 else {
            bytes.append(contentsOf: String(magnitude).utf8)
            return
        }
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// `NumberFormatting.plain`, byte for byte.
    mutating func plain(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            if abs(value) < 1e9 {
                integer(Int(value))
            } else {
                bytes.append(contentsOf: String(Int64(value)).utf8)
            }
        } else if value.isFinite {
            if !shortestDecimal(value) {
                value.write(to: &self)  // `"\(value)"`, as NumberFormatting.plain writes it
            }
        } else {
            bytes.append(contentsOf: NumberFormatting.plain(value).utf8)
        }
    }

    /// A number from a thousandth to a billion (not whole) in the shortest decimals that read back
    /// as it, which is what Swift's `description` writes there, without the general algorithm: the
    /// fewest decimals k for which digits m (below 10^15) give it back as m / 10^k (both exact
    /// doubles, so the division rounds as a parser does; with 15 digits or fewer only one m can).
    /// False, having written nothing, for anything else. A test compares it with `description`.
    mutating func shortestDecimal(_ value: Double) -> Bool {
        let magnitude = abs(value)
        guard magnitude >= 1e-3, magnitude < 1e9 else { return false }
        for decimals in 1...15 {
            let scale = NumberFormatting.exactPowersOfTen[decimals]
            let digits = (magnitude * scale).rounded()
            guard digits < 1e15 else { return false }
            guard digits / scale == magnitude else { continue }
            let whole = UInt64(digits)
            let unit = UInt64(scale)
            if value < 0 { bytes.append(0x2D) }
            integer(Int(whole / unit))
            bytes.append(0x2E)
            var fraction = whole % unit
            var place = unit / 10
            while place > 0 {
                bytes.append(0x30 + UInt8(fraction / place))
                fraction %= place
                place /= 10
            }
            return true
        }
        return false
    }

    /// A JSON string, quoted (`JSONText.quote`).
    mutating func quoted(_ text: String) {
        bytes.append(contentsOf: JSONText.quote(text).utf8)
    }

    /// A CSV field (`SummaryCSV.field`).
    mutating func field(_ text: String) {
        bytes.append(contentsOf: SummaryCSV.field(text).utf8)
    }
}
