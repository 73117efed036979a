/// A template's variables as a typed value. Each context lists its variables once, as key paths
/// with what they hold (`variables`); the template engine (`PageTemplate`) reads them through that
/// list (no reflection, no casts), and the README's variable table is generated from the same list
/// (`TemplateContextDocumentation`), so the two cannot drift apart.
protocol TemplateContext: Sendable {
    static var variables: TemplateVariables<Self> { get }
}

/// One variable of a template context: its name in the template, where its value is, and what it
/// holds (for the README; empty when the name says it all).
struct TemplateVariable<Context>: @unchecked Sendable {
    let name: String
    let path: PartialKeyPath<Context>
    let note: String
    /// The value as the engine sees it; nil when it is missing (an optional that is nil).
    let value: (Context) -> TemplateValue?

    private init(
        _ name: String, _ path: PartialKeyPath<Context>, _ note: String, value: @escaping (Context) -> TemplateValue?
    ) {
        self.name = name
        self.path = path
        self.note = note
        self.value = value
    }

    init(_ name: String, _ path: KeyPath<Context, String>, _ note: String = "") {
        self.init(name, path, note) { .text($0[keyPath: path]) }
    }

    init(_ name: String, _ path: KeyPath<Context, String?>, _ note: String = "") {
        self.init(name, path, note) { $0[keyPath: path].map { .text($0) } }
    }

    init(_ name: String, _ path: KeyPath<Context, Int>, _ note: String = "") {
        self.init(name, path, note) { .text(String($0[keyPath: path])) }
    }

    init(_ name: String, _ path: KeyPath<Context, Int?>, _ note: String = "") {
        self.init(name, path, note) { $0[keyPath: path].map { .text(String($0)) } }
    }

    init(_ name: String, _ path: KeyPath<Context, Bool>, _ note: String = "") {
        self.init(name, path, note) { .bool($0[keyPath: path]) }
    }

    init<T: TemplateContext>(_ name: String, _ path: KeyPath<Context, T>, _ note: String = "") {
        self.init(name, path, note) { .context($0[keyPath: path]) }
    }

    init<T: TemplateContext>(_ name: String, _ path: KeyPath<Context, T?>, _ note: String = "") {
        self.init(name, path, note) { $0[keyPath: path].map { .context($0) } }
    }

    init<T: TemplateContext>(_ name: String, _ path: KeyPath<Context, [T]>, _ note: String = "") {
        self.init(name, path, note) { .list($0[keyPath: path]) }
    }

    /// What the template sees: a list, a section (a context, or a value that may be missing), or a value.
    var valueType: Any.Type { type(of: path).valueType }
}

/// A context's variables in their documented order, with a table by name for the engine's lookups.
/// Written as an array literal in each context's `static let`, so it is built once per type.
struct TemplateVariables<Context>: ExpressibleByArrayLiteral, Sequence, @unchecked Sendable {
    let list: [TemplateVariable<Context>]
    let byName: [String: TemplateVariable<Context>]

    init(arrayLiteral elements: TemplateVariable<Context>...) {
        list = elements
        byName = Dictionary(elements.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func makeIterator() -> IndexingIterator<[TemplateVariable<Context>]> { list.makeIterator() }
}

extension TemplateContext {
    /// The variable `name`'s value, nil when the context has no such variable or it is missing.
    func templateValue(_ name: String) -> TemplateValue? {
        guard let variable = Self.variables.byName[name] else { return nil }
        return variable.value(self)
    }
}

/// The README's table of template variables, generated from the contexts.
public enum TemplateContextDocumentation {
    /// `name`; `list[]` = (`item`, …); `section{}` = (…); a note after a dash. Top-level variables are
    /// separated by `;`, nested ones by `,`.
    static func describe<Context: TemplateContext>(
        _ type: Context.Type, skipping: Set<String> = [], separator: String = "; "
    ) -> String {
        Context.variables.filter { !skipping.contains($0.name) }.map { variable in
            let note = variable.note.isEmpty ? "" : " – \(variable.note)"
            if let nested = variable.valueType as? any DocumentedList.Type {
                return "`\(variable.name)[]` = (\(nested.elementDescription))\(note)"
            }
            if let nested = variable.valueType as? any DocumentedSection.Type {
                return "`\(variable.name){}` = (\(nested.sectionDescription))\(note)"
            }
            if let nested = variable.valueType as? any TemplateContext.Type {
                return "`\(variable.name){}` = (\(describe(nested, separator: ", ")))\(note)"
            }
            return "`\(variable.name)`\(note)"
        }.joined(separator: separator)
    }

    /// The Markdown table of every template and its variables.
    public static var markdownTable: String {
        var rows = ["| template | variables |", "|---|---|"]
        for (template, description) in templates {
            rows.append("| `\(template)` | \(description) |")
        }
        return rows.joined(separator: "\n")
    }

    static var templates: [(String, String)] {
        let common: Set<String> = ["siteTitle", "root"]
        return [
            ("layout.html", describe(LayoutContext.self, skipping: common)),
            ("index.md", describe(OverviewContext.self, skipping: common)),
            ("run.md", describe(RunPageContext.self, skipping: common)),
            ("model.md", describe(ModelPageContext.self, skipping: common)),
            ("runs.md", describe(RunsIndexContext.self, skipping: common)),
            ("models.md", describe(ModelsIndexContext.self, skipping: common)),
            ("compare.md", describe(ComparePageContext.self, skipping: common)),
            ("methods.md", describe(MethodsContext.self, skipping: common)),
            ("single.html", describe(SingleFileContext.self, skipping: common)),
        ]
    }
}

/// A list of contexts, documented as its element's variables.
protocol DocumentedList {
    static var elementDescription: String { get }
}

extension Array: DocumentedList where Element: TemplateContext {
    static var elementDescription: String { TemplateContextDocumentation.describe(Element.self, separator: ", ") }
}

/// A context that may be missing, documented as its variables.
protocol DocumentedSection {
    static var sectionDescription: String { get }
}

extension Optional: DocumentedSection where Wrapped: TemplateContext {
    static var sectionDescription: String { TemplateContextDocumentation.describe(Wrapped.self, separator: ", ") }
}
