/// Text inside XML and HTML, in element content and in quoted attribute values alike: SVG charts,
/// the Atom feed and the HTML the composer writes inside Markdown.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most text needs nothing (every label, tick and title of every chart comes through here).
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { byte in
                byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
                    || byte == 0xEF  // the first byte of U+FFFE and U+FFFF (and of others, which take the long way)
            }
        }
        if plain == true { return text }
        return escapeScalars(text)
    }

    /// `escape` scalar by scalar, for any text.
    static func escapeScalars(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters and the non-characters U+FFFE and U+FFFF are not allowed in XML.
                if (character.value < 0x20 && character != "\n" && character != "\t") || character.value == 0xFFFE
                    || character.value == 0xFFFF
                {
                    out += " "
                } else {
                    out.unicodeScalars.append(character)
                }
            }
        }
        return out
    }
}
