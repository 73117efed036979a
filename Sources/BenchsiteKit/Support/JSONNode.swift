/// A JSON value that remembers where it started in its source, so that
/// diagnostics can name a line and column.
///
/// The parser accepts strict JSON plus the `NaN`, `Infinity` and `-Infinity`
/// literals that some benchmark tools (Python's `json`, Google Benchmark) write.
public struct JSONNode: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    public var value: Value
    /// Byte offset of the first byte of this value in its source.
    public var offset: Int

    // The accessors below are not inlined: Swift 6.3.1's optimizer (CopyPropagation) crashes with an
    // ownership error on some optional chains through them in release builds.
    @inline(never)
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    @inline(never)
    public var objectMembers: [(key: String, value: JSONNode)]? {
        if case .object(let members) = value { return members }
        return nil
    }

    @inline(never)
    public var arrayElements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    @inline(never)
    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    @inline(never)
    public var numberValue: Double? {
        if case .number(let n) = value { return n }
        return nil
    }

    @inline(never)
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// A short description of the kind of value, for diagnostics.
    public var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return "the number \(NumberFormatting.plain(n))"
        case .string(let s):
            let shown = s.count > 40 ? String(s.prefix(40)) + "…" : s
            return "the string \"\(shown)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// An error while parsing JSON text, with the byte offset where it happened.
public struct JSONSyntaxError: Error, Sendable {
    public var message: String
    public var offset: Int
}
