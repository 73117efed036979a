import Foundation
import Mustache
import Testing

@testable import BenchsiteKit

/// swift-mustache sees a context through this: each variable as the value benchsite's engine sees.
private struct MustacheView: MustacheParent {
    let context: any TemplateContext

    func child(named name: String) -> Any? { Self.convert(context.templateValue(name)) }

    static func convert(_ value: TemplateValue?) -> Any? {
        switch value {
        case .text(let text): return text
        case .bool(let flag): return flag
        case .list(let items): return items.map { MustacheView(context: $0) }
        case .context(let context): return MustacheView(context: context)
        case nil: return nil
        }
    }
}

private struct MarkdownForMustache: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownText.escapeInline(text) }
}

/// swift-mustache's library of the same template texts as `files` (Markdown ones as benchsite reads them).
private func mustacheLibrary(_ files: [String: String]) throws -> MustacheLibrary {
    MustacheContentTypes.register(MarkdownForMustache(), named: "MARKDOWN")
    var library = MustacheLibrary()
    for (name, text) in files where name.hasSuffix(".md") || name.hasSuffix(".html") {
        let template = try MustacheTemplate(
            string: name.hasSuffix(".md") ? "{{% CONTENT_TYPE: MARKDOWN }}\n" + text : text)
        library.register(template, named: name)
        library.register(template, named: (name as NSString).deletingPathExtension)
    }
    return library
}

private struct Item: TemplateContext {
    var name: String
    var flag: Bool
    var note: String?
    var count: Int?
    static let variables: TemplateVariables<Item> = [
        TemplateVariable("name", \.name), TemplateVariable("flag", \.flag), TemplateVariable("note", \.note),
        TemplateVariable("count", \.count),
    ]
}

private struct Root: TemplateContext {
    var title = "A <b>&\"title\"'s</b> | *x* [l](u) 1. www.x"
    var items = [
        Item(name: "one", flag: true, note: "n1", count: 1), Item(name: "two", flag: false, note: nil, count: nil),
        Item(name: "th\u{301}ree <&>", flag: true, note: "", count: 0),
    ]
    var empty: [Item] = []
    var child: Item? = Item(name: "kid", flag: true, note: "k", count: 7)
    var missing: Item? = nil
    var number = 42
    var yes = true
    var no = false
    var text = "plain"
    var note = "outer note"
    var absent: String? = nil
    static let variables: TemplateVariables<Root> = [
        TemplateVariable("title", \.title), TemplateVariable("items", \.items), TemplateVariable("empty", \.empty),
        TemplateVariable("child", \.child), TemplateVariable("missing", \.missing),
        TemplateVariable("number", \.number),
        TemplateVariable("yes", \.yes), TemplateVariable("no", \.no), TemplateVariable("text", \.text),
        TemplateVariable("note", \.note), TemplateVariable("absent", \.absent),
    ]
}

@Suite("The template engine renders what swift-mustache renders")
struct PageTemplateTests {
    /// Templates that exercise Mustache's corners: standalone lines, indentation, delimiters,
    /// dotted and current names, lookups up the stack, CR LF, escaping for HTML and Markdown.
    static let templates: [String] = [
        "{{title}}|{{{title}}}|{{&title}}|{{number}}|{{yes}}|{{no}}|{{absent}}|{{nothing}}\n",
        "{{% CONTENT_TYPE: MARKDOWN }}\n{{title}} {{{title}}}\n",
        "{{% CONTENT_TYPE: TEXT }}\n{{title}}\n",
        "{{#items}}\n- {{name}} ({{title}}){{#flag}} yes{{/flag}}{{^flag}} no{{/flag}}\n{{/items}}\n",
        "  {{#items}}\n  * {{name}}\n  {{/items}}\nend\n",
        "{{#items}}{{note}};{{/items}}\n{{#items}}{{#note}}[{{.}}]{{/note}}{{/items}}\n",
        "{{#items}}{{count}}{{^count}}none{{/count}},{{/items}}\n",
        "{{^empty}}no items{{/empty}}{{#empty}}never{{/empty}}\n{{^items}}never{{/items}}\n",
        "{{#child}}{{name}} {{.name}} {{title}} {{.title}}{{/child}}\n{{child.name}} {{child.note}} {{missing.name}}\n",
        "{{#missing}}never{{/missing}}{{^missing}}no child{{/missing}}\n",
        "{{#text}}[{{.}}]{{/text}}{{#absent}}never{{/absent}}\n",
        "a\n  {{! a comment }}\nb {{! inline }} c\n{{!\nmulti\n}}\nd\n",
        "{{=<% %>=}}\n<% title %> {{title}}\n<%={{ }}=%>\n{{title}}\n",
        "{{#yes}}\n{{=[[ ]]=}}\n[[text]]\n[[/yes]]\n{{text}}\n",
        "line\r\n  {{#yes}}\r\n  inside\r\n  {{/yes}}\r\nafter\r\n",
        "  {{> partial}}\n{{#items}}\n    {{> partial}}\n{{/items}}\nx {{>partial}} y\n",
        "trailing  {{text}}  \n   ",
        "{{#yes}} {{text}} {{/yes}}  {{#no}}x{{/no}}\n",
        "{{ text }} {{{ text }}} {{& text }}\n",
        "end with delimiter {{",
        "{{#items}}{{#flag}}{{name}}{{/flag}}{{/items}}\n\n\n",
        "\t{{#yes}}\t\n\ttab\n\t{{/yes}}\t\n",
        "{{#yes}}{{#child}}{{#items}}{{name}}{{note}}{{/items}}{{/child}}{{/yes}}\n",
    ]

