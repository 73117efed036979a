import Foundation

/// A compact binary form for `Codable` values: what the build cache (`BuildCache`) keeps between
/// builds, and what a page's inputs are hashed from.
///
/// Each value is a tag byte and its payload: nil, false, true, a signed or unsigned LEB128 integer
/// (signed ones zigzagged), a double as its 8 bytes, a string as its length and UTF-8 bytes, a keyed
/// container as its byte length, entry count and `(key string, value)` entries, an unkeyed one as
/// its byte length, count and values. Lengths are 4 bytes, patched in when a container ends, so one
/// buffer is written front to back and a reader skips any value without looking inside.
///
/// The bytes of a value are the same in every process: a dictionary's entries (whose order follows
/// the process's hash seed) are sorted by key, every other container keeps the order its type
/// encodes in. Decoding checks every length against the buffer and throws `DecodingError` on
/// anything malformed; it never traps.
enum BinaryCoder {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = BinaryValueEncoder(output: BinaryOutput())
        try value.encode(to: encoder)
        encoder.finish()
        return encoder.output.bytes
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let input = BinaryInput(bytes: bytes)
        let value = try T(from: BinaryValueDecoder(input: input, position: 0, codingPath: []))
        guard try input.end(of: 0) == bytes.count else { throw input.corrupt([], "bytes after the value") }
        return value
    }

    enum Tag: UInt8 {
        case null = 0, no, yes, signed, unsigned, double, string, keyed, unkeyed
        /// `PackedBytes`: a length and the bytes.
        case packed
    }
}

// MARK: - Encoding

/// The one buffer a value is written into.
final class BinaryOutput {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    func tag(_ tag: BinaryCoder.Tag) { bytes.append(tag.rawValue) }

