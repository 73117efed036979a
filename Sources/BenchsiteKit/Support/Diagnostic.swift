/// A problem found while reading inputs or building the site, with where it was found.
///
/// The library never prints: stages return diagnostics and the caller decides how to show them.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    public var message: String
    /// The file the problem is in, as the user named it; nil for problems not tied to a file.
    public var file: String?
    public var line: Int?
    public var column: Int?

    public init(_ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// Compiler-style text: `file:line:col: error: message`.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        return "\(location)\(severity.rawValue): \(message)"
    }
}

/// The bytes of one input file and how to turn byte offsets into line and column.
public struct SourceFile: Sendable {
    /// The path as the user gave it (or as found while walking a folder).
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// 1-based line and column (in bytes) of an offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let stop = min(offset, bytes.count)
        var i = 0
        while i < stop {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, stop - lineStart + 1)
    }

    public func diagnostic(_ severity: Diagnostic.Severity, _ message: String, at offset: Int?) -> Diagnostic {
        guard let offset else { return Diagnostic(severity, message, file: path) }
        let (line, column) = location(of: offset)
        return Diagnostic(severity, message, file: path, line: line, column: column)
    }

    /// The file name without folders.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
