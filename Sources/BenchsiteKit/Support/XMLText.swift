/// Text inside XML and HTML, in element content and in quoted attribute values alike: SVG charts,
/// the Atom feed and the HTML the composer writes inside Markdown.
enum XMLText {
    static func escape(_ text: String) -> String {
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
