import Foundation
import Testing

@testable import BenchsiteKit

/// Runs of three tools in one folder: two nightly benchsite runs about two models, three nights of
/// a Google Benchmark suite of 30 benchmarks (one regressing on the last night), one hyperfine run
/// of two commands, the oldest.
func writeMixedTools(to folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (night, day) in ["2026-10-01", "2026-10-02"].enumerated() {
        let results = ["alpha-7b", "beta-3b"].enumerated().map { m, model in
            let samples = (0..<12).map { i in
                "{\"latency_s\": \(1.0 + Double(m) + Double(i % 4) * 0.01 + Double(night) * 0.001), \"ttft_s\": 0.1, \"completion_tokens\": 100}"
            }
            return "{\"model\": \"\(model)\", \"scenario\": \"gpu\", \"samples\": [\(samples.joined(separator: ","))]}"
        }
        try write(
            "{\"format\": \"benchsite-run/1\", \"id\": \"nightly-\(day)\", \"timestamp\": \"\(day)T02:00:00Z\", \"results\": [\(results.joined(separator: ","))]}",
            to: folder, "nightly-\(day).json")
    }
    for (night, day) in ["2026-10-03", "2026-10-04", "2026-10-05"].enumerated() {
        var entries: [String] = []
        for b in 0..<30 {
            let slower = night == 2 && b == 17 ? 1.5 : 1.0
            for r in 0..<5 {
                let time = (100.0 + Double(b) * 37) * slower * (1 + Double(r) * 0.001)
                entries.append(
                    "{\"name\": \"BM_Op/\(b)\", \"run_name\": \"BM_Op/\(b)\", \"run_type\": \"iteration\", \"repetitions\": 5, \"repetition_index\": \(r), \"threads\": 1, \"iterations\": 1000, \"real_time\": \(time), \"cpu_time\": \(time), \"time_unit\": \"ns\"}"
                )
            }
        }
        try write(
            "{\"context\": {\"date\": \"\(day)T02:00:00+00:00\", \"host_name\": \"ci\", \"executable\": \"./bench\", \"num_cpus\": 2, \"library_build_type\": \"release\"}, \"benchmarks\": [\(entries.joined(separator: ","))]}",
            to: folder, "suite-\(day).json")
    }
    try write(
        """
        {"results": [
         {"command": "sort big.txt", "mean": 1.2, "stddev": 0.01, "median": 1.2, "user": 1.1, "system": 0.1, "min": 1.19, "max": 1.21, "times": [1.19, 1.2, 1.21]},
         {"command": "sort -u big.txt", "mean": 1.4, "stddev": 0.01, "median": 1.4, "user": 1.3, "system": 0.1, "min": 1.39, "max": 1.41, "times": [1.39, 1.4, 1.41]}]}
        """, to: folder, "hyperfine-2026-09-30.json")
}

