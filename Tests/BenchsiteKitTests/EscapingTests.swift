import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Input strings are shown as text")
struct EscapingTests {
    static let hostile = "a|b *c* <script>alert(1)</script>"

    @Test("a hostile model name shows exactly its characters, in a correct table")
    func hostileNameInTable() throws {
        let markdown = "| Model | n |\n|:--|--:|\n| \(MarkdownText.escapeInline(Self.hostile)) | 3 |\n"
        let html = try MarkdownRenderer.render(markdown)
        #expect(html.contains("<td class=\"l\">a|b *c* &lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<em>"))
        #expect(html.components(separatedBy: "<td").count - 1 == 2)
    }

    @Test(
        "Markdown syntax in inline text stays literal",
        arguments: [
            "# heading", "- item", "1. first", "[link](http://x)", "`code`", "**bold**", "~~strike~~", "&amp; entity",
            "line\nbreak",
            "back\\slash", "<b>bold</b>", "www.example.com", "![img](x.png)", "_under_",
        ])
    func literal(text: String) throws {
        let html = try MarkdownRenderer.render("Name: \(MarkdownText.escapeInline(text))\n")
        let expected = text.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(html == "<p>Name: \(expected)</p>\n")
    }

    @Test("sample outputs go into code blocks verbatim, whatever backticks they hold")
    func codeBlock() throws {
        let output = "<|channel|>analysis ``` not a fence\n<script>x</script>"
        let html = try MarkdownRenderer.render(MarkdownText.codeBlock(output))
        #expect(html.contains("&lt;|channel|&gt;analysis ``` not a fence\n&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test("chart references become the chart's SVG; an unknown chart is an error")
    func chartReferences() throws {
        let charts = ["c1": "<figure><svg><title>T</title></svg></figure>", "s1": "<svg class=\"sparkline\"></svg>"]
        let html = try MarkdownRenderer.render(
            "```chart\nc1\n```\n\n| a |\n|---|\n| \(MarkdownText.chartInline("s1")) |\n", charts: charts)
        #expect(html.contains("<figure><svg><title>T</title></svg></figure>"))
        #expect(html.contains("<td><svg class=\"sparkline\"></svg></td>"))
        #expect(throws: MarkdownRenderer.UnknownChart.self) { try MarkdownRenderer.render("```chart\nmissing\n```\n") }
        // Input text that looks like a reference stays text: as a code span, and escaped inline.
        let input = "chart:s1"
        let quoted = try MarkdownRenderer.render(
            "\(MarkdownText.codeSpan(input)) and \(MarkdownText.escapeInline("![](chart:s1)"))", charts: charts)
        #expect(
            quoted.contains("<code>chart:s1</code>") && quoted.contains("![](chart:s1)")
                && !quoted.contains("sparkline"))
    }

    @Test("SVG text is escaped")
    func svgText() {
        let svg = DistributionChart.render(
            id: "d", title: "T", metric: .latency,
            rows: [
                DistributionRow(label: Self.hostile, colorIndex: 0, sortedValues: [1, 2, 3])
            ])
        #expect(svg.contains("a|b *c* &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!svg.contains("<script>"))
    }

    @Test("the tag filter still applies to raw HTML")
    func tagFilter() throws {
        let html = try MarkdownRenderer.render("<script>alert(1)</script>\n")
        #expect(!html.contains("<script>"))
    }
}

@Suite("Slugs")
struct SlugTests {
    @Test(
        "names become safe file names",
        arguments: [
            ("../../etc/passwd", "etc-passwd"), ("phi-4-mini", "phi-4-mini"), ("Qwen2.5 0.5B", "qwen2.5-0.5b"),
            ("", "x"), ("...", "x"),
            ("a/b\\c", "a-b-c"), ("日本語", "x"),
        ])
    func safe(pair: (String, String)) {
        #expect(Slug.make(pair.0) == pair.1)
    }

    @Test("two names that slug alike get different, stable file names")
    func unique() {
        let table = SlugTable(names: ["a b", "a-b", "A B"])
        let slugs = ["a b", "a-b", "A B"].map { table[$0] }
        #expect(Set(slugs).count == 3)
        #expect(table["a-b"] == "a-b")
        let again = SlugTable(names: ["A B", "a b", "a-b", "zzz"])
        #expect(["a b", "a-b", "A B"].map { again[$0] } == slugs)
    }
}
