/// Hand-packed binary records, for the values the build cache reads and hashes by the thousand
/// (a result's figures, what a run page is made from), where `Codable` through `BinaryCoder` spent
/// most of an incremental build in its generic containers.
///
/// Fields are written in a fixed order without names: an integer as a zigzagged LEB128 number, a
/// double as its 8 bytes (every bit kept, NaN payloads included), a string as its length and UTF-8
/// bytes, an optional as a flag byte and its value. A type's `pack` and its unpacking initializer
/// list the same fields in the same order; tests round-trip them and compare with the `Codable`
/// form, which names every field. Reading checks every length against the bytes and throws
/// `PackedReader.Corrupt`; it never traps.
struct PackedWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func int(_ value: Int) {
        var raw = UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
        while raw >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: raw) | 0x80)
            raw >>= 7
        }
        bytes.append(UInt8(raw))
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Bytes as they are, after their count.
    mutating func raw(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func int(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    mutating func double(_ value: Double?) {
        bool(value != nil)
        if let value { double(value) }
    }

    mutating func string(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }
}

/// Reads what `PackedWriter` wrote, in the same order.
struct PackedReader {
    struct Corrupt: Error, CustomStringConvertible {
        var description: String
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    /// Throws unless every byte was read.
    func finish() throws {
        guard isAtEnd else { throw Corrupt(description: "\(bytes.count - position) bytes after the record") }
    }

    mutating func int() throws -> Int {
        var raw: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            raw |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(truncatingIfNeeded: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)) }
            shift += 7
        }
        throw Corrupt(description: "a number runs past the end at byte \(position)")
    }

    /// A count of things that follow, each at least a byte: never more than the bytes left.
    mutating func count() throws -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else {
            throw Corrupt(
                description: "a count of \(value) at byte \(position) with \(bytes.count - position) bytes left")
        }
        return value
    }

    mutating func uint64() throws -> UInt64 {
        guard bytes.count - position >= 8 else { throw Corrupt(description: "a number runs past the end") }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[position + shift]) << (8 * UInt64(shift)) }
        position += 8
        return value
    }

    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    mutating func bool() throws -> Bool {
        guard position < bytes.count else { throw Corrupt(description: "a flag runs past the end") }
        let byte = bytes[position]
        position += 1
        guard byte <= 1 else { throw Corrupt(description: "a flag of \(byte) at byte \(position - 1)") }
        return byte == 1
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }

    mutating func optionalInt() throws -> Int? { try bool() ? try int() : nil }
    mutating func optionalDouble() throws -> Double? { try bool() ? try double() : nil }
    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

    /// One of `cases`, written as its place among them.
    mutating func oneOf<T>(_ cases: [T]) throws -> T {
        let index = try int()
        guard cases.indices.contains(index) else { throw Corrupt(description: "no case \(index)") }
        return cases[index]
    }
}

/// Bytes a value packed itself (`PackedWriter`), kept whole by `BinaryCoder` (a length and the
/// bytes; any other coder sees a list of numbers).
struct PackedBytes: Codable, Sendable, Equatable {
    var bytes: [UInt8]
}
