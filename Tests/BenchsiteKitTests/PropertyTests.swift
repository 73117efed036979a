import Foundation
import Testing

@testable import BenchsiteKit

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Random strings built from the pieces that break escapers: markup characters, entities, control
/// characters, NUL, astral emoji, combining marks, right-to-left text, long runs. Seeded, so a
/// failure names an input that can be replayed.
struct HostileStrings {
    static let pieces: [String] = [
        "<", ">", "&", "\"", "'", "&amp;", "&#39;", "&lt;", "<script>", "</td>", "|", "\\", "`", "*", "_", "[", "]",
        "(", ")",
        "{{chart:x}}", "#", "-", "+", "=", "1.", "www.", "http://", "!", "~", "$", ":", ".", "..", "/", "\n", "\r\n",
        "\t", "\u{0}",
        "\u{1}", "\u{1F}", "\u{7F}", "\u{0B}", "\u{0C}", "😀", "👩🏽‍💻", "e\u{301}", "\u{202E}", "שלום", "日本語", "ＡＢＣ", "café",
        " ", "  ",
        "a", "Z", "9", "phi-4-mini", "CON", "index", "nul", "con.x", "LPT9.", "\u{FFFE}", "\u{FFFF}",
    ]

    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func next() -> String {
        let count = Int(generator.next() % 12)
        var text = ""
        for _ in 0..<count {
            let piece = Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))]
            text += generator.next() % 50 == 0 ? String(repeating: piece, count: 40) : piece
        }
        return text
    }
}