@Suite("Groups: the overview and indexes by tool")
struct GroupTests {
    @Test("runs group by tool, tools about the same subjects join, the group with the newest run first")
    func grouping() {
        func run(_ id: String, _ format: String, _ subjects: [String]) -> Run {
            Run(
                id: id, timestamp: nil, timestampSource: nil, source: RunSource(format: format, file: "\(id).json"),
                results: subjects.map { RunResult(subject: $0, scenario: "default") })
        }
        let runs = [
            run("a", "hyperfine", ["sort"]),
            run("b", "benchsite run", ["phi"]),
            run("c", "Foundry Local workshop (notebook)", ["phi", "qwen"]),
            run("d", "Google Benchmark", ["BM_A", "BM_B"]),
            run("e", "llmperf summary", ["llama"]),
            run("f", "llmperf individual responses", ["llama"]),
        ]
        let groups = RunGroups.make(runs)
        #expect(
            groups.map(\.name) == [
                "llmperf", "Google Benchmark", "Foundry Local workshop · benchsite run", "hyperfine",
            ])
        #expect(groups.map(\.runIndices) == [[4, 5], [3], [1, 2], [0]])
        #expect(groups.map(\.noun.plural) == ["models", "benchmarks", "models", "commands"])
        #expect(SubjectNoun.benchmark.count(1) == "1 benchmark" && SubjectNoun.test.header == "Test")
    }

    @Test("many tools: each under its heading with its own latest run, subjects named, long tables folded")
    func mixedToolsOverview() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeMixedTools(to: folder)
        let (files, _) = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused"))
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        // Newest group first; the opening line links each.
        let suite = try #require(index.range(of: "<h2 id=\"google-benchmark\">"))
        let models = try #require(index.range(of: "<h2 id=\"benchsite-run\">"))
        let commands = try #require(index.range(of: "<h2 id=\"hyperfine\">"))
        #expect(suite.lowerBound < models.lowerBound && models.lowerBound < commands.lowerBound)
        #expect(index.contains("6 runs from 3 tools"))
        #expect(index.contains("<a href=\"#google-benchmark\">Google Benchmark</a>"))
        let suitePart = String(index[suite.lowerBound..<models.lowerBound])
        let modelPart = String(index[models.lowerBound..<commands.lowerBound])
        let commandPart = String(index[commands.lowerBound...])
        // Each group's own latest run, with what its subjects are.
        #expect(suitePart.contains("suite-2026-10-05") || suitePart.contains("2026-10-05 02:00 UTC"))
        #expect(suitePart.contains("· 30 benchmarks ·"))
        #expect(modelPart.contains("nightly-2026-10-02") && modelPart.contains("· 2 models ·"))
        #expect(commandPart.contains("· 2 commands ·"))
        #expect(suitePart.contains(">Benchmark</th>") && commandPart.contains(">Command</th>"))
        // No LLM columns where no result has them; models keep theirs.
        #expect(!suitePart.contains("TTFT") && !suitePart.contains("Throughput"))
        #expect(modelPart.contains("TTFT p50"))
        // A suite's benchmarks measure different work: no "fastest" among them; two models do get one.
        #expect(!suitePart.contains("Fastest") && modelPart.contains("Fastest"))
        // 30 rows fold: the regressing benchmark opens the table, all 30 behind a summary.
        #expect(suitePart.contains("<details class=\"all-rows\">") && suitePart.contains("All 30 benchmarks"))
        let details = try #require(suitePart.range(of: "<details class=\"all-rows\">"))
        let openTable = String(suitePart[..<details.lowerBound])
        let firstRow = try #require(openTable.range(of: "<tbody>"))
        #expect(openTable[firstRow.upperBound...].prefix(200).contains("BM_Op/17"))
        #expect(openTable.components(separatedBy: "<tr>").count - 2 == PageComposer.overviewChangedRows)
        #expect(!modelPart.contains("all-rows"))
        // The index of subjects, by group, named by what they are.
        let subjects = String(decoding: try #require(files["models/index.html"]), as: UTF8.self)
        #expect(subjects.contains("<h1>Benchmarks, models and commands</h1>"))
        #expect(subjects.contains("<h2 id=\"google-benchmark\">") && subjects.contains(">Benchmark</th>"))
        let runPath = try #require(files.keys.first { $0.hasPrefix("runs/") && $0.contains("2026-10-05") })
        let runPage = String(decoding: try #require(files[runPath]), as: UTF8.self)
        #expect(runPage.contains(">Benchmark</th>") && runPage.contains("per benchmark"))
    }

    @Test("with one tool the overview has no group headings (the demo's layout)")
    func oneTool() throws {
        let index = String(decoding: try #require(demoSite.files["index.html"]), as: UTF8.self)
        #expect(!index.contains("runs from"))
        #expect(index.contains("<h2 id=\"highlights\">"))
    }

    @Test("a multi-tool site built incrementally is byte for byte a full build")
    func incremental() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = folder.appendingPathComponent("in"), site = folder.appendingPathComponent("site")
        try writeMixedTools(to: inputs)
        let last = inputs.appendingPathComponent("suite-2026-10-05.json")
        let held = folder.appendingPathComponent("held.json")
        try FileManager.default.moveItem(at: last, to: held)
        #expect(try runBenchsite(["build", inputs.path, "--out", site.path]).status == 0)
        try FileManager.default.moveItem(at: held, to: last)
        #expect(try runBenchsite(["build", inputs.path, "--out", site.path]).status == 0)
        let full = folder.appendingPathComponent("full")
        #expect(try runBenchsite(["build", inputs.path, "--out", full.path, "--no-cache"]).status == 0)
        #expect(try readTree(site) == readTree(full))
    }
}

