/// Writes JSON values back as compact text (strings unquoted at the top level), for metadata display.
enum JSONText {
    static func compact(_ node: JSONNode, topLevel: Bool = true) -> String {
        switch node.value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return NumberFormatting.plain(n)
        case .string(let s): return topLevel ? s : quote(s)
        case .array(let a): return "[" + a.map { compact($0, topLevel: false) }.joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.map { quote($0.key) + ": " + compact($0.value, topLevel: false) }.joined(separator: ", ")
                + "}"
        }
    }

    static func quote(_ s: String) -> String {
        // Most strings (ids, names, units) need no escaping: check the bytes first.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
