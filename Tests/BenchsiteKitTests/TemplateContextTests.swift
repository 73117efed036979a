import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Typed template contexts")
struct TemplateContextTests {
    static let begin =
        "<!-- template variables: generated from Sources/BenchsiteKit/Compose/Contexts (TemplateContextTests) -->"
    static let end = "<!-- end of template variables -->"

    @Test("the README's table of template variables is the one the contexts generate (BENCHSITE_RECORD=1 rewrites it)")
    func readmeTable() throws {
        let url = repositoryRoot.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(readme.range(of: Self.begin), "README.md lacks the marker \(Self.begin)")
        let stop = try #require(readme.range(of: Self.end), "README.md lacks the marker \(Self.end)")
        let current = String(readme[start.upperBound..<stop.lowerBound])
        let generated = "\n" + TemplateContextDocumentation.markdownTable + "\n"
        if current == generated { return }
        if isRecording {
            try (String(readme[..<start.upperBound]) + generated + String(readme[stop.lowerBound...])).write(
                to: url, atomically: true, encoding: .utf8)
            Issue.record("README.md's template table was rewritten; run the tests again without BENCHSITE_RECORD")
        } else {
            Issue.record(
                "README.md's template table is stale (BENCHSITE_RECORD=1 swift test rewrites it). Expected:\n\(generated)"
            )
        }
    }

    /// Every stored property of a context is a template variable, and every variable reads a value.
    /// - Parameter derived: variables made from `sources` when a template reads them (stored figures,
    ///   not variables themselves), named here one by one.
    func check<Context: TemplateContext>(
        _ context: Context, derived: [String] = [], from sources: [String] = []
    ) {
        let stored = Set(Mirror(reflecting: context).children.compactMap(\.label))
        let names = Context.variables.map(\.name)
        #expect(Set(names).count == names.count, "\(Context.self) lists a variable twice")
        #expect(
            stored.subtracting(sources).isSubset(of: Set(names)),
            "\(Context.self): stored but not a template variable: \(stored.subtracting(names).sorted())")
        #expect(Set(sources).isSubset(of: stored) && Set(sources).isDisjoint(with: names))
        for name in names where !name.hasPrefix("has") && !derived.contains(name) {
            #expect(stored.contains(name), "\(Context.self).\(name) is listed but not stored")
        }
        #expect(Set(derived).isSubset(of: Set(names)) && Set(derived).isDisjoint(with: stored))
    }

    @Test("every context's stored properties are its variables, and nothing else")
    func variablesMatchProperties() {
        check(LayoutContext(pageTitle: "", siteTitle: "", root: "", pageKind: "", content: "", runCount: 0))
        check(OverviewContext(siteTitle: "", root: ""))
        check(GroupsSummary(runs: 0, groups: 0, links: []))
        check(GroupLink(name: "", anchor: "", last: false))
        let latest = LatestRunContext(title: "", link: "", date: "", modelCount: 0, subjects: "", source: "")
        check(latest)
        check(OverviewGroup(level: "", latest: latest))
        check(ComparePageLink(baseline: "", link: ""))
        check(OverviewScenario(heading: "", subjectHeader: ""))
        check(OverviewTable(caption: "", rows: []))
        check(FoldedTable(summary: "", subjects: "", runLink: ""))
        check(
            OverviewRow(
                model: "", modelLink: "", status: "", requests: "", p50: "", p95: "", p99: "", ttft: "", throughput: "",
                change: "", spark: ""))
        check(RunPageContext(siteTitle: "", root: "", title: ""))
        check(RunScenario(heading: "", caption: "", promptLatencyUnit: "", promptTTFTUnit: ""))
        check(
            RunRow(model: "", modelLink: "", status: "", requests: "", failures: "", change: ""),
            derived: ["mean", "stddev", "min", "p50", "p90", "p95", "p99", "max", "ttft", "throughput"],
            from: ["latency", "timeToFirstToken", "throughputFigures"])
        check(OtherMetricRow(model: "", metric: "", unit: "", n: "", mean: "", p50: "", p95: "", p99: "", max: ""))
        check(PromptRow(model: "", prompt: "", requests: 0, failures: 0, p50: "", p95: "", ttft: "", throughput: ""))
        check(FailureContext(model: "", scenario: "", summary: ""))
        check(OutputContext(model: "", scenario: "", block: ""))
        check(FoldContext(summary: ""))
        check(ModelPageContext(siteTitle: "", root: "", model: ""))
        check(ModelScenario(heading: "", caption: ""))
        check(ChangePointContext(metric: "", run: "", runLink: "", before: "", after: "", change: ""))
        check(
            ModelRow(
                run: "", runLink: "", date: "", requests: "", failures: "", p50: "", p95: "", p99: "", ttft: "",
                throughput: "", change: ""))
        check(QualityContext(prompt: "", score: "", note: ""))
        check(RunsIndexContext(siteTitle: "", root: ""))
        check(ModelsIndexContext(siteTitle: "", root: ""))
        check(ModelsIndexGroup(caption: "", subjectHeader: "", hasThroughput: false))
        check(ModelsIndexRow(model: "", link: "", scenarios: "", runs: 0, p50: "", throughput: "", spark: ""))
        check(
            ComparePageContext(
                siteTitle: "", root: "", title: "", baseline: "", baselineLink: "", contender: "", contenderLink: "",
                summary: "", alpha: "", minimumEffect: ""))
        check(
            CompareRow(
                model: "", modelLink: "", scenario: "", metric: "", baselineValue: "", contenderValue: "", change: "",
                interval: "", p: "", verdict: "", test: ""))
        check(
            MethodsContext(
                siteTitle: "", root: "", fewMark: "", p90Needs: 0, p95Needs: 0, p99Needs: 0, alpha: "",
                minimumEffect: "", window: 0, history: 0, penalty: "", changeMinimumEffect: "", segment: 0))
        check(SingleFileContext(siteTitle: "", stylesheet: "", runCount: 0))
        check(SingleFileSectionContext(id: "", title: "", content: ""))
        check(ItemContext(item: ""))
        check(KeyValueContext(key: "", value: ""))
        check(CellContext(value: ""))
        check(ColumnContext(header: ""))
        check(ChartContext(chart: ""))
        check(LinkContext(title: "", link: ""))
        check(RunListEntry(title: "", link: "", date: "", models: 0, format: "", file: "", failed: 0, partial: 0))
    }

    @Test("a missing section is not rendered, a nested list is, and has-flags follow their lists")
    func rendering() throws {
        let theme = try Theme.builtIn()
        var context = RunsIndexContext(siteTitle: "T", root: "../")
        let empty = try theme.render("runs.md", context)
        context.runs = [
            RunListEntry(
                title: "Night <1>", link: "../runs/n1.html", date: "2026-10-01", models: 3, format: "vllm",
                file: "a.json", failed: 1, partial: 0)
        ]
        let one = try theme.render("runs.md", context)
        #expect(!empty.contains("Night"))
        #expect(one.contains("Night \\<1\\>") || one.contains("Night &lt;1&gt;"), "\(one)")
        #expect(one.contains("runs/n1.html"))
    }
}