extension GroupTests {
    @Test("another tool's run turns Models into Subjects in the navigation of kept run pages too")
    func incrementalNavigation() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = folder.appendingPathComponent("in"), site = folder.appendingPathComponent("site")
        for day in ["2026-10-01", "2026-10-02", "2026-10-03"] {
            try write(sampleRun(id: "n-\(day)", timestamp: "\(day)T02:00:00Z"), to: inputs, "n-\(day).json")
        }
        #expect(try runBenchsite(["build", inputs.path, "--out", site.path]).status == 0)
        // A command named after the model in order: the model keeps its colour, n-2026-10-01 its
        // neighbours, so only the navigation tells its page from the one before.
        try write(
            "{\"results\": [{\"command\": \"zz sort\", \"mean\": 1.2, \"times\": [1.19, 1.2, 1.21]}]}", to: inputs,
            "hyperfine-2026-10-04.json")
        #expect(try runBenchsite(["build", inputs.path, "--out", site.path]).status == 0)
        let page = try String(contentsOf: site.appendingPathComponent("runs/n-2026-10-01.html"), encoding: .utf8)
        #expect(page.contains("models/index.html\">Subjects</a>"))
        let full = folder.appendingPathComponent("full")
        #expect(try runBenchsite(["build", inputs.path, "--out", full.path, "--no-cache"]).status == 0)
        #expect(try readTree(site) == readTree(full))
    }
}

@Suite("Charts: links, hover figures, dates")
struct ChartNavigationTests {
    @Test("trend points link to their run, distribution rows hover their figures, axes show the year across years")
    func pointsLinkAndYears() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (i, day) in ["2025-12-30", "2025-12-31", "2026-01-01"].enumerated() {
            try write(
                sampleRun(
                    id: "night-\(day)", timestamp: "\(day)T02:00:00Z", latencies: [1.0 + Double(i) * 0.1, 1.2, 1.1]),
                to: folder, "night-\(day).json")
        }
        let files = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused")).files
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(
            index.contains("<a href=\"runs/night-2025-12-30.html\" tabindex=\"-1\"><title>phi-4-mini, 2025-12-30: "))
        #expect(index.contains(">2026-01-01</text>") && !index.contains(">01-01</text>"))
        #expect(index.contains("<g><title>phi-4-mini: 3 samples; p5 "))
        // Links inside an image would be nested controls (axe's nested-interactive): a linked chart is a group.
        #expect(index.contains("role=\"group\" aria-labelledby=\"trend--latency--gpu-title trend--latency--gpu-desc\""))
        #expect(index.contains("role=\"img\" aria-labelledby=\"latest-latency--gpu-title"))
        let model = String(decoding: try #require(files["models/phi-4-mini.html"]), as: UTF8.self)
        #expect(model.contains("<a href=\"../runs/night-2026-01-01.html\" tabindex=\"-1\">"))
        #expect(files["runs/night-2026-01-01.html"] != nil)
        // The table of a trend's numbers: each run's row links to its page (and is in the tab order).
        #expect(
            index.contains(
                "<tr><th scope=\"row\" class=\"l\"><a href=\"runs/night-2025-12-30.html\">2025-12-30</a></th>"))
        #expect(
            model.contains(
                "<tr><th scope=\"row\" class=\"l\"><a href=\"../runs/night-2026-01-01.html\">2026-01-01</a></th>"))
    }

    @Test("a trend's table row links its run; a row standing for a group of runs links none")
    func trendTableRows() {
        let series = TrendSeries(
            label: "m", colorIndex: 0, points: (0..<3).map { TrendPoint(x: $0, value: 1 + Double($0)) })
        let linked = TrendChart.render(
            id: "t", title: "T", metric: .latency, xLabels: ["a", "b", "c"],
            xLinks: ["r/a.html", "r/b.html", "r/c.html"],
            series: [series], bands: false)
        for (label, link) in [("a", "r/a.html"), ("b", "r/b.html"), ("c", "r/c.html")] {
            #expect(
                linked.contains(
                    "<tr><th scope=\"row\" class=\"l\"><a href=\"\(link)\">\(label)</a></th><td class=\"r\">"))
        }
        let unlinked = TrendChart.render(
            id: "t", title: "T", metric: .latency, xLabels: ["a", "b", "c"], series: [series], bands: false)
        #expect(unlinked.contains("<tr><th scope=\"row\" class=\"l\">a</th>"))
        // 1,000 runs are drawn 5 to a point: those rows name a span of runs and link none.
        let many = TrendSeries(
            label: "m", colorIndex: 0, points: (0..<1000).map { TrendPoint(x: $0, value: 1 + Double($0 % 7)) })
        let grouped = TrendChart.render(
            id: "t", title: "T", metric: .latency, xLabels: (0..<1000).map { "d\($0)" },
            xLinks: (0..<1000).map { "r/\($0).html" }, series: [many], bands: false)
        #expect(
            grouped.contains("<tr><th scope=\"row\" class=\"l\">d0 to d4</th>")
                && !grouped.contains("<th scope=\"row\" class=\"l\"><a"))
    }
}

