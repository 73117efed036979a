/// A Mustache template (`templates/*.md`, `layout.html`, a user's overrides and partials), parsed once
/// and rendered with a typed context (`TemplateContext`).
///
/// benchsite's own engine, written for speed: a context's variables are read through the list each
/// context type declares (`TemplateVariable`: no reflection, no dynamic casts), where the general
/// engine it replaces spent a quarter of a build of a thousand run pages casting values. It reads
/// Mustache as swift-mustache 2 does, so templates written for benchsite before render the same:
/// variables (`{{name}}` escaped for the template's content, `{{{name}}}` and `{{&name}}` as they
/// are), sections and inverted sections, dotted names, `{{.}}`, comments, partials (with the
/// indentation of a standalone partial), `{{=<% %>=}}` delimiters and the `{{% CONTENT_TYPE: X }}`
/// pragma (HTML, TEXT, MARKDOWN); standalone tags take their line with them. A name not found in
/// the innermost context is looked up in the enclosing ones (a missing optional too). Transforms
/// (`{{uppercased(name)}}`) and template inheritance (`{{<parent}}`, `{{$block}}`) are errors.
/// `PageTemplateTests` renders every page of real sites through both engines and compares.
struct PageTemplate: Sendable {
    enum ContentType: Sendable {
        case html, text, markdown

        func escape(_ text: String) -> String {
            switch self {
            case .text: return text
            case .markdown: return MarkdownText.escapeInline(text)
            case .html: return PageTemplate.escapeHTML(text)
            }
        }
    }

    /// A variable's name: its dotted parts; `.` alone is the current context; a leading dot looks only
    /// in the current context.
    struct Name: Sendable, Equatable {
        var parts: [TemplateName]
        var isCurrent: Bool
        var currentOnly: Bool

        init(_ text: String) {
            isCurrent = text == "."
            currentOnly = !isCurrent && text.hasPrefix(".")
            parts = text.split(separator: ".").map { TemplateName(String($0)) }
        }
    }

