/// The JSON found in one input file.
enum InputDocument {
    /// The whole file is one JSON value.
    case single(JSONNode)
    /// JSON Lines: one value per non-empty line.
    case lines([JSONNode])
    /// Captured output: log lines first, then a JSON value (maybe followed by more text).
    case embedded(JSONNode, skippedLines: Int)

    /// The records of a file that is a JSON array of objects or JSON Lines (llama-bench, Ollama).
    var records: [JSONNode] {
        if case .single(let root) = self, let array = root.arrayElements { return array }
        return values
    }

    /// The values a format should look at, in file order.
    var values: [JSONNode] {
        switch self {
        case .single(let node), .embedded(let node, _): return [node]
        case .lines(let nodes): return nodes
        }
    }

    /// Finds the JSON in a file, or explains why there is none.
    static func read(_ file: SourceFile) -> Result<InputDocument, Diagnostic> {
        let bytes = file.bytes
        var start = 0
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var first = start
        while first < bytes.count, bytes[first] == 0x20 || bytes[first] == 0x0A || bytes[first] == 0x0D || bytes[first] == 0x09 {
            first += 1
        }
        if first == bytes.count {
            return .failure(Diagnostic(.error, "the file is empty; expected a JSON document", file: file.path))
        }
        let opener = bytes[first]
        let looksLikeJSON = opener == UInt8(ascii: "{") || opener == UInt8(ascii: "[") || opener == UInt8(ascii: "\"")
        if looksLikeJSON {
            do throws(JSONSyntaxError) {
                return .success(.single(try JSONParser.parseDocument(bytes, from: first)))
            } catch {
                // A second value on a later line means JSON Lines.
                if opener == UInt8(ascii: "{"), let lines = try? readLines(bytes, from: first), lines.count > 1 {
                    return .success(.lines(lines))
                }
                // "[INFO] ..." starts like JSON but is a log line: look for JSON further down.
                if case .success(let embedded) = findEmbedded(file, from: start, skipFirstLine: true) {
                    return .success(embedded)
                }
                return .failure(file.diagnostic(.error, "invalid JSON: \(error.message)", at: error.offset))
            }
        }
        return findEmbedded(file, from: start, skipFirstLine: false)
    }

    /// Captured output: the first line that starts a non-empty JSON object or array.
    private static func findEmbedded(_ file: SourceFile, from start: Int, skipFirstLine: Bool) -> Result<InputDocument, Diagnostic> {
        let bytes = file.bytes
        var lineStart = start
        var lineNumber = 0
        if skipFirstLine {
            while lineStart < bytes.count, bytes[lineStart] != 0x0A { lineStart += 1 }
            lineStart += 1
            lineNumber = 1
        }
        var firstError: JSONSyntaxError?
        while lineStart < bytes.count {
            var p = lineStart
            while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
            if p < bytes.count, bytes[p] == UInt8(ascii: "[") || bytes[p] == UInt8(ascii: "{") {
                do throws(JSONSyntaxError) {
                    let (node, _) = try JSONParser.parseValue(bytes, from: p)
                    if node.objectMembers.map({ !$0.isEmpty }) ?? (node.arrayElements.map { !$0.isEmpty } ?? false) {
                        return .success(.embedded(node, skippedLines: lineNumber))
                    }
                } catch {
                    // A log line such as "[INFO] ..." is not JSON; remember real-looking failures.
                    if firstError == nil, bytes[p] == UInt8(ascii: "{") || (p + 1 < bytes.count && isJSONStart(bytes, p + 1)) {
                        firstError = error
                    }
                }
            }
            while lineStart < bytes.count, bytes[lineStart] != 0x0A { lineStart += 1 }
            lineStart += 1
            lineNumber += 1
        }
        if let firstError {
            return .failure(file.diagnostic(.error, "invalid JSON after the log lines: \(firstError.message)", at: firstError.offset))
        }
        return .failure(
            Diagnostic(.error, "no JSON document found; expected a JSON object or array (alone, as JSON Lines, or after log lines)", file: file.path))
    }

    private static func isJSONStart(_ bytes: [UInt8], _ p: Int) -> Bool {
        var i = p
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count else { return false }
        return bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "[")
            || bytes[i] == UInt8(ascii: "]")
    }

    private static func readLines(_ bytes: [UInt8], from start: Int) throws(JSONSyntaxError) -> [JSONNode] {
        var nodes: [JSONNode] = []
        var position = start
        while position < bytes.count {
            let (node, next) = try JSONParser.parseValue(bytes, from: position)
            nodes.append(node)
            position = next
        }
        return nodes
    }
}