@Suite("Series styles beyond 8 subjects")
struct SeriesStyleTests {
    @Test("96 subjects get 96 different styles: colours first, then dashes, then markers")
    func distinctStyles() {
        let styles = (0..<SeriesPalette.distinctStyles).map { SeriesStyle(position: $0) }
        #expect(Set(styles.map(\.description)).count == 96)
        #expect(styles[0] == SeriesStyle(color: 0) && styles[7] == SeriesStyle(color: 7))
        #expect(styles[8] == SeriesStyle(color: 0, dash: 1) && styles[16] == SeriesStyle(color: 0, dash: 2))
        #expect(styles[24] == SeriesStyle(color: 0, dash: 0, marker: 1))
        #expect(styles[48] == SeriesStyle(color: 0, dash: 0, marker: 2) && styles[72].marker == 3)
        #expect(SeriesStyle(position: 96) == styles[0] && SeriesStyle(position: -3) == styles[0])
    }

    @Test("markers are a circle, a square, a triangle and a diamond, with their title")
    func markers() {
        var svg = SVGWriter()
        for shape in 0..<4 { svg.marker(shape, 10, 10, 3, class: "dot fc0", title: "a<b") }
        #expect(
            svg.markup.hasPrefix("<circle cx=\"10\" cy=\"10\" r=\"3\" class=\"dot fc0\"><title>a&lt;b</title></circle>")
        )
        #expect(svg.markup.contains("<rect x=\"7.3\" y=\"7.3\" width=\"5.3\" height=\"5.3\" class=\"dot fc0\"><title>"))
        #expect(svg.markup.contains("<path d=\"M10 5.7L13.9 12.4L6.1 12.4Z\" class=\"dot fc0\"><title>"))
        #expect(svg.markup.contains("<path d=\"M10 6.1L13.9 10L10 13.9L6.1 10Z\" class=\"dot fc0\"><title>"))
        var bare = SVGWriter()
        bare.marker(1, 0, 0, 1, class: "x")
        #expect(bare.markup.hasSuffix("class=\"x\"/>"))
    }

    @Test("each line of a chart with several is one group with its legend entry, which hovering brings forward")
    func hoverGroups() throws {
        let series = (0..<3).map { s in
            TrendSeries(label: "s\(s)", colorIndex: s, points: (0..<2).map { TrendPoint(x: $0, value: Double(s + $0)) })
        }
        let several = TrendChart.render(
            id: "t", title: "T", metric: .latency, xLabels: ["a", "b"], series: series, bands: false)
        #expect(several.components(separatedBy: "<g class=\"series\">").count - 1 == 3)
        #expect(several.components(separatedBy: "class=\"legend-hit\"").count - 1 == 3)
        let one = TrendChart.render(
            id: "t", title: "T", metric: .latency, xLabels: ["a", "b"], series: [series[0]], bands: false)
        #expect(!one.contains("class=\"series\""))
        let css = try #require(Theme.defaultFiles["style.css"])
        #expect(css.contains("svg:has(.series:hover) .series:not(:hover) { opacity: 0.15; }"))
    }

    @Test("past 24 subjects a subject's marker tells it apart, the same on its run and model pages")
    func manySubjects() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (night, day) in ["2026-10-01", "2026-10-02"].enumerated() {
            let results = (0..<30).map { m in
                let samples = (0..<5).map { i in
                    "{\"latency_s\": \(1.0 + Double(m) * 0.1 + Double(i) * 0.01 + Double(night) * 0.001)}"
                }
                return
                    "{\"model\": \"m\(m < 10 ? "0" : "")\(m)\", \"scenario\": \"gpu\", \"samples\": [\(samples.joined(separator: ","))]}"
            }
            try write(
                "{\"format\": \"benchsite-run/1\", \"id\": \"n-\(day)\", \"timestamp\": \"\(day)T02:00:00Z\", \"results\": [\(results.joined(separator: ","))]}",
                to: folder, "n-\(day).json")
        }
        let files = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused")).files
        let run = String(decoding: try #require(files["runs/n-2026-10-02.html"]), as: UTF8.self)
        // m01 and m25 share colour 1 and a solid line: m25's points and legend entry are squares.
        let ecdf = try #require(run.firstRange(of: #/<figure class="chart chart-ecdf".*?</figure>/#).map { run[$0] })
        #expect(ecdf.contains("class=\"line sc1\"/><circle") && ecdf.contains("class=\"line sc1\"/><rect"))
        #expect(ecdf.contains("class=\"line sc1 dash1\"/><circle"))
        #expect(
            ecdf.components(separatedBy: "<rect x").count - 1 == 30 + 2 * 6,
            "a legend row each, and two squares for each of m24...m29")
        let model = String(decoding: try #require(files["models/m25.html"]), as: UTF8.self)
        #expect(model.contains("class=\"line sc1\"/>") && model.contains("class=\"dot fc1\"/></a>"))
        #expect(model.contains("<rect") && !model.contains("<circle cx"))
    }
}

