/// Makes input strings safe to place in Markdown: they render as exactly the same characters,
/// never as markup, links or HTML, including inside GFM table cells.
public enum MarkdownText {
    /// Escapes text for an inline position (a table cell, a heading, a sentence).
    /// Line breaks become spaces, so a table row stays one row.
    public static func escapeInline(_ text: String) -> String {
        escapeInlineASCII(text) ?? escapeInlineCharacters(text)
    }

    /// `escapeInline` character by character, for any text.
    static func escapeInlineCharacters(_ text: String) -> String {
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

    /// `escapeInline` for text of ASCII characters without a carriage return, byte by byte (every
    /// table cell and heading of every page goes through it; grapheme breaking was its cost), and of
    /// the punctuation pages write between them (`passThrough`). The same output: for such text each
    /// ASCII character is one byte and a character of its own, `isNumber` is a digit and
    /// `isWhitespace` is a space, tab, line feed, vertical tab or form feed. Nil for any other text.
    static func escapeInlineASCII(_ text: String) -> String? {
        let result = text.utf8.withContiguousStorageIfAvailable { input -> String? in
            // Most text needs nothing: no byte that is escaped, replaced or that depends on its place.
            var plain = true
            var index = 0
            while index < input.count {
                let byte = input[index]
                if byte >= 0x80 {
                    guard let length = passThroughLength(input, at: index) else { return nil }
                    index += length
                    continue
                }
                if byte == 0x0D { return nil }
                switch byte {
                case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x20, 0x2C, 0x3B, 0x25, 0x27, 0x3F, 0x2F, 0x5E: break
                default: plain = false
                }
                index += 1
            }
            if plain { return text }
            var out: [UInt8] = []
            out.reserveCapacity(input.count + 8)
            var atStart = true
            var digitsOnly = true  // every byte before this one is a digit
            index = 0
            while index < input.count {
                let byte = input[index]
                if byte >= 0x80, let length = passThroughLength(input, at: index) {
                    // Neither a number nor a space, and never joined to the character before it.
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<(index + length)]))
                    atStart = false
                    digitsOnly = false
                    index += length
                    continue
                }
                switch byte {
                case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x26, 0x7C, 0x7E, 0x21, 0x28, 0x29, 0x7B, 0x7D,
                    0x40,
                    0x22, 0x24:
                    out.append(0x5C)
                    out.append(byte)
                case 0x3A:  // ":", before "//"
                    if index + 2 < input.count, input[index + 1] == 0x2F, input[index + 2] == 0x2F { out.append(0x5C) }
                    out.append(byte)
                case 0x23, 0x2D, 0x2B, 0x3D:  // "#", "-", "+", "=" at the start
                    if atStart { out.append(0x5C) }
                    out.append(byte)
                case 0x2E:  // "." after digits only, or after "www"
                    let www =
                        index >= 3 && input[index - 3] | 0x20 == 0x77 && input[index - 2] | 0x20 == 0x77
                        && input[index - 1] | 0x20 == 0x77
                    if (index > 0 && digitsOnly) || www { out.append(0x5C) }
                    out.append(byte)
                case 0x0A, 0x09, 0x0B, 0x0C:
                    out.append(0x20)
                default:
                    out.append(byte < 0x20 || byte == 0x7F ? 0x20 : byte)
                }
                if !(byte == 0x20 || (0x09...0x0D).contains(byte)) { atStart = false }
                if !(0x30...0x39).contains(byte) { digitsOnly = false }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return result ?? nil
    }

    /// Punctuation that titles, captions and cells carry (`·` between a run's label and date, `—`,
    /// `→`, `−`, `†`…), in UTF-8: none is a number, a space or a mark that joins the character before
    /// it, and a character that joins it is not one of them (the byte path then gives the text up).
    static let passThrough: [[UInt8]] = [
        "·", "×", "±", "°", "—", "–", "†", "…", "→", "←", "−", "▲", "▼", "≤", "≥", "’", "“", "”",
    ].map { Array($0.utf8) }

    /// The length of the `passThrough` character at `index`, when one is there and what follows it is
    /// ASCII or another of them: anything else could be a mark joining it into a larger character
    /// (the byte path then gives the text up).
    private static func passThroughLength(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        func matches(_ candidate: [UInt8], at place: Int) -> Bool {
            guard place + candidate.count <= input.count else { return false }
            for offset in candidate.indices where input[place + offset] != candidate[offset] { return false }
            return true
        }
        guard let found = passThrough.first(where: { matches($0, at: index) }) else { return nil }
        let next = index + found.count
        if next < input.count, input[next] >= 0x80, !passThrough.contains(where: { matches($0, at: next) }) {
            return nil
        }
        return found.count
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