    static let partial = "p1 {{text}}\n{{#yes}}\np2\n{{/yes}}\n"

    @Test("corner cases: the same text as swift-mustache")
    func corners() throws {
        let theirs = try mustacheLibrary(["partial.md": Self.partial, "empty.html": ""])
        var ours: [String: PageTemplate] = [:]
        let partialTemplate = try PageTemplate("{{% CONTENT_TYPE: MARKDOWN }}\n" + Self.partial)
        ours["partial"] = partialTemplate
        ours["partial.md"] = partialTemplate
        for text in Self.templates {
            let mine = try PageTemplate(text).render(Root(), library: ours)
            let reference = try MustacheTemplate(string: text).render(MustacheView(context: Root()), library: theirs)
            #expect(
                mine == reference, "\(text.debugDescription): \(mine.debugDescription) != \(reference.debugDescription)"
            )
        }
    }

    @Test("a list or a context printed as text gives nothing, not a dump of the page's values")
    func currentContextHasNoText() throws {
        let text = "{{#items}}<{{.}}|{{{.}}}>{{/items}} {{#child}}[{{.}}]{{/child}} ({{items}}) ({{{child}}})"
        let rendered = try PageTemplate(text).render(Root(), library: [:])
        #expect(rendered == "<|><|><|> [] () ()")
    }

    @Test("templates swift-mustache cannot parse are errors here too, with a line and column")
    func errors() {
        for text in [
            "{{#a}}never closed", "{{#a}}x{{/b}}", "{{/a}}", "{{x", "{{=<% %>}}", "{{% NOPE: X }}", "{{! open",
        ] {
            #expect(throws: (any Error).self, "\(text)") { try MustacheTemplate(string: text) }
            #expect(throws: PageTemplate.ParseError.self, "\(text)") { try PageTemplate(text) }
        }
        #expect(throws: PageTemplate.ParseError.self) { try PageTemplate("{{uppercased(name)}}") }
        #expect(throws: PageTemplate.ParseError.self) { try PageTemplate("{{<parent}}{{/parent}}") }
        do {
            _ = try PageTemplate("line one\n  {{#a}}\n{{/b}}\n")
        } catch let error as PageTemplate.ParseError {
            #expect(error.line == 3 && error.column == 4, "\(error.line):\(error.column)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test(
        "errors point at the tag: CR LF lines counted, an unclosed section at its opening, a tag open at a line's end")
    func errorPlaces() {
        func place(_ text: String) -> String {
            do {
                _ = try PageTemplate(text)
                return "no error"
            } catch let error as PageTemplate.ParseError {
                return "\(error.line):\(error.column)"
            } catch {
                return "\(error)"
            }
        }
        #expect(place("# {{title}}\r\n\r\nline three {{oops\r\n") == "3:12")
        #expect(place("# {{title}}\n\nline three {{oops\n") == "3:12")
        #expect(place("a\n  {{#verdict}}\nb\nc\n") == "2:3")
        #expect(place("a\r{{! open") == "2:1")
        // Nesting deeper than the parser and renderer recurse is an error, not a crash.
        #expect(place(String(repeating: "{{#a}}", count: 10_000)) == "1:1537")
        #expect(place(String(repeating: "{{#a}}", count: 200) + String(repeating: "{{/a}}", count: 200)) == "no error")
    }

    @Test("partials that each include the next ones twice, thirty deep, are an error, not a hang")
    func exponentialPartials() {
        var files = Theme.defaultFiles
        files["run.md"] = "{{> l0}}\n"
        for level in 0..<30 { files["l\(level).md"] = "{{> l\(level + 1)}}{{> l\(level + 1)}}" }
        files["l30.md"] = "ha"
        do {
            _ = try Theme(files: files)
            Issue.record("accepted")
        } catch let error as Theme.TemplateError {
            #expect(error.message.contains("more than"), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("a partial that includes itself, directly or through another, is an error naming the chain")
    func recursivePartials() throws {
        for extra in [
            ["loop.md": "x {{> loop}}\n"], ["a.md": "{{#yes}}{{> b}}{{/yes}}", "b.md": "{{> a.md}}"],
        ] {
            var files = Theme.defaultFiles
            files.merge(extra) { $1 }
            files["run.md"] = "{{> " + (extra.keys.sorted().first ?? "") + "}}\n"
            do {
                _ = try Theme(files: files)
                Issue.record("\(extra) was accepted")
            } catch let error as Theme.TemplateError {
                #expect(error.message.contains("includes itself"), "\(error.message)")
            }
        }
        // A partial included twice, not in a cycle, is fine.
        var files = Theme.defaultFiles
        files["row.md"] = "r"
        files["run.md"] = "{{> row}}{{> row.md}}"
        #expect(throws: Never.self) { try Theme(files: files) }
    }

    @Test("a page's content goes into its layout as the layout says: once, escaped, twice, or as a section")
    func layoutContent() throws {
        let page = ComposedPage(
            path: "x.html", kind: "run", title: "T", markdown: "# Title\n\nSome *text* & <b>bold</b> · →\n",
            charts: [:], root: "", subjectsTitle: "Models")
        let empty = ComposedPage(
            path: "e.html", kind: "run", title: "E", markdown: "", charts: [:], root: "", subjectsTitle: "Models")
        let body = try MarkdownRenderer.render(page.markdown)
        let layouts: [(layout: String, expected: (String) -> String)] = [
            ("<main>{{{content}}}</main>", { "<main>\($0)</main>" }),
            ("{{content}}", { PageTemplate.escapeHTML($0) }),
            ("{{{content}}}|{{{content}}}", { "\($0)|\($0)" }),
            // A text is a true section's value, empty or not (as in swift-mustache).
            ("{{#content}}[{{{content}}}]{{/content}}{{^content}}none{{/content}}", { "[\($0)]" }),
            ("a \(PageRenderer.contentMark) {{{content}}}", { "a \(PageRenderer.contentMark) \($0)" }),
        ]
        for (layout, expected) in layouts {
            var files = Theme.defaultFiles
            files["layout.html"] = layout
            let theme = try Theme(files: files)
            let rendered = try PageRenderer.render(page, theme: theme, siteTitle: "S", runCount: 1)
            #expect(rendered == expected(body), "\(layout)")
            #expect(
                try PageRenderer.render(empty, theme: theme, siteTitle: "S", runCount: 1) == expected(""), "\(layout)")
        }
    }

    /// Every template the pages of these inputs render, with its context, through both engines.
    func compareSite(_ paths: [String], baseline: String? = nil) throws -> Int {
        let ingested = Ingest.read(paths: paths, options: IngestOptions())
        let history = HistoryBuilder.build(
            runs: ingested.runs, metadata: ingested.metadata, diagnostics: DiagnosticBuffer())
        var options = AnalysisOptions()
        if let baseline { options.baselineRunIndex = history.runIndex(idOrLabel: baseline) }
        let analysis = Analyzer.analyze(history, options: options)
        let rendered = Locked<[(String, any TemplateContext, String)]>([])
        var theme = try Theme.builtIn()
        theme.observer = { name, context, text in rendered.withLock { $0.append((name, context, text)) } }
        let composer = PageComposer(analysis: analysis, theme: theme, siteTitle: "Site <&> \"title\"")
        let pages = try composer.composeAll { $0 }
        for page in pages { _ = try PageRenderer.render(page, theme: theme, siteTitle: "Site", runCount: 3) }
        _ = try SingleFilePage.make(
            composer.singleFileSections(), theme: theme, siteTitle: "Site", runCount: history.runs.count)
        let library = try mustacheLibrary(theme.files)
        let all = rendered.withLock { $0 }
        for (name, context, text) in all {
            let reference = library.render(MustacheView(context: context), withTemplate: name)
            #expect(text == reference, "\(name) differs from swift-mustache's")
        }
        return all.count
    }

    @Test("every page of the demo, with a baseline: the same text as swift-mustache")
    func demoPages() throws {
        let examples = repositoryRoot.appendingPathComponent("examples").path
        #expect(try compareSite([examples], baseline: "nightly-2026-10-08") > 30)
    }

    @Test("every page of the tools' fixtures (commands, benchmarks, tests, serving tools): the same text")
    func fixturePages() throws {
        let tools = fixturesFolder.appendingPathComponent("tools")
        let folders = try FileManager.default.contentsOfDirectory(atPath: tools.path).sorted()
        #expect(try compareSite(folders.map { tools.appendingPathComponent($0).path }) > 50)
    }
}