/// Undoes the five entities `XMLText.escape` writes (and what cmark-gfm writes in HTML text).
func unescapeXML(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

@Suite("Laws of escaping, JSON and slugs (seeded random inputs)")
struct PropertyTests {
    static let cases = 3000

    @Test(
        "XML and HTML escaping: nothing raw, every & an entity, unescaping gives the text back (control characters as spaces)"
    )
    func xmlEscaping() {
        var strings = HostileStrings(seed: 20261122)
        for _ in 0..<Self.cases {
            let text = strings.next()
            let escaped = XMLText.escape(text)
            #expect(
                !escaped.contains { "<>\"'".contains($0) }, "\(text.debugDescription) -> \(escaped.debugDescription)")
            let ampersands = escaped.components(separatedBy: "&").dropFirst()
            #expect(
                ampersands.allSatisfy { part in ["amp;", "lt;", "gt;", "quot;", "#39;"].contains { part.hasPrefix($0) }
                }, "\(escaped.debugDescription)")
            let expected = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map {
                        ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0xFFFE || $0.value == 0xFFFF
                            ? " " : $0
                    }))
            #expect(unescapeXML(escaped) == expected, "\(text.debugDescription)")
        }
    }

    @Test("the byte-wise escapers write what the character-wise ones write (ASCII, plain and hostile text)")
    func fastEscapersAgree() {
        var strings = HostileStrings(seed: 20261207)
        var asciiSeen = 0
        let plain = [
            "", "phi-4-mini", "1.", "12.5", "www.example", "WwW.x", "a:b", "http://x", "-x", " #x", "\t-x",
            "ok, fine; 50%",
            "x\r\ny", "\u{1}-", "a/b?c^d'e", "the runs' medians", "\u{FFFE}x\u{FFFF}", "\u{FFFD}\u{FEFF}é<",
            "\u{EFFF}\u{FFBF}\u{1F600}&",
            // The punctuation the byte path passes through, and marks that join it or what is before it.
            "80a1a23a · 2020-05-12", "← Previous run: a · b", "+1.1% ▲", "−4.0%", "1·.", "www·.", "·.", "—-x",
            "* ·", "·\u{301}", "a\u{301}·", "*\u{301}", "·\u{200D}·", "→\u{FE0F}", "1.5 ± 0.2 °C", "‘q’ “q”",
            "·\r\n", "x · y · z · \u{B2}.", "\u{A0}·", "www.·", "…", "1…2.", "·#", "†1.",
        ]
        for index in 0..<(Self.cases + plain.count) {
            let text = index < plain.count ? plain[index] : strings.next()
            #expect(
                MarkdownText.escapeInline(text) == MarkdownText.escapeInlineCharacters(text), "\(text.debugDescription)"
            )
            #expect(XMLText.escape(text) == XMLText.escapeScalars(text), "\(text.debugDescription)")
            #expect(XMLText.escapeBytes(text) == XMLText.escapeScalars(text), "\(text.debugDescription)")
            if MarkdownText.escapeInlineASCII(text) != nil { asciiSeen += 1 }
        }
        // The byte-wise path was taken for many of them (ASCII text without a carriage return).
        #expect(asciiSeen > 300)
        #expect(MarkdownText.escapeInlineASCII("x\r\ny") == nil && MarkdownText.escapeInlineASCII("café") == nil)
        #expect(
            MarkdownText.escapeInlineASCII("80a1a23a · 2020-05-12") != nil
                && MarkdownText.escapeInlineASCII("·\u{301}") == nil)
        // Text mixing ASCII, the punctuation passed through and anything else, at random.
        var generator = SplitMix64(seed: 7)
        let alphabet: [String] = [
            "a", "w", "W", "1", "0", ".", "-", "#", "*", " ", "\t", ":", "/", "·", "—", "→", "−", "†", "…", "±",
            "\u{301}", "\u{200D}", "\u{FE0F}", "é", "\u{B2}", "\u{A0}", "\r", "\n", "٣",
        ]
        for _ in 0..<2000 {
            let length = Int(generator.next() % 8)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(
                MarkdownText.escapeInline(text) == MarkdownText.escapeInlineCharacters(text), "\(text.debugDescription)"
            )
        }
    }

    @Test("white space is trimmed from a chart's id and a caption as Foundation trims it")
    func trimmedAsFoundation() {
        let texts = [
            "", " ", "\n\t\r\u{0B}\u{0C} ", "latency--gpu\n", "  a b  ", "\u{A0}x\u{A0}", "\u{2028}x", "x\u{3000}",
            "é ", " <p>caption</p>\n", "\u{85}x",
        ]
        for text in texts {
            #expect(
                MarkdownRenderer.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(text.debugDescription)")
        }
    }

    @Test("a metric's place is its place in allCases, and metrics and statistics hash by case")
    func metricOrder() {
        #expect(Metric.allCases.enumerated().allSatisfy { $0.offset == $0.element.order })
        #expect(Statistic.allCases.enumerated().allSatisfy { $0.offset == $0.element.order })
        #expect(Set(Metric.allCases.map(\.hashValue)).count == Metric.allCases.count)
        #expect(Set(Statistic.allCases.map(\.hashValue)).count == Statistic.allCases.count)
        #expect(Metric.allCases.sorted() == Metric.allCases)
        // Dictionaries and sets hash a metric by its place and their seed: under every seed the
        // cases stay apart (distinct hashes), and tables of every size find what they hold.
        let seeds: [Int] = [0, 1, -1, 12345, Int.max, Int.min] + (0..<200).map { $0 &* 0x5851_F42D_4C95_7F2D }
        for seed in seeds {
            #expect(Set(Metric.allCases.map { $0._rawHashValue(seed: seed) }).count == Metric.allCases.count)
            #expect(Set(Statistic.allCases.map { $0._rawHashValue(seed: seed) }).count == Statistic.allCases.count)
        }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let kept = Metric.allCases.filter { _ in Bool.random(using: &random) }
            var table: [Metric: Int] = [:]
            for metric in kept.shuffled(using: &random) { table[metric] = metric.order }
            #expect(Metric.allCases.allSatisfy { table[$0] == (kept.contains($0) ? $0.order : nil) })
            #expect(Set(kept) == Set(table.keys))
        }
    }

    @Test("escaped XML parses, in an attribute and in text")
    func xmlParses() {
        var strings = HostileStrings(seed: 7)
        for _ in 0..<300 {
            let text = strings.next()
            let escaped = XMLText.escape(text)
            let document = "<a t=\"\(escaped)\">\(escaped)</a>"
            let parser = XMLParser(data: Data(document.utf8))
            #expect(
                parser.parse(), "\(text.debugDescription) does not parse when escaped: \(document.debugDescription)")
        }
    }

    @Test("Markdown escaping: in a paragraph and a table cell the text renders as itself, never as markup")
    func markdownEscaping() throws {
        var strings = HostileStrings(seed: 99)
        for _ in 0..<800 {
            let text = strings.next()
            let escaped = MarkdownText.escapeInline(text)
            // What a reader sees: line breaks and control characters as spaces; HTML shows a run of
            // spaces as one, so runs are compared as one space.
            func squeezed(_ text: String) -> String {
                text.split(whereSeparator: { $0 == " " }).joined(separator: " ")
            }
            let visible = squeezed(
                String(
                    String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 })
                ))
            let paragraph = try MarkdownRenderer.render("x " + escaped + " x\n")
            let inner = paragraph.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>\n", with: "")
            #expect(!inner.contains("<"), "\(text.debugDescription) made markup: \(paragraph.debugDescription)")
            #expect(
                squeezed(unescapeXML(inner)) == squeezed("x " + visible + " x"),
                "\(text.debugDescription) -> \(paragraph.debugDescription)")
            let table = try MarkdownRenderer.render("| h |\n|---|\n| \(escaped) |\n")
            let cell =
                table.components(separatedBy: "<td>").dropFirst().first?.components(separatedBy: "</td>").first
                ?? "<missing cell>"
            #expect(!cell.contains("<"), "\(text.debugDescription) broke the table: \(table.debugDescription)")
            #expect(squeezed(unescapeXML(cell)) == visible, "\(text.debugDescription) -> \(cell.debugDescription)")
        }
    }

    @Test("JSON quoting round-trips through benchsite's parser and Foundation's")
    func jsonRoundTrip() throws {
        var strings = HostileStrings(seed: 4242)
        for _ in 0..<Self.cases {
            let text = strings.next()
            let quoted = JSONText.quote(text)
            let (node, _) = try JSONParser.parseValue(Array(quoted.utf8))
            #expect(node.stringValue == text, "\(text.debugDescription) -> \(quoted)")
            let foundation = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(foundation == [text], "\(text.debugDescription) -> \(quoted)")
        }
    }

    @Test("slugs: never empty, only a-z 0-9 . _ -, no leading dot, at most 64 characters, the same every time")
    func slugs() {
        var strings = HostileStrings(seed: 12345)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-".unicodeScalars)
        for _ in 0..<Self.cases {
            let name = strings.next()
            let slug = Slug.make(name)
            #expect(!slug.isEmpty && slug.count <= 64, "\(name.debugDescription) -> \(slug)")
            #expect(slug.unicodeScalars.allSatisfy(allowed.contains), "\(name.debugDescription) -> \(slug)")
            #expect(
                !slug.hasPrefix(".") && !slug.hasPrefix("-") && slug != "." && slug != "..",
                "\(name.debugDescription) -> \(slug)")
            #expect(Slug.make(name) == slug)
        }
    }

    @Test("a slug table gives distinct names distinct, safe, unreserved file names, whatever the order")
    func slugTables() {
        var strings = HostileStrings(seed: 777)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-".unicodeScalars)
        for _ in 0..<300 {
            let names = Array(Set((0..<20).map { _ in strings.next() }))
            let table = SlugTable(names: names, reserved: SlugTable.reservedFileNames)
            let slugs = names.map { table[$0] }
            #expect(Set(slugs).count == names.count, "\(names.map(\.debugDescription)) -> \(slugs)")
            #expect(
                slugs.allSatisfy {
                    // Windows judges a file name by its stem, the part before the first dot: `con.x` is `con`.
                    !SlugTable.reservedFileNames.contains(String($0.prefix { $0 != "." }))
                        && $0.unicodeScalars.allSatisfy(allowed.contains)
                        && !$0.hasPrefix(".")
                })
            // Case-insensitive file systems: no two slugs may differ only in case (they are all lower case).
            #expect(Set(slugs.map { $0.lowercased() }).count == slugs.count)
            let reversed = SlugTable(names: names.reversed(), reserved: SlugTable.reservedFileNames)
            #expect(names.map { reversed[$0] } == slugs)
        }
    }
}

