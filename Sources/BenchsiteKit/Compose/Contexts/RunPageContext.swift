/// `run.md`: one run.
struct RunPageContext: TemplateContext {
    var siteTitle: String
    var root: String
    var title: String
    /// The results tables' first column: `Model`, `Command`, `Benchmark`, `Test`.
    var subjectHeader = "Model"
    /// `model`, `command`, `benchmark`, `test`.
    var subjectNoun = "model"
    var previous: LinkContext? = nil
    var next: LinkContext? = nil
    /// What this run changed, first on the page.
    var verdict: RunVerdictContext? = nil
    var metadata: [KeyValueContext] = []
    var configuration: [KeyValueContext] = []
    var hasConfiguration: Bool { !configuration.isEmpty }
    var notes: [ItemContext] = []
    var hasNotes: Bool { !notes.isEmpty }
    var sourceNotes: [ItemContext] = []
    var scenarios: [RunScenario] = []
    var failures: [FailureContext] = []
    var hasFailures: Bool { !failures.isEmpty }
    var outputs: [OutputContext] = []
    var hasOutputs: Bool { !outputs.isEmpty }

    static let variables: TemplateVariables<RunPageContext> = [
        TemplateVariable("siteTitle", \.siteTitle),
        TemplateVariable("root", \.root),
        TemplateVariable("title", \.title),
        TemplateVariable("subjectHeader", \.subjectHeader),
        TemplateVariable("subjectNoun", \.subjectNoun),
        TemplateVariable("previous", \.previous),
        TemplateVariable("next", \.next),
        TemplateVariable("verdict", \.verdict),
        TemplateVariable("metadata", \.metadata),
        TemplateVariable("configuration", \.configuration),
        TemplateVariable("hasConfiguration", \.hasConfiguration),
        TemplateVariable("notes", \.notes),
        TemplateVariable("hasNotes", \.hasNotes),
        TemplateVariable("sourceNotes", \.sourceNotes),
        TemplateVariable("scenarios", \.scenarios),
        TemplateVariable("failures", \.failures),
        TemplateVariable("hasFailures", \.hasFailures),
        TemplateVariable("outputs", \.outputs),
        TemplateVariable("hasOutputs", \.hasOutputs),
    ]
}

/// One scenario of a run.
struct RunScenario: TemplateContext {
    var heading: String
    var caption: String
    var columns: [ColumnContext] = []
    var rows: [RunRow] = []
    /// Whether a row has a count of requests or failures (the `n` and `Failed` columns): a tool that
    /// reported only its figures (asv, pyperf, Google Benchmark) has none.
    var hasCounts = true
    var distribution: String? = nil
    var ecdf: String? = nil
    var ttftDistribution: String? = nil
    var otherColumns: [ColumnContext] = []
    var otherMetrics: [OtherMetricRow] = []
    var hasOtherMetrics: Bool { !otherMetrics.isEmpty }
    /// Set when the other metrics' table is long: it is folded behind this summary.
    var otherMetricsFolded: FoldContext? = nil
    var promptLatencyUnit: String
    var promptTTFTUnit: String
    var prompts: [PromptRow] = []
    var hasPrompts: Bool { !prompts.isEmpty }
    /// Set when the per-prompt table is long: it is folded behind this summary.
    var promptsFolded: FoldContext? = nil

    static let variables: TemplateVariables<RunScenario> = [
        TemplateVariable("heading", \.heading),
        TemplateVariable("caption", \.caption),
        TemplateVariable("columns", \.columns),
        TemplateVariable("rows", \.rows),
        TemplateVariable("hasCounts", \.hasCounts, "whether a row has a count of requests or failures"),
        TemplateVariable("distribution", \.distribution),
        TemplateVariable("ecdf", \.ecdf),
        TemplateVariable("ttftDistribution", \.ttftDistribution),
        TemplateVariable("otherColumns", \.otherColumns),
        TemplateVariable("otherMetrics", \.otherMetrics),
        TemplateVariable("hasOtherMetrics", \.hasOtherMetrics),
        TemplateVariable("otherMetricsFolded", \.otherMetricsFolded, "when the table is long"),
        TemplateVariable(
            "promptLatencyUnit", \.promptLatencyUnit,
            "` (ms)` when the column shares a unit, else empty: each figure carries its own"),
        TemplateVariable("promptTTFTUnit", \.promptTTFTUnit),
        TemplateVariable("prompts", \.prompts),
        TemplateVariable("hasPrompts", \.hasPrompts),
        TemplateVariable("promptsFolded", \.promptsFolded, "when the table is long"),
    ]
}

/// A long table of a run page folded behind a summary (`<details>`: open without JavaScript too).
struct FoldContext: TemplateContext {
    /// `All 1000 rows: 50 models × 20 prompts`.
    var summary: String

