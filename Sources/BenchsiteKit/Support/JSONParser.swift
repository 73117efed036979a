/// A recursive-descent JSON parser over UTF-8 bytes.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    private var depth = 0
    private static let maxDepth = 512

    /// Parses one JSON value starting at `start` and returns it with the offset just past it
    /// (after trailing whitespace).
    public static func parseValue(
        _ bytes: [UInt8], from start: Int = 0, to end: Int? = nil
    ) throws(JSONSyntaxError) -> (JSONNode, Int) {
        var parser = JSONParser(bytes: bytes, index: start, end: end ?? bytes.count)
        parser.skipWhitespace()
        let node = try parser.parseValue()
        parser.skipWhitespace()
        return (node, parser.index)
    }

    /// Parses one JSON value starting at `start` (after leading whitespace) and returns it with the
    /// offset just past its last byte.
    public static func parseValueTrimmed(
        _ bytes: [UInt8], from start: Int = 0
    ) throws(JSONSyntaxError) -> (JSONNode, Int) {
        var parser = JSONParser(bytes: bytes, index: start, end: bytes.count)
        parser.skipWhitespace()
        let node = try parser.parseValue()
        return (node, parser.index)
    }

    /// Parses a whole document: one value and nothing but whitespace after it.
    public static func parseDocument(
        _ bytes: [UInt8], from start: Int = 0, to end: Int? = nil
    ) throws(JSONSyntaxError) -> JSONNode {
        let stop = end ?? bytes.count
        let (node, next) = try parseValue(bytes, from: start, to: stop)
        if next < stop {
            throw JSONSyntaxError(message: "unexpected text after the end of the JSON value", offset: next)
        }
        return node
    }

    private init(bytes: [UInt8], index: Int, end: Int) {
        self.bytes = bytes
        self.index = index
        self.end = end
    }

    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        guard index < end else {
            throw JSONSyntaxError(message: "unexpected end of input: the JSON is truncated", offset: index)
        }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(value: try parseObject(), offset: start)
        case UInt8(ascii: "["): return JSONNode(value: try parseArray(), offset: start)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try parseString()), offset: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "N"):
            try expectLiteral("NaN")
            return JSONNode(value: .number(.nan), offset: start)
        case UInt8(ascii: "I"):
            try expectLiteral("Infinity")
            return JSONNode(value: .number(.infinity), offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .number(try parseNumber()), offset: start)
        default:
            throw JSONSyntaxError(message: "expected a JSON value, found \(describeByte(at: index))", offset: index)
        }
    }

    private func describeByte(at position: Int) -> String {
        guard position < end else { return "the end of the input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = index
        guard end - index >= count else {
            throw JSONSyntaxError(message: "unexpected end of input: the JSON is truncated", offset: index)
        }
        let pointer = literal.utf8Start
        for i in 0..<count where bytes[index + i] != pointer[i] {
            throw JSONSyntaxError(message: "invalid literal; expected \(literal)", offset: start)
        }
        index += count
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONNode.Value {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw JSONSyntaxError(message: "JSON nested too deeply", offset: index) }
        index += 1
        var members: [(key: String, value: JSONNode)] = []
        skipWhitespace()
        if index < end && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < end else {
                throw JSONSyntaxError(
                    message: "unexpected end of input inside an object: the JSON is truncated", offset: index)
            }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(
                    message: "expected a quoted key in an object, found \(describeByte(at: index))", offset: index)
            }
            let key = try parseString()
            skipWhitespace()
            guard index < end else {
                throw JSONSyntaxError(
                    message: "unexpected end of input inside an object: the JSON is truncated", offset: index)
            }
            guard bytes[index] == UInt8(ascii: ":") else {
                throw JSONSyntaxError(
                    message: "expected ':' after the key \"\(key)\", found \(describeByte(at: index))", offset: index)
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append((key, value))
            skipWhitespace()
            guard index < end else {
                throw JSONSyntaxError(
                    message: "unexpected end of input inside an object: the JSON is truncated", offset: index)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw JSONSyntaxError(
                message: "expected ',' or '}' in an object, found \(describeByte(at: index))", offset: index)
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONNode.Value {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw JSONSyntaxError(message: "JSON nested too deeply", offset: index) }
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < end && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < end else {
                throw JSONSyntaxError(
                    message: "unexpected end of input inside an array: the JSON is truncated", offset: index)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw JSONSyntaxError(
                message: "expected ',' or ']' in an array, found \(describeByte(at: index))", offset: index)
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            if index < end && bytes[index] == UInt8(ascii: "I") {
                try expectLiteral("Infinity")
                return -.infinity
            }
        }
        let limit = end
        let scanned = bytes.withUnsafeBufferPointer { Self.scanNumber(in: $0, from: start, to: limit) }
        guard let scanned else { throw JSONSyntaxError(message: "invalid number", offset: start) }
        index = scanned.end
        return scanned.value
    }

    /// The JSON number at `start` (a `-` or a digit first; not NaN or Infinity) and where it ends,
    /// or nil when there is none. Shared with `RunFileScanner`, which reads samples without a tree.
    static func scanNumber(
        in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to limit: Int
    ) -> (value: Double, end: Int)? {
        guard start < limit else { return nil }
        let lead = buffer[start]
        guard lead == UInt8(ascii: "-") || (lead >= UInt8(ascii: "0") && lead <= UInt8(ascii: "9")) else { return nil }
        var end = start
        var sawDigit = false
        while end < limit {
            let b = buffer[end]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                sawDigit = true
            } else if !(b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-"))
            {
                break
            }
            end += 1
        }
        guard sawDigit, let value = number(in: buffer, from: start, to: end) else { return nil }
        return (value, end)
    }

    /// The number written in `buffer[start..<stop]` (the bytes a JSON number may hold), or nil when
    /// they are not one.
    private static func number(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> Double? {
        if let value = fastNumber(in: buffer, from: start, to: stop) { return value }
        return Double(Substring(decoding: UnsafeBufferPointer(rebasing: buffer[start..<stop]), as: UTF8.self))
    }

    /// The common number (`-12.3456`, `200`: no exponent, at most 15 digits) without going through
    /// text: the digits as an integer, divided by an exact power of ten. Both are exact doubles and
    /// IEEE division rounds correctly, so this is the value strtod gives (Clinger's fast path). Nil
    /// for anything else, which takes the general path.
    private static func fastNumber(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> Double? {
        var position = start
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var decimals = 0
        var sawPoint = false
        // A leading zero may only stand alone before the point ("0.5", not "012").
        if position + 1 < stop, bytes[position] == UInt8(ascii: "0"), bytes[position + 1] != UInt8(ascii: ".") {
            return nil
        }
        while position < stop {
            let b = bytes[position]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                mantissa = mantissa &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
                digits += 1
                if sawPoint { decimals += 1 }
            } else if b == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
            position += 1
        }
        guard digits > 0, digits <= 15, decimals <= 22, !(sawPoint && bytes[stop - 1] == UInt8(ascii: ".")),
            bytes[negative ? start + 1 : start] != UInt8(ascii: ".")
        else { return nil }
        let value = Double(mantissa) / NumberFormatting.exactPowersOfTen[decimals]
        return negative ? -value : value
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        let contentStart = index
        // Fast path: no escapes.
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let s = bytes.withUnsafeBufferPointer { buffer in
                    String(decoding: UnsafeBufferPointer(rebasing: buffer[contentStart..<index]), as: UTF8.self)
                }
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 {
                throw JSONSyntaxError(
                    message: "control character in a string (strings must escape newlines as \\n)", offset: index)
            }
            index += 1
        }
        var scratch: [UInt8] = Array(bytes[contentStart..<index])
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b < 0x20 {
                throw JSONSyntaxError(
                    message: "control character in a string (strings must escape newlines as \\n)", offset: index)
            }
            if b != UInt8(ascii: "\\") {
                scratch.append(b)
                index += 1
                continue
            }
            index += 1
            guard index < end else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    if index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try parseHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                scratch.append(contentsOf: Array(String(character).utf8))
            default:
                throw JSONSyntaxError(message: "invalid escape sequence in a string", offset: index - 2)
            }
        }
        throw JSONSyntaxError(message: "unterminated string: the JSON is truncated", offset: start)
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard end - index >= 4 else {
            throw JSONSyntaxError(message: "truncated \\u escape", offset: index)
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw JSONSyntaxError(message: "invalid \\u escape", offset: index)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
