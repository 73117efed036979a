import Foundation

/// The templates and stylesheet that give the site its look.
///
/// The default theme is the top-level `templates/` folder, compiled into the executable
/// (`DefaultTheme.swift`, written by `scripts/embed-templates.py`) so a copied binary works alone.
/// A user's folder overrides any file by name.
public struct Theme: Sendable {
    /// Template files by name (`layout.html`, `index.md`, ...).
    public private(set) var files: [String: String]
    /// The templates and partials by name (`run.md` and `run`).
    let library: [String: PageTemplate]
    /// Told every template rendered, with its context and the text (tests compare the engine with
    /// swift-mustache on the pages of real sites).
    var observer: (@Sendable (_ template: String, _ context: any TemplateContext, _ text: String) -> Void)?

    public struct TemplateError: Error, CustomStringConvertible {
        public var template: String
        public var message: String
        public var line: Int?
        public var column: Int?
        public var diagnostic: Diagnostic { Diagnostic(.error, message, file: template, line: line, column: column) }
        public var description: String {
            var location = template
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            return "\(location): error: \(message)"
        }
    }

    /// The most partials one template may include through its partials (each counted as often as it
    /// is included, sections once).
    static let partialLimit = 10_000

    public static let templateNames = [
        "layout.html", "index.md", "run.md", "model.md", "runs.md", "models.md", "compare.md", "methods.md",
        "single.html", "style.css", "benchsite.js",
    ]

    /// The built-in theme's files by name, as `benchsite init --templates` copies them.
    public static var defaultFiles: [String: String] { DefaultTheme.files }

    /// The built-in theme.
    public static func builtIn() throws -> Theme {
        try Theme(files: DefaultTheme.files)
    }

    /// The built-in theme with the files of `directory` replacing those of the same name.
    public static func loading(overridesFrom directory: String?) throws -> Theme {
        var files = DefaultTheme.files
        var sources: [String: String] = [:]
        if let directory {
            let fm = FileManager.default
            guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
                throw TemplateError(template: directory, message: "cannot read the templates folder")
            }
            // The theme's files by name, and any other .md or .html file as a partial (`{{> footer}}` for footer.md).
            for name in names.sorted()
            where templateNames.contains(name) || name.hasSuffix(".md") || name.hasSuffix(".html") {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw TemplateError(template: path, message: "cannot read the template as UTF-8 text")
                }
                files[name] = text
                sources[name] = path
            }
        }
        return try Theme(files: files, sources: sources)
    }

    /// - Parameter sources: where an overriding file came from, for error messages.
    /// Markdown templates escape `{{values}}` for Markdown (`{{{values}}}` are Markdown fragments
    /// benchsite already made safe: links, chart references, formatted cells); HTML ones for HTML.
    init(files: [String: String], sources: [String: String] = [:]) throws {
        self.files = files
        var library: [String: PageTemplate] = [:]
        let templates = files.keys.sorted().filter { $0.hasSuffix(".md") || $0.hasSuffix(".html") }
        // A partial is known by its file name, and by the name without .md or .html.
        let partialNames = Set(templates + templates.map { ($0 as NSString).deletingPathExtension })
        for name in templates {
            var text = files[name]!
            try Self.checkPartials(in: text, template: sources[name] ?? name, known: partialNames)
            let isMarkdown = name.hasSuffix(".md")
            if isMarkdown { text = "{{% CONTENT_TYPE: MARKDOWN }}\n" + text }
            do {
                let template = try PageTemplate(text)
                library[name] = template
                library[(name as NSString).deletingPathExtension] = template
            } catch let error as PageTemplate.ParseError {
                throw TemplateError(
                    template: sources[name] ?? name, message: "cannot parse the template: \(error.message)",
                    line: error.line - (isMarkdown ? 1 : 0), column: error.column)
            }
        }
        // A partial that includes itself, directly or through others, would never end; partials
        // that each include the next ones several times would take as long.
        for name in templates {
            if let cycle = library[name]?.partialCycle(from: name, in: library) {
                throw TemplateError(
                    template: sources[name] ?? name,
                    message: "the template includes itself through its partials (\(cycle.joined(separator: " → ")))")
            }
        }
        for name in templates where library[name]?.partialExpansions(in: library, limit: Self.partialLimit) == nil {
            throw TemplateError(
                template: sources[name] ?? name,
                message: "the template includes more than \(Self.partialLimit) partials through its partials")
        }
        self.library = library
    }

    /// Mustache leaves an unknown partial empty without a word; benchsite names it instead.
    /// (Templates that change the delimiters with `{{=<% %>=}}` are checked with the default ones.)
    static func checkPartials(in text: String, template: String, known: Set<String>) throws {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for tag in line.ranges(of: "{{>") {
                guard let close = line[tag.upperBound...].range(of: "}}") else { continue }
                let name = line[tag.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                guard !known.contains(name) else { continue }
                throw TemplateError(
                    template: template,
                    message:
                        "the template includes a partial \"\(name)\" that does not exist (partials: \(known.sorted().joined(separator: ", ")))",
                    line: offset + 1, column: line.distance(from: line.startIndex, to: tag.lowerBound) + 1)
            }
        }
    }

    /// Renders a template with its typed context.
    func render(_ name: String, _ context: some TemplateContext) throws -> String {
        guard let template = library[name] else { throw TemplateError(template: name, message: "no such template") }
        let text = template.render(context, library: library)
        observer?(name, context, text)
        return text
    }

    /// The theme's stylesheet, and the rules of the table cells' alignment classes (a theme's own
    /// stylesheet need not know them: `MarkdownRenderer.alignedCells`).
    public var stylesheet: String {
        (files["style.css"] ?? "") + "\n/* benchsite: table cells aligned by class */\n"
            + MarkdownRenderer.alignmentRules
            + "\n"
    }

    /// The script every page inlines (`benchsite.js`: a filter box over long tables); nil when the
    /// theme's is empty. Pages are complete without it, and it loads nothing.
    public var script: String? {
        guard let text = files["benchsite.js"], !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }
}
