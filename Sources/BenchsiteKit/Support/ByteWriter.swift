import Foundation

/// Text built as UTF-8 bytes, for the exports written once per sample (millions of values at years of
/// history), where appending to a `String` field by field is most of the cost.
struct ByteWriter: TextOutputStream {
    var bytes: [UInt8] = []
    /// Where the text goes in chunks when it is not kept whole (`PieceCompressor`); nil keeps it all.
    var drain: TextDrain?

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Hands the text so far to `drain` once there is a chunk of it (the writers of the history's
    /// files call it between samples).
    @inline(__always)
    mutating func drainIfFull() {
        guard let drain, bytes.count >= drain.chunkSize else { return }
        drain.take(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    @inline(__always)
    mutating func append(_ text: StaticBytes) { bytes.append(contentsOf: text.buffer) }

    /// For `Double.write(to:)`, which gives a number's shortest text without a `String` of its own.
    mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// Decimal digits of an integer.
    mutating func integer(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(0x30 + UInt8(value))
            return
        }
        // Back to front into a buffer on the stack, then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = Self.digits(value.magnitude, endingAt: 24, in: buffer)
            if value < 0 {
                start -= 1
                buffer[start] = 0x2D
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<24]))
        }
    }

    /// Writes the decimal digits of `value` so they end before `end`; returns where they start. With
    /// `decimals`, a point goes before the last `decimals` digits, with at least one digit before it
    /// (`5` with 2 is `0.05`): a scaled number's fixed-point text.
    static func digits(
        _ value: UInt, decimals: Int = 0, endingAt end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var value = value
        var start = end
        var written = 0
        repeat {
            if decimals > 0 && written == decimals {
                start -= 1
                buffer[start] = 0x2E
            }
            start -= 1
            buffer[start] = 0x30 + UInt8(value % 10)
            value /= 10
            written += 1
        } while value > 0 || written <= decimals
        return start
    }

    /// `NumberFormatting.plain`, byte for byte.
    mutating func plain(_ value: Double) {
        // Whole when its truncation is itself (`Int64` takes any value below 1e15; `rounded()` is a
        // call into the C library).
        if value.isFinite, abs(value) < 1e15, Double(Int64(value)) == value {
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
    /// fewest decimals k for which digits m (below 10^11) give it back as m / 10^k (both exact
    /// doubles, so the division rounds as a parser does; with 15 digits or fewer only one m can).
    /// False, having written nothing, for anything else: the caller writes `description`, the same
    /// text. Most figures computed from samples have 16 or 17 digits, and trying every length up to
    /// 15 before giving up cost more than writing them. A test compares it with `description`.
    mutating func shortestDecimal(_ value: Double) -> Bool {
        let magnitude = abs(value)
        guard magnitude >= 1e-3, magnitude < 1e9 else { return false }
        for decimals in 1...15 {
            let scale = NumberFormatting.exactPowersOfTen[decimals]
            let scaled = magnitude * scale
            // `scaled.rounded()` without a call into the C library: below 2^50 adding a half is
            // exact and truncation is the floor, so this rounds half away from zero as it does.
            let shifted = scaled + 0.5
            guard shifted < 1e11 else { return false }
            let digits = Double(Int64(shifted))
            // The round trip (a division) only where the scaled value is within rounding of a whole
            // number: when digits / scale is the value, the two differ by a few units in the last
            // place (below 1e-15 of it), so no answer is skipped.
            guard abs(scaled - digits) <= digits * 1e-15, digits / scale == magnitude else { continue }
            // Sign, whole part, point and `decimals` digits, back to front on the stack.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
                var start = Self.digits(UInt(digits), decimals: decimals, endingAt: 32, in: buffer)
                if value < 0 {
                    start -= 1
                    buffer[start] = 0x2D
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<32]))
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

/// A few bytes that live as long as the program (a key or cells written for every sample), appended
/// without the reference counting an array's storage costs each time: only for `static let`s.
struct StaticBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>

    init(_ text: String) {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
        _ = storage.initialize(from: text.utf8)
        buffer = UnsafeBufferPointer(storage)
    }
}