    func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    func signed(_ value: Int64) {
        tag(.signed)
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    func unsigned(_ value: UInt64) {
        tag(.unsigned)
        varint(value)
    }

    func double(_ value: Double) {
        tag(.double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func string(_ value: String) {
        tag(.string)
        rawString(value)
    }

    func packed(_ value: [UInt8]) {
        tag(.packed)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    func rawString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Room for a 4-byte number filled in later; returns where it is.
    func placeholder() -> Int {
        bytes.append(contentsOf: [0, 0, 0, 0])
        return bytes.count - 4
    }

    func patch(_ at: Int, _ value: Int) {
        let value = UInt32(truncatingIfNeeded: value)
        for shift in 0..<4 { bytes[at + shift] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(shift))) }
    }
}

/// A container being written: where its length and count go, how many entries it has.
final class BinaryContainer {
    let lengthAt: Int
    let countAt: Int
    var count = 0
    /// Each entry's start, when the entries are to be sorted by key (a dictionary's).
    var entryStarts: [Int]?
    /// A container opened with `nestedContainer` (or a super encoder): it ends where the next entry
    /// of this one begins, or where this one ends.
    var pending: BinaryValueEncoder?

    init(output: BinaryOutput, tag: BinaryCoder.Tag, sorted: Bool) {
        output.tag(tag)
        lengthAt = output.placeholder()
        countAt = output.placeholder()
        entryStarts = sorted ? [] : nil
    }

    /// Ends the pending nested value, then counts a new entry (keyed: starting with `key`).
    func entry(_ output: BinaryOutput, key: String? = nil) {
        endPending()
        count += 1
        if let key {
            entryStarts?.append(output.bytes.count)
            output.rawString(key)
        }
    }

    func endPending() {
        pending?.finish()
        pending = nil
    }

    /// A nested value's encoder, ended with the next entry.
    func nested(_ output: BinaryOutput) -> BinaryValueEncoder {
        let encoder = BinaryValueEncoder(output: output)
        pending = encoder
        return encoder
    }

    func close(_ output: BinaryOutput) {
        endPending()
        if let starts = entryStarts, starts.count > 1 { sortEntries(output, starts) }
        output.patch(lengthAt, output.bytes.count - lengthAt - 4)
        output.patch(countAt, count)
    }

    /// Reorders the entries by their key's bytes (each entry starts with its key).
    private func sortEntries(_ output: BinaryOutput, _ starts: [Int]) {
        let end = output.bytes.count
        let ranges = starts.indices.map { starts[$0]..<($0 + 1 < starts.count ? starts[$0 + 1] : end) }
        let bytes = output.bytes
        func key(_ range: Range<Int>) -> ArraySlice<UInt8> {
            var position = range.lowerBound
            var length = 0
            var shift = 0
            while position < range.upperBound {
                let byte = bytes[position]
                position += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            return bytes[position..<min(position + length, range.upperBound)]
        }
        let ordered = ranges.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(end - starts[0])
        for range in ordered { rewritten.append(contentsOf: bytes[range]) }
        output.bytes.replaceSubrange(starts[0]..<end, with: rewritten)
    }
}

final class BinaryValueEncoder: Encoder {
    let output: BinaryOutput
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var container: BinaryContainer?
    private var wroteValue = false

    init(output: BinaryOutput) { self.output = output }

    /// Ends the value: closes its container, or writes an empty one when the value wrote nothing.
    func finish() {
        if let container {
            container.close(output)
        } else if !wroteValue {
            BinaryContainer(output: output, tag: .keyed, sorted: false).close(output)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Dictionaries encode through a key type of the standard library's; their order is the hash seed's.
        let sorted = Self.isDictionaryKey(Key.self)
        let container = self.container ?? BinaryContainer(output: output, tag: .keyed, sorted: sorted)
        self.container = container
        return KeyedEncodingContainer(BinaryKeyedEncoder<Key>(output: output, container: container))
    }

    /// Whether containers with these keys are a dictionary's (named once per key type).
    private static let dictionaryKeys = Locked<[ObjectIdentifier: Bool]>([:])

    static func isDictionaryKey(_ type: any CodingKey.Type) -> Bool {
        dictionaryKeys.withLock { known in
            if let answer = known[ObjectIdentifier(type)] { return answer }
            let answer = String(describing: type).contains("DictionaryCodingKey")
            known[ObjectIdentifier(type)] = answer
            return answer
        }
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let container = self.container ?? BinaryContainer(output: output, tag: .unkeyed, sorted: false)
        self.container = container
        return BinaryUnkeyedEncoder(output: output, container: container)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        wroteValue = true
        return BinarySingleEncoder(output: output)
    }

    /// Writes a nested value at the current position.
    static func nested<T: Encodable>(_ value: T, _ output: BinaryOutput) throws {
        // The common leaves without an encoder of their own (the types are compared, not cast).
        if T.self == String.self {
            output.string(unsafeBitCast(value, to: String.self))
        } else if T.self == Double.self {
            output.double(unsafeBitCast(value, to: Double.self))
        } else if T.self == Int.self {
            output.signed(Int64(unsafeBitCast(value, to: Int.self)))
        } else if T.self == PackedBytes.self {
            output.packed(unsafeBitCast(value, to: PackedBytes.self).bytes)
        } else {
            let encoder = BinaryValueEncoder(output: output)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }
}

struct BinaryKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let output: BinaryOutput
    let container: BinaryContainer
    var codingPath: [CodingKey] { [] }

    private func key(_ key: Key) { container.entry(output, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        output.tag(.null)
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key)
        output.tag(value ? .yes : .no)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        self.key(key)
        output.string(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.key(key)
        output.double(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        self.key(key)
        output.double(Double(value))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        self.key(key)
        output.signed(Int64(value))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        self.key(key)
        output.signed(value)
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        self.key(key)
        output.unsigned(value)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try BinaryValueEncoder.nested(value, output)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        self.key(key)
        return container.nested(output).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        self.key(key)
        return container.nested(output).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        container.entry(output, key: "super")
        return container.nested(output)
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        self.key(key)
        return container.nested(output)
    }
}

struct BinaryUnkeyedEncoder: UnkeyedEncodingContainer {
    let output: BinaryOutput
    let container: BinaryContainer
    var codingPath: [CodingKey] { [] }
    var count: Int { container.count }

    mutating func encodeNil() throws {
        container.entry(output)
        output.tag(.null)
    }
    mutating func encode(_ value: Bool) throws {
        container.entry(output)
        output.tag(value ? .yes : .no)
    }
    mutating func encode(_ value: String) throws {
        container.entry(output)
        output.string(value)
    }
    mutating func encode(_ value: Double) throws {
        container.entry(output)
        output.double(value)
    }
    mutating func encode(_ value: Int) throws {
        container.entry(output)
        output.signed(Int64(value))
    }
    mutating func encode(_ value: UInt64) throws {
        container.entry(output)
        output.unsigned(value)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        container.entry(output)
        try BinaryValueEncoder.nested(value, output)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        container.entry(output)
        return container.nested(output).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        container.entry(output)
        return container.nested(output).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        container.entry(output)
        return container.nested(output)
    }
}

struct BinarySingleEncoder: SingleValueEncodingContainer {
    let output: BinaryOutput
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { output.tag(.null) }
    mutating func encode(_ value: Bool) throws { output.tag(value ? .yes : .no) }
    mutating func encode(_ value: String) throws { output.string(value) }
    mutating func encode(_ value: Double) throws { output.double(value) }
    mutating func encode(_ value: Float) throws { output.double(Double(value)) }
    mutating func encode(_ value: Int) throws { output.signed(Int64(value)) }
    mutating func encode(_ value: Int8) throws { output.signed(Int64(value)) }
    mutating func encode(_ value: Int16) throws { output.signed(Int64(value)) }
    mutating func encode(_ value: Int32) throws { output.signed(Int64(value)) }
    mutating func encode(_ value: Int64) throws { output.signed(value) }
    mutating func encode(_ value: UInt) throws { output.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { output.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { output.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { output.unsigned(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { output.unsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try BinaryValueEncoder.nested(value, output) }
}

// MARK: - Decoding

/// The bytes being read; every read is checked against their end.
final class BinaryInput {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    func corrupt(_ path: [CodingKey], _ message: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: message))
    }

    func tag(at position: Int) throws -> BinaryCoder.Tag {
        guard position < bytes.count, let tag = BinaryCoder.Tag(rawValue: bytes[position]) else {
            throw corrupt([], "no value at byte \(position)")
        }
        return tag
    }

    /// A LEB128 number and the position after it.
    func varint(at start: Int) throws -> (UInt64, Int) {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var position = start
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return (value, position) }
            shift += 7
        }
        throw corrupt([], "a number runs past the end at byte \(start)")
    }

    func fixed32(at position: Int) throws -> Int {
        guard position >= 0, position + 4 <= bytes.count else { throw corrupt([], "a length runs past the end") }
        var value = 0
        for shift in 0..<4 { value |= Int(bytes[position + shift]) << (8 * shift) }
        return value
    }

    /// A length and the position after it, checked to fit in the bytes.
    func length(at position: Int) throws -> (Int, Int) {
        let (raw, next) = try varint(at: position)
        guard raw <= UInt64(bytes.count - next) else { throw corrupt([], "a string runs past the end") }
        return (Int(raw), next)
    }

    /// Where the value at `position` ends.
    func end(of position: Int) throws -> Int {
        switch try tag(at: position) {
        case .null, .no, .yes: return position + 1
        case .signed, .unsigned: return try varint(at: position + 1).1
        case .double:
            guard position + 9 <= bytes.count else { throw corrupt([], "a number runs past the end") }
            return position + 9
        case .string, .packed:
            let (count, start) = try length(at: position + 1)
            return start + count
        case .keyed, .unkeyed:
            let length = try fixed32(at: position + 1)
            guard length >= 4, length <= bytes.count - position - 5 else {
                throw corrupt([], "a container runs past the end")
            }
            return position + 5 + length
        }
    }

    func string(at position: Int, _ path: [CodingKey]) throws -> String {
        guard try tag(at: position) == .string else { throw corrupt(path, "expected a string") }
        let (count, start) = try length(at: position + 1)
        return String(decoding: bytes[start..<(start + count)], as: UTF8.self)
    }

    func packed(at position: Int, _ path: [CodingKey]) throws -> PackedBytes {
        guard try tag(at: position) == .packed else { throw corrupt(path, "expected packed bytes") }
        let (count, start) = try length(at: position + 1)
        return PackedBytes(bytes: Array(bytes[start..<(start + count)]))
    }

    func double(at position: Int, _ path: [CodingKey]) throws -> Double {
        switch try tag(at: position) {
        case .double:
            guard position + 9 <= bytes.count else { throw corrupt(path, "a number runs past the end") }
            var bits: UInt64 = 0
            for shift in 0..<8 { bits |= UInt64(bytes[position + 1 + shift]) << (8 * UInt64(shift)) }
            return Double(bitPattern: bits)
        case .signed: return Double(try signed(at: position, path))
        case .unsigned: return Double(try unsigned(at: position, path))
        default: throw corrupt(path, "expected a number")
        }
    }

    func signed(at position: Int, _ path: [CodingKey]) throws -> Int64 {
        switch try tag(at: position) {
        case .signed:
            let raw = try varint(at: position + 1).0
            return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        case .unsigned:
            let raw = try varint(at: position + 1).0
            guard raw <= UInt64(Int64.max) else { throw corrupt(path, "a number out of range") }
            return Int64(raw)
        default: throw corrupt(path, "expected an integer")
        }
    }

    func unsigned(at position: Int, _ path: [CodingKey]) throws -> UInt64 {
        switch try tag(at: position) {
        case .unsigned: return try varint(at: position + 1).0
        case .signed:
            let value = try signed(at: position, path)
            guard value >= 0 else { throw corrupt(path, "a negative number where none can be") }
            return UInt64(value)
        default: throw corrupt(path, "expected an integer")
        }
    }

    func bool(at position: Int, _ path: [CodingKey]) throws -> Bool {
        switch try tag(at: position) {
        case .yes: return true
        case .no: return false
        default: throw corrupt(path, "expected true or false")
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at position: Int, _ path: [CodingKey]) throws -> T {
        if T.isSigned {
            guard let value = T(exactly: try signed(at: position, path)) else { throw corrupt(path, "out of range") }
            return value
        }
        guard let value = T(exactly: try unsigned(at: position, path)) else { throw corrupt(path, "out of range") }
        return value
    }

    /// A container's entries: for a keyed one each key's bytes and its value's position.
    func entries(at position: Int, keyed: Bool, _ path: [CodingKey]) throws -> [(key: Range<Int>, value: Int)] {
        guard try tag(at: position) == (keyed ? .keyed : .unkeyed) else {
            throw corrupt(path, keyed ? "expected a keyed container" : "expected a list")
        }
        let end = try self.end(of: position)
        let count = try fixed32(at: position + 5)
        guard count <= end - position else { throw corrupt(path, "more entries than bytes") }
        var entries: [(key: Range<Int>, value: Int)] = []
        entries.reserveCapacity(count)
        var cursor = position + 9
        for _ in 0..<count {
            var key = cursor..<cursor
            if keyed {
                let (length, start) = try self.length(at: cursor)
                key = start..<(start + length)
                cursor = start + length
            }
            let valueEnd = try self.end(of: cursor)
            guard valueEnd <= end else { throw corrupt(path, "an entry runs past its container") }
            entries.append((key, cursor))
            cursor = valueEnd
        }
        guard cursor == end else { throw corrupt(path, "a container's length and entries disagree") }
        return entries
    }
}

struct BinaryValueDecoder: Decoder {
    let input: BinaryInput
    let position: Int
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(
            BinaryKeyedDecoder<Key>(
                input: input, entries: try input.entries(at: position, keyed: true, codingPath), codingPath: codingPath)
        )
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        BinaryUnkeyedDecoder(
            input: input, entries: try input.entries(at: position, keyed: false, codingPath).map(\.value),
            codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        BinarySingleDecoder(input: input, position: position, codingPath: codingPath)
    }

    /// A nested value, with the common leaf types read directly.
    static func value<T: Decodable>(
        _ type: T.Type, _ input: BinaryInput, _ position: Int, _ path: [CodingKey]
    )
        throws -> T
    {
        if T.self == String.self { return unsafeBitCast(try input.string(at: position, path), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try input.double(at: position, path), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try input.integer(Int.self, at: position, path), to: T.self) }
        if T.self == PackedBytes.self { return unsafeBitCast(try input.packed(at: position, path), to: T.self) }
        return try T(from: BinaryValueDecoder(input: input, position: position, codingPath: path))
    }
}

struct BinaryKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let input: BinaryInput
    let entries: [(key: Range<Int>, value: Int)]
    var codingPath: [CodingKey]

    var allKeys: [Key] {
        entries.compactMap { Key(stringValue: String(decoding: input.bytes[$0.key], as: UTF8.self)) }
    }

    private func find(_ key: Key) -> Int? {
        var name = key.stringValue
        return name.withUTF8 { utf8 in
            input.bytes.withUnsafeBufferPointer { bytes in
                for entry in entries where entry.key.count == utf8.count {
                    if utf8.isEmpty { return entry.value }
                    guard let base = bytes.baseAddress, let wanted = utf8.baseAddress else { return nil }
                    if memcmp(base + entry.key.lowerBound, wanted, utf8.count) == 0 { return entry.value }
                }
                return nil
            }
        }
    }

    private func at(_ key: Key) throws -> Int {
        guard let position = find(key) else {
            throw DecodingError.keyNotFound(
                key, DecodingError.Context(codingPath: codingPath, debugDescription: "no \(key.stringValue)"))
        }
        return position
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let position = find(key) else { return true }
        return try input.tag(at: position) == .null
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try input.bool(at: try at(key), codingPath + [key])
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try input.string(at: try at(key), codingPath + [key])
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try input.double(at: try at(key), codingPath + [key])
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try input.double(at: try at(key), codingPath + [key]))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
        try input.integer(type, at: try at(key), codingPath + [key])
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try BinaryValueDecoder.value(type, input, try at(key), codingPath + [key])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let position = find(key), try input.tag(at: position) != .null else { return nil }
        return try BinaryValueDecoder.value(type, input, position, codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try BinaryValueDecoder(input: input, position: try at(key), codingPath: codingPath + [key]).container(
            keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try BinaryValueDecoder(input: input, position: try at(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder {
        guard let key = Key(stringValue: "super") else { throw input.corrupt(codingPath, "no super") }
        return try superDecoder(forKey: key)
    }

    func superDecoder(forKey key: Key) throws -> Decoder {
        BinaryValueDecoder(input: input, position: try at(key), codingPath: codingPath + [key])
    }
}

struct BinaryUnkeyedDecoder: UnkeyedDecodingContainer {
    let input: BinaryInput
    let entries: [Int]
    var codingPath: [CodingKey]
    var currentIndex = 0
    var count: Int? { entries.count }
    var isAtEnd: Bool { currentIndex >= entries.count }

    private mutating func next() throws -> Int {
        guard currentIndex < entries.count else { throw input.corrupt(codingPath, "fewer entries than read") }
        defer { currentIndex += 1 }
        return entries[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < entries.count, try input.tag(at: entries[currentIndex]) == .null else { return false }
        currentIndex += 1
        return true
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try input.bool(at: try next(), codingPath) }
    mutating func decode(_ type: String.Type) throws -> String { try input.string(at: try next(), codingPath) }
    mutating func decode(_ type: Double.Type) throws -> Double { try input.double(at: try next(), codingPath) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try input.double(at: try next(), codingPath)) }
    mutating func decode(_ type: Int.Type) throws -> Int { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try input.integer(type, at: try next(), codingPath) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try BinaryValueDecoder.value(type, input, try next(), codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try BinaryValueDecoder(input: input, position: try next(), codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try BinaryValueDecoder(input: input, position: try next(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder {
        BinaryValueDecoder(input: input, position: try next(), codingPath: codingPath)
    }
}

struct BinarySingleDecoder: SingleValueDecodingContainer {
    let input: BinaryInput
    let position: Int
    var codingPath: [CodingKey]

    func decodeNil() -> Bool { (try? input.tag(at: position)) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try input.bool(at: position, codingPath) }
    func decode(_ type: String.Type) throws -> String { try input.string(at: position, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try input.double(at: position, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try input.double(at: position, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try input.integer(type, at: position, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try input.integer(type, at: position, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try input.integer(type, at: position, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try input.integer(type, at: position, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try input.integer(type, at: position, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try input.integer(type, at: position, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try input.integer(type, at: position, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try input.integer(type, at: position, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try input.integer(type, at: position, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try input.integer(type, at: position, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try BinaryValueDecoder.value(type, input, position, codingPath)
    }
}