@Suite("Number formatting without printf")
struct FixedFormattingTests {
    @Test("fixed gives printf's text for every value and number of decimals tried")
    func agreesWithPrintf() {
        var random = SplitMix64(seed: 2026)
        var values: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, -0.125, 1.005, 0.285, 999.9995, 1e-7, -1e-7, 123456789.5,
        ]
        for _ in 0..<20000 {
            let magnitude = pow(10, Double(Int(random.next() % 14)) - 6)
            let value = (Double(random.next() % 1_000_000) / 1_000_000) * magnitude
            values.append(random.next() % 2 == 0 ? value : -value)
        }
        for value in values {
            for decimals in 0...9 {
                var printf = String(format: "%.\(decimals)f", value)
                if printf == "-0" || printf.hasPrefix("-0.") && Double(printf) == 0 { printf.removeFirst() }
                #expect(NumberFormatting.fixed(value, decimals) == printf, "\(value) with \(decimals) decimals")
            }
        }
    }

    @Test("the byte writer writes numbers as NumberFormatting.plain and integers as String does")
    func byteWriterAgrees() {
        var random = SplitMix64(seed: 99)
        var values: [Double] = [0, -0.0, 1, -1, 1e9, 1e15, -1e15, 1e16, 0.1, .nan, .infinity, -.infinity, 123456789012]
        for _ in 0..<20000 {
            let bits = random.next()
            values.append(Double(bitPattern: bits))
            values.append(Double(Int64(bitPattern: bits) % 10_000_000_000))
            values.append(Double(bits % 1_000_000) / 1000)
        }
        for value in values {
            var writer = ByteWriter()
            writer.plain(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == NumberFormatting.plain(value), "\(value)")
        }
        // The shortest-decimal path (a thousandth to a billion): measured values as tools round them,
        // every number of decimals, values at its edges, and arbitrary doubles in its range.
        var shortest: [Double] = [
            0.001, 0.0010000000000000002, 0.000999, 999_999_999.5, 999_999_999.999, 0.1 + 0.2, 1.0 / 3,
        ]
        for _ in 0..<200_000 {
            let decimals = Int(random.next() % 12) + 1
            let digits = Double(random.next() % 10_000_000_000)
            shortest.append(digits / pow(10, Double(decimals)))
            let lower = 1e-3, upper = 1e9
            let uniform = Double(random.next() >> 11) / Double(1 << 53)
            shortest.append(-(lower * pow(upper / lower, uniform)))
        }
        for value in shortest {
            var writer = ByteWriter()
            writer.plain(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == NumberFormatting.plain(value), "\(value)")
        }
        // Short decimals take the fast path; numbers of 16 or 17 digits are left to `description`.
        var fast = ByteWriter()
        #expect(fast.shortestDecimal(5.28) && fast.shortestDecimal(-0.001234) && fast.shortestDecimal(123456.789))
        #expect(String(decoding: fast.bytes, as: UTF8.self) == "5.28-0.001234123456.789")
        #expect(!fast.shortestDecimal(1.0 / 3) && !fast.shortestDecimal(0.1 + 0.2) && !fast.shortestDecimal(1e9))
        for integer in [0, 7, -7, 10, 99, 100, Int.max, Int.min, 9_999_999_999, 10_000_000_000, -10_000_000_000] {
            var writer = ByteWriter()
            writer.integer(integer)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(integer))
        }
    }
}

