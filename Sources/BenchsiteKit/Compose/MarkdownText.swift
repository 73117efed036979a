/// Makes input strings safe to place in Markdown: they render as exactly the same characters,
/// never as markup, links or HTML, including inside GFM table cells.
public enum MarkdownText {
    /// Escapes text for an inline position (a table cell, a heading, a sentence).
    /// Line breaks become spaces, so a table row stays one row.
    public static func escapeInline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let characters = Array(text)
        var atStart = true
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "!", "(", ")", "{", "}", "@", "\"", "$":
                out.append("\\")
                out.append(character)
            case ":":
                // "scheme://" would become an autolink.
                if index + 2 < characters.count, characters[index + 1] == "/", characters[index + 2] == "/" {
                    out.append("\\")
                }
                out.append(character)
            case "#", "-", "+", "=":
                if atStart { out.append("\\") }
                out.append(character)
            case ".":
                // "1." at the start would begin a list; "www." would become a link.
                let before = characters[..<index]
                let digitsOnly = !before.isEmpty && before.allSatisfy(\.isNumber)
                if digitsOnly || String(before.suffix(3)).lowercased() == "www" { out.append("\\") }
                out.append(character)
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}":
                out.append(" ")
            default:
                if let scalar = character.unicodeScalars.first, scalar.value < 0x20 || scalar.value == 0x7F {
                    out.append(" ")
                } else {
                    out.append(character)
                }
            }
            if !character.isWhitespace { atStart = false }
        }
        return out
    }

    /// A fenced code block holding text verbatim (the fence is longer than any backtick run inside).
    public static func codeBlock(_ text: String, info: String = "text") -> String {
        var longest = 0
        var run = 0
        for character in text {
            if character == "`" {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        var body = text.replacingOccurrences(of: "\r\n", with: "\n")
        if !body.hasSuffix("\n") { body += "\n" }
        return "\(fence)\(info)\n\(body)\(fence)\n"
    }

    /// An inline code span holding text verbatim (newlines become spaces; the fence outgrows any backtick run).
    public static func codeSpan(_ text: String) -> String {
        let flat = text.map { $0.isNewline ? " " : $0 }.reduce(into: "") { $0.append($1) }
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A reference to a block chart, replaced by its SVG when rendered.
    public static func chartBlock(_ id: String) -> String {
        "```chart\n\(id)\n```"
    }

    /// A reference to an inline chart (a sparkline), replaced by its SVG when rendered. It is an image
    /// with an empty description, which no escaped input can spell (`!`, `[` and `(` are escaped, and
    /// code spans stay code), so input text never becomes a chart reference.
    public static func chartInline(_ id: String) -> String {
        "![](chart:\(id))"
    }
}
