/// One list item of Markdown.
struct ItemContext: TemplateContext {
    var item: String

    static let variables: TemplateVariables<ItemContext> = [
        TemplateVariable("item", \.item)
    ]
}

/// A row of a two-column table.
struct KeyValueContext: TemplateContext {
    var key: String
    var value: String
    /// Where the value links to (a commit on its code host, `repository:`).
    var link: String? = nil

    static let variables: TemplateVariables<KeyValueContext> = [
        TemplateVariable("key", \.key),
        TemplateVariable("value", \.value),
        TemplateVariable("link", \.link),
    ]
}

/// A figure cell of a results table.
struct CellContext: TemplateContext {
    var value: String

    static let variables: TemplateVariables<CellContext> = [
        TemplateVariable("value", \.value)
    ]
}

/// A figure column of a results table.
struct ColumnContext: TemplateContext {
    var header: String

    static let variables: TemplateVariables<ColumnContext> = [
        TemplateVariable("header", \.header)
    ]
}

/// A chart reference.
struct ChartContext: TemplateContext {
    var chart: String

    static let variables: TemplateVariables<ChartContext> = [
        TemplateVariable("chart", \.chart)
    ]
}

/// A link to another page.
struct LinkContext: TemplateContext {
    var title: String
    var link: String

    static let variables: TemplateVariables<LinkContext> = [
        TemplateVariable("title", \.title),
        TemplateVariable("link", \.link),
    ]
}

/// A run in a list of runs.
struct RunListEntry: TemplateContext {
    var title: String
    var link: String
    var date: String
    var models: Int
    var format: String
    var file: String
    var failed: Int
    var partial: Int

    static let variables: TemplateVariables<RunListEntry> = [
        TemplateVariable("title", \.title),
        TemplateVariable("link", \.link),
        TemplateVariable("date", \.date),
        TemplateVariable("models", \.models),
        TemplateVariable("format", \.format),
        TemplateVariable("file", \.file),
        TemplateVariable("failed", \.failed, "failed models"),
        TemplateVariable("partial", \.partial, "models with some failed requests"),
    ]
}