@Suite("Subjects named by what they are")
struct SubjectNounTests {
    /// A page's words as a reader sees them: no tags, no SVG markup, no hover titles.
    func visibleText(_ html: String) -> String {
        html.replacing(#/<title>.*?</title>/#, with: " ").replacing(#/<[^>]*>/#, with: " ")
    }

    @Test("run, model, compare and index pages of commands and benchmarks never say model")
    func nonModelPages() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeMixedTools(to: folder)
        // Files named relative to the folder (its name holds this test's: "nonModelPages").
        let files = try generateSite(
            BuildOptions(
                inputs: [folder.path], outputDirectory: "/unused", ingest: IngestOptions(displayBase: folder.path))
        ).files
        let page = { (path: String) in String(decoding: files[path] ?? [], as: UTF8.self) }
        let suiteRun = try #require(files.keys.first { $0.hasPrefix("runs/") && $0.contains("2026-10-05") })
        let commandRun = try #require(files.keys.first { $0.hasPrefix("runs/hyperfine") })
        for path in [suiteRun, commandRun, "models/bm_op-17.html", "models/sort-big.txt.html"] {
            let text = visibleText(page(path))
            #expect(!text.isEmpty, "\(path) is missing")
            #expect(!text.localizedCaseInsensitiveContains("model"), "\(path) says model: \(text)")
        }
        #expect(page(suiteRun).contains(">Subjects</a>"), "the navigation of a site of several tools")
        #expect(page("models/bm_op-17.html").contains("All subjects</a>"))
        // The tables behind the charts name their rows too.
        #expect(page(commandRun).contains("<th scope=\"col\" class=\"l\">Command</th>"))
        #expect(page("runs/index.html").contains("<th class=\"r\">Subjects</th>"))
    }

