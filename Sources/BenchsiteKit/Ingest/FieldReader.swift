/// Reads typed fields out of parsed JSON and records a diagnostic, with the file, line and column,
/// for every field that is present but not what was expected.
struct FieldReader {
    let file: SourceFile
    /// The first problems found, with their place; the rest are only counted.
    private(set) var diagnostics: [Diagnostic] = []
    /// Problems found, including those not kept.
    private(set) var problemCount = 0
    private var errorCount = 0
    /// A file with a million bad samples gets this many messages and a count, not a million lines.
    static let keptDiagnostics = 50

    init(file: SourceFile) {
        self.file = file
    }

    mutating func error(_ message: String, at node: JSONNode?) {
        errorCount += 1
        record(.error, message, at: node)
    }

    mutating func warning(_ message: String, at node: JSONNode?) {
        record(.warning, message, at: node)
    }

    private mutating func record(_ severity: Diagnostic.Severity, _ message: String, at node: JSONNode?) {
        problemCount += 1
        if problemCount <= Self.keptDiagnostics {
            diagnostics.append(file.diagnostic(severity, message, at: node?.offset))
        }
    }

    /// The diagnostics kept, and a summary of those left out.
    func finishedDiagnostics() -> [Diagnostic] {
        guard problemCount > diagnostics.count else { return diagnostics }
        let more = problemCount - diagnostics.count
        let severity: Diagnostic.Severity =
            errorCount > diagnostics.filter { $0.severity == .error }.count ? .error : .warning
        return diagnostics + [
            Diagnostic(
                severity,
                "\(more) more problem\(more == 1 ? "" : "s") in this file like those above (only the first \(Self.keptDiagnostics) are listed)",
                file: file.path)
        ]
    }

    /// A string field; absent or null gives nil, another type gives a diagnostic. Numbers are read as text.
    mutating func string(_ object: JSONNode, _ key: String, in place: @autoclosure () -> String) -> String? {
        guard let node = object[key], !node.isNull else { return nil }
        switch node.value {
        case .string(let s): return s
        case .number(let n): return NumberFormatting.plain(n)
        case .bool(let b): return b ? "true" : "false"
        default:
            error("expected a string for \"\(key)\" in \(place()), found \(node.kindDescription)", at: node)
            return nil
        }
    }

    /// A number field. With `acceptNumericStrings`, `"12.5"` is read as 12.5 (some tools quote numbers).
    mutating func number(
        _ object: JSONNode, _ key: String, in place: @autoclosure () -> String, acceptNumericStrings: Bool = false
    ) -> Double? {
        guard let node = object[key], !node.isNull else { return nil }
        switch node.value {
        case .number(let n): return n
        case .string(let s) where acceptNumericStrings:
            if let n = Double(s.trimmingSpaces) { return n }
            error("expected a number for \"\(key)\" in \(place()), found \(node.kindDescription)", at: node)
            return nil
        default:
            error("expected a number for \"\(key)\" in \(place()), found \(node.kindDescription)", at: node)
            return nil
        }
    }

    /// A duration or rate: a finite number that is not negative.
    mutating func nonNegative(
        _ object: JSONNode, _ key: String, in place: @autoclosure () -> String, acceptNumericStrings: Bool = false
    ) -> Double? {
        guard let value = number(object, key, in: place(), acceptNumericStrings: acceptNumericStrings) else {
            return nil
        }
        guard value.isFinite, value >= 0 else {
            error(
                "expected a finite, non-negative number for \"\(key)\" in \(place()), found \(NumberFormatting.plain(value)); the value is ignored",
                at: object[key])
            return nil
        }
        return value
    }

    /// A count: a non-negative whole number.
    mutating func count(_ object: JSONNode, _ key: String, in place: @autoclosure () -> String) -> Int? {
        guard let value = nonNegative(object, key, in: place()) else { return nil }
        guard let whole = FormatSupport.wholeNumber(value) else {
            error(
                "expected a whole number below 10^15 for \"\(key)\" in \(place()), found \(NumberFormatting.plain(value))",
                at: object[key])
            return nil
        }
        return whole
    }

    /// A count written by tools as an average or a float (`request_count.avg`, `100.0`): a whole,
    /// non-negative number below 10^15; anything else is reported.
    mutating func count(_ node: JSONNode?, named name: String, in place: @autoclosure () -> String) -> Int? {
        guard let node, !node.isNull else { return nil }
        guard let value = node.numberValue else {
            error("expected a count for \(name) in \(place()), found \(node.kindDescription)", at: node)
            return nil
        }
        guard value >= 0, let whole = FormatSupport.wholeNumber(value.rounded()) else {
            error(
                "expected a count (a whole number from 0 to 10^15) for \(name) in \(place()), found \(NumberFormatting.plain(value))",
                at: node)
            return nil
        }
        return whole
    }

    mutating func bool(_ object: JSONNode, _ key: String, in place: @autoclosure () -> String) -> Bool? {
        guard let node = object[key], !node.isNull else { return nil }
        if case .bool(let b) = node.value { return b }
        error("expected true or false for \"\(key)\" in \(place()), found \(node.kindDescription)", at: node)
        return nil
    }

    mutating func array(_ object: JSONNode, _ key: String, in place: @autoclosure () -> String) -> [JSONNode]? {
        guard let node = object[key], !node.isNull else { return nil }
        if let elements = node.arrayElements { return elements }
        error("expected an array for \"\(key)\" in \(place()), found \(node.kindDescription)", at: node)
        return nil
    }

    mutating func object(_ object: JSONNode, _ key: String, in place: @autoclosure () -> String) -> JSONNode? {
        guard let node = object[key], !node.isNull else { return nil }
        if node.objectMembers != nil { return node }
        error("expected an object for \"\(key)\" in \(place()), found \(node.kindDescription)", at: node)
        return nil
    }

    /// An object's members as display text, in the file's order; nested values are written as compact JSON.
    func keyValues(_ node: JSONNode?) -> [KeyValue] {
        guard let members = node?.objectMembers else { return [] }
        return members.map { KeyValue($0.key, JSONText.compact($0.value)) }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
