import Foundation
import Testing

@testable import BenchsiteKit

@Suite("benchsite.yml, templates and captions")
struct SettingsTests {
    func parse(_ text: String) -> (config: SiteSettings?, diagnostics: [Diagnostic]) {
        SiteSettings.parse(text, file: "benchsite.yml")
    }

    @Test("the file benchsite init writes is valid and states the defaults")
    func initialFileParses() throws {
        for templates in [nil, "templates"] {
            let (config, diagnostics) = parse(InitialSettings.text(templatesFolder: templates))
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            let settings = try #require(config)
            #expect(settings.title == "Benchmarks")
            #expect(settings.templates == templates)
            #expect(
                settings.alpha == ComparisonSettings().alpha && settings.minimumEffect == 0.05
                    && settings.thresholds.isEmpty)
            #expect(
                settings.changePoints.penalty == ChangePointSettings().penalty
                    && settings.changePoints.minimumEffect == 0.05)
            #expect(settings.presentation.metrics == Metric.allCases && settings.presentation.percentiles == nil)
            #expect(settings.models.isEmpty && settings.presentation.order.isEmpty)
        }
    }

    @Test("every setting is read")
    func everySetting() throws {
        let (config, diagnostics) = parse(
            """
            title: Nightly
            base_url: https://bench.example.com/llm/
            baseline: v1.2
            keep_runs: 30
            templates: theme
            verdicts:
              alpha: 0.01
              minimum_effect: 3%
              thresholds:
                - metric: ttft
                  minimum_effect: 0.1
                - model: phi-4-mini
                  scenario: gpu
                  metric: ttft
                  minimum_effect: 25%
            show:
              metrics: [latency, throughput]
              percentiles: [p99, 50]
            models:
              qwen2.5-0.5b:
                name: Qwen 2.5 (0.5B)
                license: apache-2.0
                size_mb: 822
                capabilities: [chat]
                info:
                  Quantization: int4
              phi-4-mini:
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let c = try #require(config)
        #expect(
            c.title == "Nightly" && c.baseURL == "https://bench.example.com/llm/" && c.baseline == "v1.2"
                && c.keepRuns == 30)
        #expect(c.templates == "theme")
        let settings = c.comparisonSettings()
        #expect(settings.alpha == 0.01 && settings.minimumEffect == 0.03)
        #expect(settings.metrics == [.latency, .throughput])
        #expect(c.presentation.percentiles == [.p50, .p99])
        #expect(c.presentation.order == ["qwen2.5-0.5b", "phi-4-mini"])
        #expect(
            c.presentation.name("qwen2.5-0.5b") == "Qwen 2.5 (0.5B)"
                && c.presentation.name("phi-4-mini") == "phi-4-mini")
        #expect(
            c.models["qwen2.5-0.5b"]
                == ModelInfo(
                    capabilities: ["chat"], sizeMB: 822, license: "apache-2.0",
                    extra: [KeyValue("Quantization", "int4")]))
        #expect(c.models["phi-4-mini"] == nil)
    }

    @Test("change points: sensitivity, penalty, floor and segment are read; bad values are errors naming the place")
    func changePointSettings() throws {
        let (config, diagnostics) = parse(
            """
            verdicts:
              change_points:
                sensitivity: high
                minimum_effect: 3%
                minimum_segment: 4
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let points = try #require(config).changePoints
        #expect(points.penalty == ChangePointSettings.penalty(forSensitivity: "high"))
        #expect(points.minimumEffect == 0.03 && points.minimumSegment == 4)
        #expect(parse("verdicts:\n  change_points:\n    penalty: 6\n").config?.changePoints.penalty == 6)
        let bad = parse(
            "verdicts:\n  change_points:\n    sensitivity: extreme\n    penalty: -1\n    minimum_segment: 0\n"
        ).diagnostics.map(\.description)
        #expect(
            bad.contains(
                "benchsite.yml:3:18: error: verdicts.change_points.sensitivity must be low, medium or high, not \"extreme\""
            ))
        #expect(bad.contains("benchsite.yml:4:14: error: verdicts.change_points.penalty must be above 0"))
        #expect(bad.count == 3, "\(bad)")
    }

    @Test("base_url is an http(s) URL with a host or a path; other schemes are refused")
    func baseURLs() {
        for good in ["https://bench.example.com/llm/", "http://127.0.0.1:8000/", "/llm/", "HTTPS://Example.com"] {
            #expect(SiteSettings.isValidBaseURL(good), "\(good)")
        }
        for bad in [
            "javascript:alert(1)", "//evil.example.com/", "https:///nohost", "ftp://example.com/",
            "https://exa mple.com/", "data:text/html,x", "", "bench/",
        ] {
            #expect(!SiteSettings.isValidBaseURL(bad), "\(bad)")
        }
        #expect(parse("base_url: javascript:alert(1)\n").diagnostics.count == 1)
    }

    @Test("repository: commits link to their page on the code host; nothing else becomes a link")
    func repositoryLinks() throws {
        var presentation = Presentation()
        #expect(presentation.commitLink("7cd69b400f") == nil)
        presentation.repository = "https://github.com/org/repo.git/"
        #expect(presentation.commitLink("7cd69b400f") == "https://github.com/org/repo/commit/7cd69b400f")
        presentation.repository = "https://gitlab.example.com/group/project"
        #expect(presentation.commitLink("v1.2") == "https://gitlab.example.com/group/project/-/commit/v1.2")
        presentation.repository = "https://cgit.example.org/repo/commit/?id={commit}"
        #expect(presentation.commitLink("abc123") == "https://cgit.example.org/repo/commit/?id=abc123")
        for odd in ["", "abc def", "a)b", "<x>", "-rf", "../x", String(repeating: "a", count: 81)] {
            #expect(presentation.commitLink(odd) == nil, "\(odd)")
        }
        for bad in [
            "javascript:alert(1)", "github.com/org/repo", "https://x/{commit}{commit}", "https://x/a)b", "/path",
        ] {
            #expect(!Presentation.isValidRepository(bad), "\(bad)")
        }
        let settings = parse("repository: https://github.com/org/repo\n")
        #expect(settings.diagnostics.isEmpty)
        #expect(settings.config?.presentation.repository == "https://github.com/org/repo")
        #expect(parse("repository: javascript:alert(1)\n").diagnostics.count == 1)

        // On the site: the run page's commit is a link.
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "repository: https://github.com/org/repo\n".write(
            to: folder.appendingPathComponent("benchsite.yml"), atomically: true, encoding: .utf8)
        let nightly = repositoryRoot.appendingPathComponent("examples/nightly").path
        #expect(try runBenchsite(["build", nightly, "--out", "site", "-q"], in: folder).status == 0)
        let page = try String(
            contentsOf: folder.appendingPathComponent("site/runs/nightly-2026-10-09.html"), encoding: .utf8)
        #expect(
            page.contains(
                "Commit</td>\n<td class=\"l\"><a href=\"https://github.com/org/repo/commit/7cd69b400f\">7cd69b400f</a></td>"
            ))
    }

    @Test("the most specific threshold wins; later ones win ties")
    func thresholdSpecificity() {
        var settings = ComparisonSettings(alpha: 0.05, minimumEffect: 0.05)
        settings.thresholds = [
            Threshold(metric: .timeToFirstToken, minimumEffect: 0.10),
            Threshold(model: "a", metric: .timeToFirstToken, minimumEffect: 0.20),
            Threshold(model: "a", minimumEffect: 0.30),
            Threshold(scenario: "cpu", minimumEffect: 0.40),
        ]
        let a = SeriesKey(subject: "a", scenario: "gpu"), b = SeriesKey(subject: "b", scenario: "gpu")
        #expect(settings.minimumEffect(for: b, .latency) == 0.05)
        #expect(settings.minimumEffect(for: b, .timeToFirstToken) == 0.10)
        #expect(settings.minimumEffect(for: a, .timeToFirstToken) == 0.20)
        #expect(settings.minimumEffect(for: a, .latency) == 0.30)
        // A tie: the later entry wins.
        #expect(settings.minimumEffect(for: SeriesKey(subject: "a", scenario: "cpu"), .latency) == 0.40)
        #expect(
            settings.minimumEffectDescription
                == "5% (metric ttft: 10%; model a, metric ttft: 20%; model a: 30%; scenario cpu: 40%)")
    }

    @Test("a threshold turns a regression into no change, and only for the series it names")
    func thresholdChangesVerdicts() {
        // An 8 % slower median on 200 samples a side: clearly significant.
        func results(_ scale: Double) -> [RunResult] {
            ["a", "b"].map { model in
                var result = RunResult(subject: model, scenario: "gpu")
                result.samples = (0..<200).map { i in
                    var sample = Sample(ok: true)
                    sample.latency = scale * (1 + Double(i % 20) / 100)
                    return sample
                }
                return result
            }
        }
        var settings = ComparisonSettings()
        settings.intervalsForAll = false
        let plain = Comparator.compare(
            baseline: results(1.0), contender: results(1.08), settings: settings, parallel: false)
        #expect(plain.filter { $0.metric == .latency }.allSatisfy { $0.verdict == .regression })
        settings.thresholds = [Threshold(model: "a", metric: .latency, minimumEffect: 0.10)]
        let relaxed = Comparator.compare(
            baseline: results(1.0), contender: results(1.08), settings: settings, parallel: false)
        #expect(relaxed.first { $0.key.subject == "a" && $0.metric == .latency }?.verdict == .noChange)
        #expect(relaxed.first { $0.key.subject == "b" && $0.metric == .latency }?.verdict == .regression)
    }

    @Test("unknown keys and wrong types are errors with line and column, all reported at once")
    func errors() {
        let (config, diagnostics) = parse(
            """
            title: [not, text]
            keep_runs: zero
            verdicts:
              minimum_effect: 50
              thresholds:
                - metric: latncy
                  minimum_effect: 10%
                - minimum_effect: 3%
            show:
              metrics: [ttft]
              percentiles: [p42]
            models:
              phi-4-mini:
                licence: MIT
            titel: x
            """)
        #expect(config == nil)
        let text = diagnostics.map(\.description)
        let expected = [
            "benchsite.yml:1:8: error: title must be text, not a list",
            "benchsite.yml:2:12: error: keep_runs must be a whole number of at least 1, not \"zero\"",
            "benchsite.yml:4:19: error: verdicts.minimum_effect must be a percentage like 5% or a fraction like 0.05, not \"50\"",
            "benchsite.yml:6:15: error: threshold metric: unknown metric \"latncy\"; metrics: latency, ttft, throughput, tpot, itl, cpu_time, memory, per_request_throughput, value",
            "benchsite.yml:8:7: error: a threshold needs model, scenario or metric (for every series use verdicts.minimum_effect)",
            "benchsite.yml:10:12: error: show.metrics must include latency (the site's tables and highlights are built on it)",
            "benchsite.yml:11:17: error: show.percentiles: expected p50, p90, p95 or p99, not \"p42\"",
            "benchsite.yml:14:5: error: unknown key \"licence\" in models.phi-4-mini (did you mean \"license\"?); known keys: name, capabilities, size_mb, license, info",
            "benchsite.yml:15:1: error: unknown key \"titel\" in the settings file (did you mean \"title\"?); known keys: title, base_url, baseline, keep_runs, templates, repository, verdicts, show, models",
        ]
        #expect(text == expected)
    }

    @Test("broken YAML and repeated keys are errors with their place")
    func yamlErrors() {
        let broken = parse("title: \"unterminated\nshow: [1, 2\n").diagnostics
        #expect(broken.count == 1 && broken[0].line != nil && broken[0].description.contains("not valid YAML"))
        let twice = parse("title: a\ntitle: b\n").diagnostics
        #expect(twice.map(\.message) == ["a key is given twice: title"])
        #expect(
            parse("- a\n- b\n").diagnostics.map(\.description) == [
                "benchsite.yml:1:1: error: the settings file must be a mapping of keys to values, not a list"
            ])
        #expect(parse("# only comments\n").config != nil)
    }

    @Test("names, order, metrics, percentiles and model facts reach the pages")
    func presentationOnPages() throws {
        let (config, _) = parse(
            """
            show:
              metrics: [latency, throughput]
              percentiles: [p50, p99]
            models:
              mistral-7b:
                name: Mistral <7B>
                license: Apache 2.0 (from benchsite.yml)
            """)
        var options = demoOptions()
        let c = try #require(config)
        options.presentation = c.presentation
        options.models = c.models
        options.comparison = c.comparisonSettings()
        options.markdownReport = "report.md"
        let (files, report) = try generateSite(options)
        let markdown = String(decoding: report.extraOutputs["report.md"]!, as: UTF8.self)
        #expect(
            markdown.contains(
                "| Model | n | p50 (s) | p99 (s) | Throughput (tok/s) | Change | Verdict |\n|:--|--:|--:|--:|--:|--:|:--|\n| Mistral \\<7B\\> |"
            ))
        let index = String(decoding: files["index.html"]!, as: UTF8.self)
        // The first table: its headers and the first model.
        let table = String(
            index[index.range(of: "<table tabindex=\"0\">")!.lowerBound..<index.range(of: "</table>")!.upperBound])
        #expect(
            table.contains(
                "<caption>Latest run (cpu): latency and throughput per model, in the configured order</caption>"))
        #expect(
            table.contains(
                "<th class=\"r\">p50 (s)</th>\n<th class=\"r\">p99 (s)</th>\n<th class=\"r\">Throughput (tok/s)</th>"
            ))
        #expect(!table.contains("p95 (s)") && !table.contains("TTFT"))
        let firstRow = table[table.range(of: "<tbody>")!.upperBound...].prefix(200)
        #expect(firstRow.contains("Mistral &lt;7B&gt;"), "\(firstRow)")
        #expect(!index.contains("Mistral <7B>"))
        // No TTFT chart, no TTFT verdicts.
        let run = String(decoding: files.first { $0.key.hasPrefix("runs/nightly") }!.value, as: UTF8.self)
        #expect(!run.contains("Time to first token per request"))
        let model = String(decoding: files["models/mistral-7b.html"]!, as: UTF8.self)
        #expect(model.contains("<h1>Mistral &lt;7B&gt;</h1>"))
        #expect(model.contains("Apache 2.0 (from benchsite.yml)"), "the settings file wins over models.json")
        #expect(
            model.contains(
                "<td class=\"l\">Name in the results</td>\n<td class=\"l\">mistral-7b</td>"
            ))
        #expect(!model.contains("ttft-"))
    }

    @Test("a 'Table:' paragraph before a table becomes its caption, escaped")
    func captions() throws {
        let html = try MarkdownRenderer.render(
            "Table: Speed of *a* \\<b>\n\n| x |\n|--|\n| 1 |\n\nTable: not followed by a table\n")
        #expect(
            html.hasPrefix("<table tabindex=\"0\">\n<caption>Speed of <em>a</em> &lt;b&gt;</caption>\n<thead>"),
            "\(html)")
        #expect(html.contains("<p>Table: not followed by a table</p>"))
        #expect(!html.contains("<p>Table: Speed"))
    }

    @Test("a template including an unknown partial is an error naming the file, line and column; known partials render")
    func partials() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("Footer of {{siteTitle}}\n", to: folder, "footer.md")
        try write("# Runs\n\n{{> footer}}\n", to: folder, "runs.md")
        let theme = try Theme.loading(overridesFrom: folder.path)
        #expect(try theme.render("runs.md", RunsIndexContext(siteTitle: "S*", root: "")).contains("Footer of S\\*"))
        try write("# Runs\n\nx {{> fotter }}\n", to: folder, "runs.md")
        do {
            _ = try Theme.loading(overridesFrom: folder.path)
            Issue.record("an unknown partial was accepted")
        } catch let error as Theme.TemplateError {
            #expect(
                error.template == folder.appendingPathComponent("runs.md").path && error.line == 3 && error.column == 3)
            #expect(error.message.hasPrefix("the template includes a partial \"fotter\" that does not exist"))
        }
        try write("# Runs\n{{#runs}}\n", to: folder, "runs.md")
        #expect(throws: Theme.TemplateError.self) { try Theme.loading(overridesFrom: folder.path) }
    }

    @Test("benchsite init writes the settings and templates, never over existing files; build reads benchsite.yml")
    func initAndBuild() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try runBenchsite(["init", "--templates"], in: folder)
        #expect(created.status == 0, "\(created.output)")
        let settings = try String(contentsOf: folder.appendingPathComponent("benchsite.yml"), encoding: .utf8)
        #expect(settings == InitialSettings.text(templatesFolder: "templates"))
        for name in Theme.templateNames {
            let copy = try String(contentsOf: folder.appendingPathComponent("templates/\(name)"), encoding: .utf8)
            #expect(copy == Theme.defaultFiles[name])
        }
        let again = try runBenchsite(["init"], in: folder)
        #expect(again.status == 2 && again.output.contains("benchsite.yml exists"))

        try write(
            "title: From the settings <file>\nshow:\n  metrics: [latency]\nmodels:\n  phi-4-mini:\n    name: Phi mini\n",
            to: folder, "benchsite.yml")
        try write(sampleRun(), to: folder, "in/run.json")
        let built = try runBenchsite(["build", "in", "--out", "out"], in: folder)
        #expect(built.status == 0, "\(built.output)")
        let index = try String(contentsOf: folder.appendingPathComponent("out/index.html"), encoding: .utf8)
        #expect(index.contains("<h1>From the settings &lt;file&gt;</h1>") && index.contains("Phi mini"))
        let titled = try runBenchsite(["build", "in", "--out", "out", "--title", "Given"], in: folder)
        #expect(titled.status == 0)
        #expect(
            try String(contentsOf: folder.appendingPathComponent("out/index.html"), encoding: .utf8).contains(
                "<h1>Given</h1>"))

        try write("title: x\nbaselin: r1\n", to: folder, "benchsite.yml")
        let bad = try runBenchsite(["build", "in", "--out", "out2"], in: folder)
        #expect(bad.status == 2 && bad.output.contains("benchsite.yml:2:1: error: unknown key \"baselin\""))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out2").path))
        let missing = try runBenchsite(["build", "in", "--out", "out2", "--config", "nope.yml"], in: folder)
        #expect(missing.status == 2 && missing.output.contains("nope.yml does not exist"))
    }

    @Test("the README's benchsite.yml example is valid, and its table names every variable the default templates use")
    func readme() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try #require(
            readme.range(of: "```yaml\n").flatMap { start in
                readme.range(of: "```", range: start.upperBound..<readme.endIndex).map {
                    readme[start.upperBound..<$0.lowerBound]
                }
            })
        let (config, diagnostics) = parse(String(example))
        #expect(config != nil && diagnostics.isEmpty, "\(diagnostics)")
        let tag = try Regex("\\{\\{\\{?[#^/]?\\s*([A-Za-z][A-Za-z0-9]*)")
        for name in Theme.templateNames where name.hasSuffix(".md") || name.hasSuffix(".html") {
            let row = try #require(
                readme.split(separator: "\n").first { $0.hasPrefix("| `\(name)` |") }, "no row for \(name)")
            let used = Set(Theme.defaultFiles[name]!.matches(of: tag).map { String($0.output[1].substring!) })
            for variable in used.subtracting(["siteTitle", "root"]) {
                #expect(
                    ["`\(variable)`", "`\(variable)[]`", "`\(variable){}`"].contains { row.contains($0) },
                    "\(name) uses {{\(variable)}} but the README does not list it")
            }
        }
    }
}