    @Test("a site of one benchmark suite calls its subjects benchmarks everywhere, its feed too")
    func suiteSite() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeMixedTools(to: folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix("suite-") {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        var options = BuildOptions(
            inputs: [folder.path], outputDirectory: "/unused", ingest: IngestOptions(displayBase: folder.path))
        options.markdownReport = "report.md"
        options.baseline = "suite-2026-10-03"
        let (files, report) = try generateSite(options)
        let compare = try #require(files.first { $0.key.hasPrefix("compare/") }?.value)
        #expect(String(decoding: compare, as: UTF8.self).contains("Verdicts per benchmark, scenario and metric"))
        for (path, bytes) in files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(html.contains("models/index.html\">Benchmarks</a>"), "\(path): the navigation")
            #expect(!visibleText(html).localizedCaseInsensitiveContains("model"), "\(path) says model")
        }
        let feed = String(decoding: try #require(files["feed.xml"]), as: UTF8.self)
        #expect(feed.contains("30 benchmarks, Google Benchmark.") && !feed.contains("models,"))
        let markdown = String(decoding: try #require(report.extraOutputs["report.md"]), as: UTF8.self)
        #expect(markdown.contains("| Benchmark | n |") && !markdown.contains("| Model |"))
    }

    @Test("a run page's prompts and sample outputs are of its subjects (a test, a command)")
    func promptsAndOutputs() throws {
        let theme = try Theme.builtIn()
        var context = RunPageContext(siteTitle: "S", root: "../", title: "T")
        context.subjectHeader = "Test"
        context.subjectNoun = "test"
        var scenario = RunScenario(heading: "Results", caption: "C", promptLatencyUnit: "", promptTTFTUnit: "")
        scenario.prompts = [
            PromptRow(
                model: "test_a", prompt: "p", requests: 3, failures: 0, p50: "1", p95: "2", ttft: "—", throughput: "—")
        ]
        context.scenarios = [scenario]
        context.outputs = [OutputContext(model: "test_a", scenario: "default", block: "```\nok\n```")]
        let markdown = try theme.render("run.md", context)
        #expect(markdown.contains("Table: Latency, time to first token and throughput per test and prompt"))
        #expect(markdown.contains("| Test | Prompt | n |"))
        #expect(markdown.contains("Shown as plain text, exactly as the test wrote them."))
        #expect(!markdown.localizedCaseInsensitiveContains("model"))
    }
}

@Suite("Long pages fold what grows")
struct LongPageTests {
    @Test("past 8 series a chart's figures are in its description and table, not its visible caption")
    func captions() throws {
        func chart(_ count: Int) -> String {
            DistributionChart.render(
                id: "d", title: "D", metric: .latency,
                rows: (0..<count).map { DistributionRow(label: "s\($0)", colorIndex: $0 % 8, sortedValues: [1, 2, 3]) })
        }
        let few = chart(8), many = chart(9)
        let caption = { (svg: String) in svg.firstRange(of: #/<figcaption>.*?</figcaption>/#).map { String(svg[$0]) } }
        #expect(try #require(caption(few)).contains("s7: median 2.00 s"))
        let manyCaption = try #require(caption(many))
        #expect(manyCaption.contains("The figures of all 9 rows: in the table of the numbers below."))
        #expect(!manyCaption.contains("s8: median"))
        #expect(many.contains("<desc id=\"d-desc\">") && many.contains("s8: median 2.00 s, p95"))
        #expect(many.contains("<th scope=\"row\" class=\"l\">s8</th>"))
    }

    @Test("a run page folds a per-prompt table of more than 25 rows and draws no ECDF of more lines than styles")
    func runPage() throws {
        func site(models: Int) throws -> String {
            let folder = try makeTemporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let results = (0..<models).map { m in
                let samples = (0..<4).map { i in
                    "{\"prompt\": \"prompt \(i % 2)\", \"latency_s\": \(1 + Double(m) * 0.01 + Double(i) * 0.001)}"
                }
                return
                    "{\"model\": \"m\(m)\", \"scenario\": \"gpu\", \"samples\": [\(samples.joined(separator: ","))]}"
            }
            try write(
                "{\"format\": \"benchsite-run/1\", \"id\": \"r\", \"timestamp\": \"2026-10-01T02:00:00Z\", \"results\": [\(results.joined(separator: ","))]}",
                to: folder, "r.json")
            let files = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused")).files
            return String(decoding: try #require(files["runs/r.html"]), as: UTF8.self)
        }
        let few = try site(models: 12), many = try site(models: 97)
        #expect(few.contains("chart-ecdf") && !few.contains("<details class=\"all-rows\">"))
        #expect(!many.contains("chart-ecdf") && many.contains("chart-distribution"))
        let folded = try #require(
            many.range(of: "<details class=\"all-rows\">\n<summary>All 194 rows: 97 models × 2 prompts</summary>"))
        let table = try #require(many.range(of: "Latency, time to first token and throughput per model and prompt"))
        #expect(folded.upperBound < table.lowerBound)
    }
}
