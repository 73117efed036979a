/// The JSON found in one input file.
enum InputDocument {
    /// The whole file is one JSON value.
    case single(JSONNode)
    /// JSON Lines (or values written one after another): one value per record.
    case lines([JSONNode])
    /// Captured output: log lines first, then a JSON value (maybe followed by more text).
    case embedded(JSONNode, skippedLines: Int)

    /// The records of a file that is a JSON array of objects or JSON Lines (llama-bench, Ollama).
    var records: [JSONNode] {
        if let array = root?.arrayElements { return array }
        return values
    }

    /// The values a format should look at, in file order.
    var values: [JSONNode] {
        switch self {
        case .single(let node), .embedded(let node, _): return [node]
        case .lines(let nodes): return nodes
        }
    }

    /// The file's one JSON value, whether it is the whole file or found after log lines.
    var root: JSONNode? {
        switch self {
        case .single(let node), .embedded(let node, _): return node
        case .lines: return nil
        }
    }

    /// The documents a format may be looking for in this file, most likely first: the whole file,
    /// then, when the first values are JSON log lines rather than data, the values after them.
    var candidates: [InputDocument] {
        guard case .lines(let nodes) = self else { return [self] }
        var out = [self]
        for skip in 1..<min(nodes.count, Self.maximumLeadingLogValues + 1) {
            let rest = Array(nodes[skip...])
            out.append(rest.count == 1 ? .embedded(rest[0], skippedLines: skip) : .lines(rest))
        }
        return out
    }

    static let noJSONMessage =
        "no JSON document found; expected a JSON object or array (alone, as JSON Lines, or after log lines)"

    /// How many JSON values before the data may be log lines (structured logging) rather than records.
    static let maximumLeadingLogValues = 20

    /// What reading a file's JSON gave: the document, and problems with single lines that were skipped.
    struct Reading {
        var document: InputDocument
        var diagnostics: [Diagnostic]
    }

    /// Finds the JSON in a file, or explains why there is none.
    ///
    /// Linear in the file's size: a file that is one JSON value is parsed once; otherwise lines are
    /// scanned once, each byte read by at most one parse attempt (a failed attempt resumes after the
    /// place it failed).
    static func read(_ file: SourceFile) -> Result<Reading, Diagnostic> {
        let bytes = file.bytes
        var start = 0
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var first = start
        while first < bytes.count, isWhitespace(bytes[first]) { first += 1 }
        if first == bytes.count {
            return .failure(Diagnostic(.error, "the file is empty; expected a JSON document", file: file.path))
        }
        let opener = bytes[first]
        var wholeFileError: JSONSyntaxError?
        if opener == UInt8(ascii: "{") || opener == UInt8(ascii: "[") || opener == UInt8(ascii: "\"") {
            do throws(JSONSyntaxError) {
                return .success(
                    Reading(document: .single(try JSONParser.parseDocument(bytes, from: first)), diagnostics: []))
            } catch {
                wholeFileError = error
            }
        }
        return scanLines(file, from: start, wholeFileError: wholeFileError)
    }

    private enum LineKind {
        case value(JSONNode, line: Int)
        /// A line that starts like JSON but is not valid JSON.
        case broken(JSONSyntaxError, line: Int)
        /// Any other text (a log line, a banner).
        case text(line: Int)
    }