@Suite("Rounding to significant digits")
struct SignificantRoundingTests {
    @Test("a derived value keeps 6 significant digits and prints with no more")
    func roundsAndPrints() {
        #expect(NumberFormatting.rounded(138.66980984902324, significant: 6) == 138.67)
        #expect(NumberFormatting.plain(NumberFormatting.rounded(138.66980984902324, significant: 6)) == "138.67")
        #expect(NumberFormatting.rounded(0.000123456789, significant: 6) == 0.000123457)
        #expect(NumberFormatting.rounded(123456789, significant: 6) == 123457000)
        #expect(NumberFormatting.rounded(-2.5e-7, significant: 6) == -2.5e-7)
        #expect(NumberFormatting.rounded(0, significant: 6) == 0)
        #expect(NumberFormatting.rounded(.infinity, significant: 6) == .infinity)
        var random = SplitMix64(seed: 5)
        for _ in 0..<10000 {
            let value = Double(random.next() % 1_000_000_000) / Double(1 + random.next() % 997)
            let text = NumberFormatting.plain(NumberFormatting.rounded(value, significant: 6))
            let digits = text.filter(\.isNumber).drop { $0 == "0" }
            #expect(digits.count <= 6 || !text.contains("."), "\(value) → \(text)")
            #expect(abs(NumberFormatting.rounded(value, significant: 6) - value) <= abs(value) * 5e-6, "\(value)")
        }
    }
}
