import Foundation
import Mustache

/// The templates and stylesheet that give the site its look.
///
/// The default theme is the top-level `templates/` folder, compiled into the executable
/// (`DefaultTheme.swift`, written by `scripts/embed-templates.py`) so a copied binary works alone.
/// A user's folder overrides any file by name.
public struct Theme: Sendable {
    /// Template files by name (`layout.html`, `index.md`, ...).
    public private(set) var files: [String: String]
    let library: MustacheLibrary

    public struct TemplateError: Error, CustomStringConvertible {
        public var template: String
        public var message: String
        public var line: Int?
        public var column: Int?
        public var description: String {
            var location = template
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            return "\(location): error: \(message)"
        }
    }

    /// Markdown templates escape `{{values}}` for Markdown; `{{{values}}}` are Markdown fragments
    /// benchsite already made safe (links, chart references, formatted cells).
    static let markdownContentType: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    public static let templateNames = ["layout.html", "index.md", "run.md", "model.md", "runs.md", "models.md", "compare.md", "single.html", "style.css"]

    /// The built-in theme.
    public static func builtIn() throws -> Theme {
        try Theme(files: DefaultTheme.files)
    }

    /// The built-in theme with the files of `directory` replacing those of the same name.
    public static func loading(overridesFrom directory: String?) throws -> Theme {
        var files = DefaultTheme.files
        if let directory {
            let fm = FileManager.default
            guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
                throw TemplateError(template: directory, message: "cannot read the templates folder")
            }
            for name in names.sorted() where templateNames.contains(name) {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw TemplateError(template: path, message: "cannot read the template as UTF-8 text")
                }
                files[name] = text
            }
        }
        return try Theme(files: files)
    }

    init(files: [String: String]) throws {
        _ = Self.markdownContentType
        self.files = files
        var library = MustacheLibrary()
        for name in files.keys.sorted() where name.hasSuffix(".md") || name.hasSuffix(".html") {
            var text = files[name]!
            let isMarkdown = name.hasSuffix(".md")
            if isMarkdown { text = "{{% CONTENT_TYPE: MARKDOWN }}\n" + text }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(
                    template: name, message: "cannot parse the template: \(error.error)", line: error.context.lineNumber - (isMarkdown ? 1 : 0),
                    column: error.context.columnNumber)
            } catch {
                throw TemplateError(template: name, message: "cannot parse the template: \(error)")
            }
        }
        self.library = library
    }

    /// Renders a template with a context (dictionaries, arrays and strings).
    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw TemplateError(template: name, message: "no such template")
        }
        return text
    }

    public var stylesheet: String { files["style.css"] ?? "" }
}

struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        MarkdownText.escapeInline(text)
    }
}