    /// Reads a file that is not one JSON value: JSON Lines, or JSON after (and between) lines of text.
    private static func scanLines(
        _ file: SourceFile, from start: Int, wholeFileError: JSONSyntaxError?
    ) -> Result<Reading, Diagnostic> {
        let bytes = file.bytes
        var kinds: [LineKind] = []
        var position = start
        var line = 1
        /// A value spread over several lines that breaks part way: what follows is the inside of a broken document.
        var brokenDocument: (error: JSONSyntaxError, line: Int)?
        func lineEnd(_ p: Int) -> Int {
            var e = p
            while e < bytes.count, bytes[e] != 0x0A { e += 1 }
            return e
        }
        /// Moves `position` to the start of the line after `offset`, counting lines.
        func resume(after offset: Int) {
            var p = position
            let stop = lineEnd(min(max(offset, position), bytes.count))
            while p < stop {
                if bytes[p] == 0x0A { line += 1 }
                p += 1
            }
            if stop < bytes.count { line += 1 }
            position = min(stop + 1, bytes.count)
        }
        while position < bytes.count {
            var p = position
            while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x09 || bytes[p] == 0x0D { p += 1 }
            if p >= bytes.count { break }
            if bytes[p] == 0x0A {
                position = p + 1
                line += 1
                continue
            }
            let end = lineEnd(p)
            if bytes[p] == UInt8(ascii: "{") || bytes[p] == UInt8(ascii: "[") {
                do throws(JSONSyntaxError) {
                    let (node, valueEnd) = try JSONParser.parseValueTrimmed(bytes, from: p)
                    kinds.append(.value(node, line: line))
                    resume(after: max(valueEnd - 1, p))
                    continue
                } catch {
                    if looksLikeJSON(bytes, p) {
                        if error.offset > end {
                            // Nothing after this point can be trusted to be a whole value.
                            brokenDocument = (error, line)
                            break
                        }
                        kinds.append(.broken(error, line: line))
                    } else {
                        kinds.append(.text(line: line))
                    }
                    resume(after: error.offset)
                    continue
                }
            }
            kinds.append(.text(line: line))
            resume(after: p)
        }

        var values: [JSONNode] = []
        var firstValueIndex: Int?
        for (index, kind) in kinds.enumerated() {
            if case .value(let node, _) = kind {
                values.append(node)
                if firstValueIndex == nil { firstValueIndex = index }
            }
        }
        let textLines = kinds.filter { if case .text = $0 { return true } else { return false } }.count
        guard let firstValueIndex else {
            // Nothing usable: report the most telling syntax error.
            if let brokenDocument {
                let prefix = brokenDocument.line > 1 ? "invalid JSON after the log lines" : "invalid JSON"
                return .failure(
                    file.diagnostic(
                        .error, "\(prefix): \(brokenDocument.error.message)", at: brokenDocument.error.offset))
            }
            // The whole file's parse error only when the file starts like JSON (not "[INFO] ...").
            if let wholeFileError, textLines == 0 || kinds.count <= 1,
                looksLikeJSON(bytes, firstByte(bytes, from: start))
            {
                return .failure(
                    file.diagnostic(.error, "invalid JSON: \(wholeFileError.message)", at: wholeFileError.offset))
            }
            for kind in kinds {
                if case .broken(let error, _) = kind {
                    return .failure(
                        file.diagnostic(.error, "invalid JSON after the log lines: \(error.message)", at: error.offset))
                }
            }
            if let wholeFileError, looksLikeJSON(bytes, firstByte(bytes, from: start)) {
                return .failure(
                    file.diagnostic(.error, "invalid JSON: \(wholeFileError.message)", at: wholeFileError.offset))
            }
            return .failure(Diagnostic(.error, noJSONMessage, file: file.path))
        }

        var diagnostics: [Diagnostic] = []
        if textLines == 0 {
            // JSON Lines: every line is a record; one that is broken is reported and skipped, the others are read.
            for kind in kinds {
                if case .broken(let error, let line) = kind {
                    diagnostics.append(
                        file.diagnostic(
                            .error,
                            "line \(line) is not valid JSON (\(error.message)); the line is skipped, the other records are read",
                            at: error.offset))
                }
            }
            if let brokenDocument {
                diagnostics.append(
                    file.diagnostic(
                        .error,
                        "invalid JSON from line \(brokenDocument.line): \(brokenDocument.error.message); the rest of the file is skipped",
                        at: brokenDocument.error.offset))
            }
            let document: InputDocument = values.count == 1 && diagnostics.isEmpty ? .single(values[0]) : .lines(values)
            return .success(Reading(document: document, diagnostics: diagnostics))
        }
        // Captured output: text before the first value is a log; lines between values are noted.
        let lastValueIndex =
            kinds.lastIndex { if case .value = $0 { return true } else { return false } } ?? firstValueIndex
        var between: [Int] = []
        for kind in kinds[firstValueIndex...lastValueIndex] {
            switch kind {
            case .text(let line): between.append(line)
            case .broken(let error, let line):
                diagnostics.append(
                    file.diagnostic(
                        .error,
                        "line \(line) is not valid JSON (\(error.message)); the line is skipped, the other records are read",
                        at: error.offset))
            case .value: break
            }
        }
        // Logs between whole documents (runs appended to one capture) are expected; between records, not.
        if !between.isEmpty, values.contains(where: { $0.objectMembers != nil }) {
            let shown = between.prefix(5).map(String.init).joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "\(between.count) line\(between.count == 1 ? "" : "s") between the JSON records \(between.count == 1 ? "is" : "are") not JSON (line\(between.count == 1 ? "" : "s") \(shown)\(between.count > 5 ? ", ..." : "")); skipped",
                    file: file.path))
        }
        if let brokenDocument {
            diagnostics.append(
                file.diagnostic(
                    .error,
                    "invalid JSON from line \(brokenDocument.line): \(brokenDocument.error.message); the rest of the file is skipped",
                    at: brokenDocument.error.offset))
        }
        let skipped: Int = {
            if case .value(_, let line) = kinds[firstValueIndex] { return line - 1 }
            return 0
        }()
        let document: InputDocument = values.count == 1 ? .embedded(values[0], skippedLines: skipped) : .lines(values)
        return .success(Reading(document: document, diagnostics: diagnostics))
    }

    /// The offset of the first byte that is not whitespace.
    private static func firstByte(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, isWhitespace(bytes[i]) { i += 1 }
        return min(i, max(bytes.count - 1, 0))
    }

    /// UTF-16 text (Windows PowerShell 5.1's `>` writes UTF-16LE with a byte order mark) as UTF-8, so
    /// a captured output from PowerShell reads like any other; UTF-8 text is returned as it is.
    static func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 2 else { return nil }
        let littleEndian: Bool
        if bytes[0] == 0xFF && bytes[1] == 0xFE {
            littleEndian = true
        } else if bytes[0] == 0xFE && bytes[1] == 0xFF {
            littleEndian = false
        } else {
            return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            units.append(
                littleEndian
                    ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// Whether a line starting with `{` or `[` at `p` is meant as JSON (`{"`, `[{`, `[1`, `[]`), not a log
    /// prefix such as `[INFO]` or `[2026-10-01 02:00:00]`.
    private static func looksLikeJSON(_ bytes: [UInt8], _ p: Int) -> Bool {
        var i = p + 1
        while i < bytes.count, isWhitespace(bytes[i]) { i += 1 }
        guard i < bytes.count else { return true }
        let b = bytes[i]
        if bytes[p] == UInt8(ascii: "{") { return b == UInt8(ascii: "\"") || b == UInt8(ascii: "}") }
        switch b {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "]"), UInt8(ascii: "-"):
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // `[1, 2]` is JSON; `[2026-10-01 02:00]` is a log time stamp.
            var j = i
            while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") { j += 1 }
            guard j < bytes.count else { return true }
            return [
                UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), 0x20,
                0x0A, 0x0D,
            ].contains(bytes[j])
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return true
        default:
            return false
        }
    }
}