    indirect enum Token: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, [Token], inverted: Bool)
        case partial(String, indentation: String?)
        case contentType(ContentType)
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var line: Int
        var column: Int
        var description: String { message }
    }

    let tokens: [Token]

    init(_ text: String) throws {
        var parser = Parser(Array(text))
        do {
            tokens = try parser.parse(section: nil)
        } catch let error as Parser.Failure {
            let (line, column) = parser.location(of: error.position)
            throw ParseError(message: error.message, line: line, column: column)
        }
    }

    /// The partials this template names, anywhere in it.
    var partialNames: [String] {
        func names(_ tokens: [Token]) -> [String] {
            tokens.flatMap { token -> [String] in
                switch token {
                case .partial(let name, _): return [name]
                case .section(_, let inner, _): return names(inner)
                default: return []
                }
            }
        }
        return names(tokens)
    }

    /// How many partials rendering this template includes, counting a partial included twice twice
    /// (sections counted once): a chain of partials each including the next twice doubles at every
    /// step. Nil past `limit`. Call only on templates without a cycle (`partialCycle`).
    func partialExpansions(in library: [String: PageTemplate], limit: Int) -> Int? {
        var known: [String: Int] = [:]
        func count(_ template: PageTemplate) -> Int? {
            var total = 0
            for partial in template.partialNames {
                guard let next = library[partial] else { continue }
                if known[partial] == nil {
                    guard let inner = count(next) else { return nil }
                    known[partial] = inner
                }
                total += 1 + (known[partial] ?? 0)
                if total > limit { return nil }
            }
            return total
        }
        return count(self)
    }

    /// A chain of partials from `name` back to itself, when there is one (it would render forever).
    func partialCycle(from name: String, in library: [String: PageTemplate]) -> [String]? {
        var visiting: [String] = []
        var done = Set<String>()
        func visit(_ current: String, _ template: PageTemplate) -> [String]? {
            if let start = visiting.firstIndex(of: current) { return Array(visiting[start...]) + [current] }
            guard !done.contains(current) else { return nil }
            visiting.append(current)
            defer {
                visiting.removeLast()
                done.insert(current)
            }
            for partial in template.partialNames {
                guard let next = library[partial] else { continue }
                if let cycle = visit(partial, next) { return cycle }
            }
            return nil
        }
        return visit(name, self)
    }

    // MARK: - Rendering

    /// What a section pushed: a context, or any other value (a string) whose variables are none.
    enum Frame {
        case context(any TemplateContext)
        case other(String)
    }

    /// Renders with `context` as the outermost context; partials come from `library`.
    func render(_ context: some TemplateContext, library: [String: PageTemplate]) -> String {
        var stack: [Frame] = [.context(context)]
        var out = ""
        render(tokens, stack: &stack, contentType: .html, indentation: nil, library: library, into: &out)
        return out
    }

    /// Appends the tokens' text to `out`, sections and partials included (no string of their own). A
    /// partial's indentation starts each line of its output: each piece that follows a line feed the
    /// same call wrote (what this call wrote starts at `start`).
    private func render(
        _ tokens: [Token], stack: inout [Frame], contentType: ContentType, indentation: String?,
        library: [String: PageTemplate], into out: inout String
    ) {
        let start = out.utf8.count
        var contentType = contentType
        let indenting = indentation.map { !$0.isEmpty } ?? false
        for token in tokens {
            let before = out.utf8.count
            switch token {
            case .text(let text):
                out += text
            case .variable(let name, let escaped):
                guard let value = Self.lookup(name, in: stack) else { continue }
                let text: String
                switch value {
                case .text(let string): text = string
                case .bool(let flag): text = flag ? "true" : "false"
                // A list or a context has no text of its own: `{{.}}` inside `{{#runs}}` prints
                // nothing rather than a dump of the page's internals.
                case .list, .context: continue
                }
                out += escaped ? contentType.escape(text) : text
            case .section(let name, let inner, let inverted):
                let value = Self.lookup(name, in: stack)
                func renderInner(_ frame: Frame?) {
                    if let frame { stack.append(frame) }
                    defer { if frame != nil { stack.removeLast() } }
                    render(
                        inner, stack: &stack, contentType: contentType, indentation: indentation, library: library,
                        into: &out)
                }
                switch (value, inverted) {
                case (nil, false): break
                case (nil, true): renderInner(nil)
                case (.bool(let flag), _): if flag != inverted { renderInner(nil) }
                case (.list(let items), false):
                    for item in items { renderInner(.context(item)) }
                case (.list(let items), true): if items.isEmpty { renderInner(.other("[]")) }
                case (.context(let context), false): renderInner(.context(context))
                case (.text(let text), false): renderInner(.other(text))
                case (.context, true), (.text, true): break
                }
            case .partial(let name, let indented):
                guard let partial = library[name] else { continue }
                let inner = indented.map { (indentation ?? "") + $0 } ?? indentation
                render(
                    partial.tokens, stack: &stack, contentType: .html, indentation: inner, library: library, into: &out)
            case .contentType(let type):
                contentType = type
                continue
            }
            // What the token wrote (text, a variable, a section's or partial's output, written in
            // place) is indented as one piece when what this call wrote before it ends a line.
            if indenting, out.utf8.count > before, Self.endsWithLineFeed(out, from: start, upTo: before) {
                out.insert(contentsOf: indentation ?? "", at: out.utf8.index(out.startIndex, offsetBy: before))
            }
        }
    }

    /// Whether `text[from..<upTo]` (UTF-8 offsets) ends with a line feed character (not a CR LF
    /// pair, which is one character).
    private static func endsWithLineFeed(_ text: String, from start: Int, upTo end: Int) -> Bool {
        let utf8 = text.utf8
        guard end > start, utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == 0x0A else { return false }
        return end - 1 == start || utf8[utf8.index(utf8.startIndex, offsetBy: end - 2)] != 0x0D
    }

    /// The value of `name`: its first part from the innermost context that has it (or only the
    /// current one), the rest from that value.
    static func lookup(_ name: Name, in stack: [Frame]) -> TemplateValue? {
        guard let top = stack.last else { return nil }
        // `.`, and a name of no parts (`{{ }}`, `{{..}}`), is the current value.
        if name.isCurrent || name.parts.isEmpty {
            switch top {
            case .context(let context): return .context(context)
            case .other(let text): return .text(text)
            }
        }
        guard let first = name.parts.first else { return nil }
        var value: TemplateValue?
        if name.currentOnly {
            value = child(first, of: top)
        } else {
            // By index, innermost first: iterating `reversed()` copies every frame it passes.
            var index = stack.count
            while value == nil && index > 0 {
                index -= 1
                value = child(first, of: stack[index])
            }
        }
        for part in name.parts.dropFirst() {
            guard case .context(let context) = value else { return nil }
            value = context.templateValue(part)
        }
        return value
    }

    private static func child(_ name: TemplateName, of frame: Frame) -> TemplateValue? {
        guard case .context(let context) = frame else { return nil }
        return context.templateValue(name)
    }

    /// `<`, `>`, `&`, `"` and `'` as entities, character by character (a character is a grapheme
    /// cluster: `<` followed by a combining mark is another character), as swift-mustache escaped
    /// HTML; ASCII text byte by byte.
    static func escapeHTML(_ text: String) -> String {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        }
        if plain == true { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// What a template variable holds, as the engine sees it.
enum TemplateValue {
    case text(String)
    case bool(Bool)
    case list([any TemplateContext])
    case context(any TemplateContext)
}

// MARK: - Parsing

extension PageTemplate {
    /// Reads a template character by character (a character is a grapheme cluster: CR LF is one).
    struct Parser {
        struct Failure: Error {
            var message: String
            var position: Int
        }

        let characters: [Character]
        var position = 0
        var open: [Character] = ["{", "{"]
        var close: [Character] = ["}", "}"]
        /// At the start of a line (after its leading spaces and tabs): a tag here may stand alone.
        var newLine = true
        /// Where the tag being read began (its opening delimiter), for errors about it.
        var tagStart = 0
        /// The sections open around the current position: their names and where their tags began.
        var openSections: [(name: String, start: Int)] = []
        /// Sections nested deeper than this are an error (the parser and the renderer recurse per level).
        static let deepestNesting = 256

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool { position >= characters.count }
        var current: Character { atEnd ? "\0" : characters[position] }

        func failure(_ message: String, at position: Int? = nil) -> Failure {
            Failure(message: message, position: position ?? self.position)
        }

        /// Line and column (from 1) of a position, for error messages: a line ends at a line feed,
        /// a CR LF (one character) or a lone CR.
        func location(of position: Int) -> (line: Int, column: Int) {
            let position = min(position, characters.count)
            var lineStart = position
            while lineStart > 0 && !characters[lineStart - 1].isNewline { lineStart -= 1 }
            let line = characters[..<lineStart].filter(\.isNewline).count + 1
            return (line, position - lineStart + 1)
        }

        mutating func skip(while predicate: (Character) -> Bool) -> String {
            let start = position
            while !atEnd && predicate(characters[position]) { position += 1 }
            return String(characters[start..<position])
        }

        /// Reads `text` when it comes next.
        mutating func read(_ text: [Character]) -> Bool {
            guard position + text.count <= characters.count,
                characters[position..<(position + text.count)].elementsEqual(text)
            else { return false }
            position += text.count
            return true
        }

        static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        static let partialCharacters = nameCharacters.union(["/"])

        /// The tokens up to the end, or up to the close of the section `section`.
        mutating func parse(section: String?) throws -> [Token] {
            var tokens: [Token] = []
            var indent = ""
            while !atEnd {
                if newLine { indent = skip { $0 == " " || $0 == "\t" } }
                let text = textUntilTagOrLineEnd()
                // A line's end (or an opening delimiter right before one, which is dropped).
                if current.isNewline {
                    tokens.append(.text(indent + text + String(current)))
                    newLine = true
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    tokens.append(.text(indent + text))
                    indent = ""
                    newLine = false
                }
                if atEnd { break }
                // A tag: its opening delimiter is read.
                tagStart = position - open.count
                func flushIndent() {
                    if !indent.isEmpty { tokens.append(.text(indent)) }
                    indent = ""
                }
                var standalone = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    position += 1
                    let name = try readName()
                    standalone = isStandalone()
                    if !standalone { flushIndent() }
                    guard openSections.count < Self.deepestNesting else {
                        throw failure("sections nested more than \(Self.deepestNesting) deep", at: tagStart)
                    }
                    // The section's delimiters are its own (a change inside it ends with it).
                    let (outerOpen, outerClose) = (open, close)
                    newLine = standalone
                    openSections.append((name, tagStart))
                    let inner = try parse(section: name)
                    openSections.removeLast()
                    (open, close) = (outerOpen, outerClose)
                    tokens.append(.section(Name(name), inner, inverted: inverted))
                case "/":
                    position += 1
                    let start = position
                    let name = try readName()
                    guard name == section else {
                        throw failure(
                            section.map {
                                "{{/\(name)}} closes a section that is not open here (the open one is {{#\($0)}})"
                            }
                                ?? "{{/\(name)}} closes a section that is not open", at: start)
                    }
                    if !isStandalone() { flushIndent() }
                    return tokens
                case "!":
                    position += 1
                    try readComment()
                    standalone = isStandalone()
                case "{":
                    flushIndent()
                    position += 1
                    let name = try readName()
                    guard current == "}" else { throw failure("expected } after {{{\(name)}}", at: tagStart) }
                    position += 1
                    tokens.append(.variable(Name(name), escaped: false))
                case "&":
                    flushIndent()
                    position += 1
                    tokens.append(.variable(Name(try readName()), escaped: false))
                case ">":
                    position += 1
                    _ = skip(while: \.isWhitespace)
                    if current == "*" { throw failure("dynamic partials ({{>*name}}) are not supported") }
                    let name = skip { Self.partialCharacters.contains($0) }
                    _ = skip(while: \.isWhitespace)
                    guard read(close) else {
                        throw failure("the partial's name is not closed by \(String(close))", at: tagStart)
                    }
                    if !indent.isEmpty { tokens.append(.text(indent)) }
                    standalone = isStandalone()
                    tokens.append(.partial(name, indentation: standalone ? indent : nil))
                    indent = ""
                case "<", "$":
                    throw failure("template inheritance ({{<parent}}, {{$block}}) is not supported")
                case "=":
                    position += 1
                    try readDelimiters()
                    standalone = isStandalone()
                case "%":
                    position += 1
                    tokens.append(.contentType(try readPragma()))
                    standalone = isStandalone()
                default:
                    flushIndent()
                    tokens.append(.variable(Name(try readName()), escaped: true))
                }
                newLine = standalone
            }
            if let section {
                throw failure("the section {{#\(section)}} is not closed", at: openSections.last?.start)
            }
            return tokens
        }

        /// Text up to a line feed (not read) or a tag's opening delimiter (read), or the end.
        mutating func textUntilTagOrLineEnd() -> String {
            var text = ""
            let start = open[0]
            while !atEnd {
                let character = characters[position]
                if character == "\n" || character == "\r\n" { break }
                if character == start {
                    if read(open) { break }
                    position += 1
                } else {
                    position += 1
                }
                text.append(character)
            }
            return text
        }

        /// Whether the tag just read stands alone on its line: it began one and only spaces or tabs
        /// follow it to the line's end, which is then read.
        mutating func isStandalone() -> Bool {
            guard newLine else { return false }
            if atEnd { return true }
            var probe = position
            while probe < characters.count && (characters[probe] == " " || characters[probe] == "\t") { probe += 1 }
            guard probe < characters.count, characters[probe].isNewline else { return false }
            position = probe + 1
            return true
        }

        /// A variable or section name and the closing delimiter.
        mutating func readName() throws -> String {
            _ = skip(while: \.isWhitespace)
            let name = skip { Self.nameCharacters.contains($0) }
            _ = skip(while: \.isWhitespace)
            guard read(close) else {
                throw failure("the tag is not closed by \(String(close)) where expected", at: tagStart)
            }
            if name.contains("(") || name.contains(")") {
                throw failure("transforms ({{function(name)}}) are not supported: \(name)")
            }
            return name
        }

        mutating func readComment() throws {
            while !atEnd {
                if read(close) { return }
                position += 1
            }
            throw failure("a comment is not closed by \(String(close))", at: tagStart)
        }

        /// `{{=<% %>=}}`: new opening and closing delimiters.
        mutating func readDelimiters() throws {
            let start = position
            _ = skip(while: \.isWhitespace)
            let opening = skip { !$0.isWhitespace }
            _ = skip(while: \.isWhitespace)
            let closing = skip { $0 != "=" && !$0.isWhitespace }
            _ = skip(while: \.isWhitespace)
            guard !atEnd, current == "=", !opening.isEmpty, !closing.isEmpty else {
                throw failure("a delimiter change is written {{=<% %>=}}", at: start)
            }
            position += 1
            guard read(close) else { throw failure("a delimiter change is written {{=<% %>=}}", at: start) }
            open = Array(opening)
            close = Array(closing)
        }

        /// `{{% CONTENT_TYPE: MARKDOWN }}`: how the rest of the template escapes `{{values}}`.
        mutating func readPragma() throws -> ContentType {
            let start = position
            let nameCharacters = Self.nameCharacters.subtracting(["(", ")"])
            _ = skip(while: \.isWhitespace)
            let name = skip { nameCharacters.contains($0) }
            _ = skip(while: \.isWhitespace)
            guard current == ":" else { throw failure("a pragma is written {{% CONTENT_TYPE: HTML }}", at: start) }
            position += 1
            _ = skip(while: \.isWhitespace)
            let value = skip { nameCharacters.contains($0) }
            _ = skip(while: \.isWhitespace)
            guard read(close), !name.isEmpty, !value.isEmpty else {
                throw failure("a pragma is written {{% CONTENT_TYPE: HTML }}", at: start)
            }
            guard name == "CONTENT_TYPE" else { throw failure("unknown pragma \(name)", at: start) }
            switch value {
            case "HTML": return .html
            case "TEXT": return .text
            case "MARKDOWN": return .markdown
            default: throw failure("unknown content type \(value) (HTML, TEXT or MARKDOWN)", at: start)
            }
        }
    }
}
