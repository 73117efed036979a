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
        return escapeBytes(text)
    }

    /// `escapeScalars` byte by byte over the text's UTF-8 (which a String always is): what is
    /// replaced is ASCII or U+FFFE/U+FFFF (EF BF BE, EF BF BF); every other byte is copied. A chart's
    /// point titles ("the runs' medians") took the scalar-wise way for their apostrophe.
    static func escapeBytes(_ text: String) -> String {
        var source = text
        return source.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
                case 0x0A, 0x09: out.append(byte)
                case ..<0x20: out.append(0x20)
                case 0xEF
                where index + 2 < bytes.count && bytes[index + 1] == 0xBF
                    && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    out.append(0x20)
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
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