    static let variables: TemplateVariables<FoldContext> = [
        TemplateVariable("summary", \.summary)
    ]
}

/// One subject of a run.
struct RunRow: TemplateContext {
    var model: String
    var modelLink: String
    var status: String
    var requests: String
    var failures: String
    var change: String
    var cells: [CellContext] = []
    /// The figures behind the cells of the variables below, which the default template does not
    /// show (it shows `cells`): made only when a template asks for one.
    var latency: MetricFigures?
    var timeToFirstToken: MetricFigures?
    var throughputFigures: MetricFigures?

    var mean: String { PageComposer.cell(latency, .mean) }
    var stddev: String { PageComposer.cell(latency, .stddev) }
    var min: String { PageComposer.cell(latency, .min) }
    var p50: String { PageComposer.cell(latency, .p50) }
    var p90: String { PageComposer.cell(latency, .p90) }
    var p95: String { PageComposer.cell(latency, .p95) }
    var p99: String { PageComposer.cell(latency, .p99) }
    var max: String { PageComposer.cell(latency, .max) }
    var ttft: String { PageComposer.headlineCell(timeToFirstToken) }
    var throughput: String { PageComposer.headlineCell(throughputFigures) }

    static let variables: TemplateVariables<RunRow> = [
        TemplateVariable("model", \.model),
        TemplateVariable("modelLink", \.modelLink),
        TemplateVariable("status", \.status),
        TemplateVariable("requests", \.requests),
        TemplateVariable("failures", \.failures),
        TemplateVariable("mean", \.mean),
        TemplateVariable("stddev", \.stddev),
        TemplateVariable("min", \.min),
        TemplateVariable("p50", \.p50),
        TemplateVariable("p90", \.p90),
        TemplateVariable("p95", \.p95),
        TemplateVariable("p99", \.p99),
        TemplateVariable("max", \.max),
        TemplateVariable("ttft", \.ttft),
        TemplateVariable("throughput", \.throughput),
        TemplateVariable("change", \.change),
        TemplateVariable("cells", \.cells),
    ]
}

/// A metric besides the main ones (CPU time, memory, a value).
struct OtherMetricRow: TemplateContext {
    var model: String
    var metric: String
    var unit: String
    var n: String
    var mean: String
    var p50: String
    var p95: String
    var p99: String
    var max: String
    var cells: [CellContext] = []

    static let variables: TemplateVariables<OtherMetricRow> = [
        TemplateVariable("model", \.model),
        TemplateVariable("metric", \.metric),
        TemplateVariable("unit", \.unit),
        TemplateVariable("n", \.n),
        TemplateVariable("mean", \.mean),
        TemplateVariable("p50", \.p50),
        TemplateVariable("p95", \.p95),
        TemplateVariable("p99", \.p99),
        TemplateVariable("max", \.max),
        TemplateVariable("cells", \.cells),
    ]
}

/// One prompt of one subject.
struct PromptRow: TemplateContext {
    var model: String
    var prompt: String
    var requests: Int
    var failures: Int
    var p50: String
    var p95: String
    var ttft: String
    var throughput: String

    static let variables: TemplateVariables<PromptRow> = [
        TemplateVariable("model", \.model),
        TemplateVariable("prompt", \.prompt),
        TemplateVariable("requests", \.requests),
        TemplateVariable("failures", \.failures),
        TemplateVariable("p50", \.p50),
        TemplateVariable("p95", \.p95),
        TemplateVariable("ttft", \.ttft),
        TemplateVariable("throughput", \.throughput),
    ]
}

/// What failed for one subject.
struct FailureContext: TemplateContext {
    var model: String
    var scenario: String
    var summary: String

    static let variables: TemplateVariables<FailureContext> = [
        TemplateVariable("model", \.model),
        TemplateVariable("scenario", \.scenario),
        TemplateVariable("summary", \.summary),
    ]
}

/// A sample output of one subject.
struct OutputContext: TemplateContext {
    var model: String
    var scenario: String
    var block: String

    static let variables: TemplateVariables<OutputContext> = [
        TemplateVariable("model", \.model),
        TemplateVariable("scenario", \.scenario),
        TemplateVariable("block", \.block),
    ]
}

/// The summary at the top of a run page: its verdict against the earlier runs of each series, then
/// its regressions and improvements, change points that start at it, and failures.
struct RunVerdictContext: TemplateContext {
    /// Markdown: `**Verdict: 2 regressions, 1 improvement**` and what they are against.
    var headline: String
    var items: [ItemContext]

    static let variables: TemplateVariables<RunVerdictContext> = [
        TemplateVariable("headline", \.headline),
        TemplateVariable("items", \.items),
    ]
}
