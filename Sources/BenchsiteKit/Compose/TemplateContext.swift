/// A template's variables as a typed value. Each context lists its variables once, as key paths
/// with what they hold (`variables`); the template engine (`PageTemplate`) reads them through that
/// list (no reflection, no casts), and the README's variable table is generated from the same list
/// (`TemplateContextDocumentation`), so the two cannot drift apart.
protocol TemplateContext: Sendable {
    static var variables: TemplateVariables<Self> { get }
    /// The variable `name`'s value, nil when the context has no such variable or it is missing.
    /// A requirement (with the one implementation below), so that each context type's witness
    /// reads its own table, typed: the engine holds contexts as `any TemplateContext`.
    func templateValue(_ name: TemplateName) -> TemplateValue?
}

/// A variable's name (one part of a dotted name) with its hash, computed once when the template is
/// parsed (`ContentHash`): the engine looks up every variable of every page, and hashing each name
/// again (Swift's seeded SipHash, through a dictionary) was a third of the lookups' time.
struct TemplateName: Sendable, Equatable {
    let text: String
    let hash: Int

    init(_ text: String) {
        self.text = text
        hash = Int(truncatingIfNeeded: ContentHash.of(Array(text.utf8)))
    }
}

/// One variable of a template context: its name in the template, how its value is read, and what
/// it holds (for the README; empty when the name says it all). Declared with a key path literal
/// (`\.title`), taken as a function so that reading it is a plain property access.
struct TemplateVariable<Context>: @unchecked Sendable {
    let name: String
    let note: String
    /// What the template sees: a list, a section (a context, or a value that may be missing), or a value.
    let valueType: Any.Type
    /// The value as the engine sees it; nil when it is missing (an optional that is nil).
    let value: (Context) -> TemplateValue?

    private init(
        _ name: String, _ valueType: Any.Type, _ note: String, value: @escaping (Context) -> TemplateValue?
    ) {
        self.name = name
        self.valueType = valueType
        self.note = note
        self.value = value
    }

    init(_ name: String, _ get: @escaping (Context) -> String, _ note: String = "") {
        self.init(name, String.self, note) { .text(get($0)) }
    }

    init(_ name: String, _ get: @escaping (Context) -> String?, _ note: String = "") {
        self.init(name, String?.self, note) { get($0).map { .text($0) } }
    }

    init(_ name: String, _ get: @escaping (Context) -> Int, _ note: String = "") {
        self.init(name, Int.self, note) { .text(String(get($0))) }
    }

    init(_ name: String, _ get: @escaping (Context) -> Int?, _ note: String = "") {
        self.init(name, Int?.self, note) { get($0).map { .text(String($0)) } }
    }

    init(_ name: String, _ get: @escaping (Context) -> Bool, _ note: String = "") {
        self.init(name, Bool.self, note) { .bool(get($0)) }
    }

    init<T: TemplateContext>(_ name: String, _ get: @escaping (Context) -> T, _ note: String = "") {
        self.init(name, T.self, note) { .context(get($0)) }
    }

    init<T: TemplateContext>(_ name: String, _ get: @escaping (Context) -> T?, _ note: String = "") {
        self.init(name, T?.self, note) { get($0).map { .context($0) } }
    }

    init<T: TemplateContext>(_ name: String, _ get: @escaping (Context) -> [T], _ note: String = "") {
        self.init(name, [T].self, note) { .list(get($0)) }
    }
}

/// A context's variables in their documented order, with a table by name for the engine's lookups.
/// Written as an array literal in each context's `static let`, so it is built once per type.
final class TemplateVariables<Context>: ExpressibleByArrayLiteral, Sequence, @unchecked Sendable {
    let list: [TemplateVariable<Context>]
    /// Each variable's getter by name: an open-addressing table indexed by `TemplateName.hash`
    /// (names empty where a slot is free; a table twice the variables' count, or more).
    private let names: [String]
    private let getters: [(Context) -> TemplateValue?]
    private let mask: Int

    init(arrayLiteral elements: TemplateVariable<Context>...) {
        list = elements
        var capacity = 4
        while capacity < elements.count * 2 { capacity *= 2 }
        var names = [String](repeating: "", count: capacity)
        var getters = [(Context) -> TemplateValue?](repeating: { _ in nil }, count: capacity)
        for variable in elements where !variable.name.isEmpty {
            var slot = TemplateName(variable.name).hash & (capacity - 1)
            while !names[slot].isEmpty && names[slot] != variable.name { slot = (slot + 1) & (capacity - 1) }
            // The first of two variables of one name is the one read.
            guard names[slot].isEmpty else { continue }
            names[slot] = variable.name
            getters[slot] = variable.value
        }
        self.names = names
        self.getters = getters
        mask = capacity - 1
    }

    /// The variable `name` of `context`, nil when there is none or it is missing.
    @inline(__always)
    func value(_ name: TemplateName, of context: Context) -> TemplateValue? {
        var slot = name.hash & mask
        while true {
            if names[slot] == name.text { return getters[slot](context) }
            if names[slot].isEmpty { return nil }
            slot = (slot + 1) & mask
        }
    }

    func makeIterator() -> IndexingIterator<[TemplateVariable<Context>]> { list.makeIterator() }
}

extension TemplateContext {
    /// Inlined into each context type's witness, where `Self` is known: a page's every variable is
    /// read through here, and the generic form asked the runtime for the table's types each time.
    @inline(__always)
    func templateValue(_ name: TemplateName) -> TemplateValue? {
        Self.variables.value(name, of: self)
    }

    /// The variable `name` (tests and tools; the engine passes names hashed when it parsed them).
    func templateValue(_ name: String) -> TemplateValue? { templateValue(TemplateName(name)) }
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
