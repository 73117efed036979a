extension PageComposer {
    // MARK: - Run page

    func runPage(_ runIndex: Int, root: String = "../") throws -> ComposedPage {
        let run = history.runs[runIndex]
        let results = analysis.runs[runIndex]
        var charts: [String: String] = [:]
        var context = RunPageContext(siteTitle: siteTitle, root: root, title: map.runTitle(run))
        let noun = map.noun(ofRun: runIndex)
        context.subjectHeader = noun.header
        context.subjectNoun = noun.singular
        if runIndex > 0 {
            context.previous = LinkContext(
                title: map.runTitle(history.runs[runIndex - 1]), link: root + map.runPath(runIndex - 1))
        }
        if runIndex + 1 < history.runs.count {
            context.next = LinkContext(
                title: map.runTitle(history.runs[runIndex + 1]), link: root + map.runPath(runIndex + 1))
        }
        context.verdict = runVerdict(runIndex, results, root: root)
        var metadata: [KeyValue] = [KeyValue("Run", run.id)]
        if let label = run.label { metadata.append(KeyValue("Label", label)) }
        if let stamp = run.timestamp {
            metadata.append(KeyValue("Date", "\(stamp.display) (\(run.timestampSource?.rawValue ?? "given"))"))
        } else {
            metadata.append(KeyValue("Date", "unknown: the file carries no date (pass --date)"))
        }
        metadata.append(KeyValue("Source", "\(run.source.format): \(run.source.file)"))
        if let tool = run.source.tool { metadata.append(KeyValue("Written by", tool)) }
        if let vc = run.versionControl {
            if let commit = vc.commit {
                metadata.append(KeyValue("Commit", commit + (vc.dirty == true ? " (uncommitted changes)" : "")))
            }
            if let branch = vc.branch { metadata.append(KeyValue("Branch", branch)) }
        }
        metadata += run.environment.fields
        metadata += run.labels.map { KeyValue("Label \($0.key)", $0.value) }
        if !run.prompts.isEmpty { metadata.append(KeyValue("Prompts", "\(run.prompts.count)")) }
        let commitLink = run.versionControl?.commit.flatMap(presentation.commitLink)
        context.metadata = metadata.map {
            KeyValueContext(key: $0.key, value: $0.value, link: $0.key == "Commit" ? commitLink : nil)
        }
        context.configuration = run.configuration.map { KeyValueContext(key: $0.key, value: $0.value) }

        var notes: [String] = []
        for r in results {
            for contradiction in r.contradictions {
                notes.append(
                    "\(MarkdownText.escapeInline(map.name(r.key.subject))) (\(MarkdownText.escapeInline(r.key.scenario))): \(MarkdownText.escapeInline(contradiction.sentence))."
                )
            }
        }
        if results.allSatisfy({ $0.sampleCount == 0 }) && !results.isEmpty {
            notes.append(
                "This tool wrote only aggregate figures (marked †), no raw samples: distributions and quantiles cannot be recomputed."
            )
        }
        context.notes = notes.map(ItemContext.init)
        context.sourceNotes = sourceNotes(run, results).map(ItemContext.init)

        let scenarioNames = map.scenarios(of: results)
        let otherStatistics: [Statistic] = [.mean] + (presentation.percentiles ?? [.p50, .p95, .p99]) + [.max]
        for scenario in scenarioNames {
            let inScenario = map.ranked(results.filter { $0.key.scenario == scenario })
            let runColumns = figureColumns(
                for: inScenario, leading: [.mean, .stddev, .min], percentiles: [.p50, .p90, .p95, .p99],
                trailing: [.max], headlineMedian: false)
            let scenarioSlug = map.scenarioSlug(scenario)
            let rows: [RunRow] = inScenario.map { r in
                RunRow(
                    model: map.name(r.key.subject), modelLink: root + map.subjectPath(r.key.subject),
                    status: statusCell(r),
                    requests: requestsCell(r), failures: r.failures.map(String.init) ?? "—",
                    change: verdictCell(r.verdicts[.latency], fallback: r.changes[.latency]),
                    cells: runColumns.map { CellContext(value: $0.cell(r)) },
                    latency: r.metrics[.latency], timeToFirstToken: r.metrics[.timeToFirstToken],
                    throughputFigures: r.metrics[.throughput])
            }
            var entry = RunScenario(
                heading: scenarioHeading(scenario, count: scenarioNames.count, prefix: "Results"),
                caption: tableCaption("Results", scenario: scenario, noun: noun, rows: inScenario),
                columns: runColumns.map { ColumnContext(header: $0.header) }, rows: rows,
                hasCounts: Self.anyCounts(in: inScenario),
                promptLatencyUnit: "", promptTTFTUnit: "")
            let latencyRows = distributionRows(inScenario, metric: .latency)
            if !latencyRows.isEmpty {
                let id = "latency--\(scenarioSlug)"
                charts[id] = DistributionChart.render(
                    id: id, title: "Latency per request, \(scenario)", metric: .latency, rows: latencyRows,
                    subjectHeader: noun.header)
                entry.distribution = MarkdownText.chartBlock(id)
            }
            // Lines past the number of styles could not be told apart (200 benchmarks): the table's
            // p90, p99 and max and the distribution show those tails.
            let ecdfLines = latencyRows.filter { !$0.sortedValues.isEmpty }.count
            if ecdfLines > 0 && ecdfLines <= SeriesPalette.distinctStyles {
                let id = "ecdf--\(scenarioSlug)"
                charts[id] = ECDFChart.render(
                    id: id, title: "Latency tails (ECDF), \(scenario)", metric: .latency, rows: latencyRows,
                    subjectHeader: noun.header)
                entry.ecdf = MarkdownText.chartBlock(id)
            }
            let ttftRows = distributionRows(inScenario, metric: .timeToFirstToken)
            if !ttftRows.isEmpty && presentation.shows(.timeToFirstToken) {
                let id = "ttft--\(scenarioSlug)"
                charts[id] = DistributionChart.render(
                    id: id, title: "Time to first token per request, \(scenario)", metric: .timeToFirstToken,
                    rows: ttftRows, subjectHeader: noun.header)
                entry.ttftDistribution = MarkdownText.chartBlock(id)
            }

            for r in inScenario.sorted(by: { $0.key < $1.key }) {
                for metric in presentation.metrics where !Metric.main.contains(metric) {
                    guard let figures = r.metrics[metric] else { continue }
                    // Each row in the unit that fits its headline (ns to s, B to GiB).
                    let unit = metric.displayUnit(fitting: figures.headline?.value ?? 0)
                    func scaled(_ statistic: Statistic) -> String {
                        guard let value = figures.value(statistic) else { return "—" }
                        let text = unit.number(value)
                        return figures.source == .reported ? "\(text) <span class=\"reported-mark\">†</span>" : text
                    }
                    entry.otherMetrics.append(
                        OtherMetricRow(
                            model: map.name(r.key.subject), metric: metric.title,
                            unit: metric == .value ? r.result.valueUnit ?? "" : unit.symbol,
                            n: figures.computed.map { String($0.count) } ?? figures.reported?[.count].map(
                                NumberFormatting.plain) ?? "—",
                            mean: scaled(.mean), p50: scaled(.p50), p95: scaled(.p95), p99: scaled(.p99),
                            max: scaled(.max),
                            cells: otherStatistics.map { CellContext(value: scaled($0)) }))
                }
            }
            entry.otherColumns = otherStatistics.map { ColumnContext(header: $0.header) }
            if entry.otherMetrics.count > Self.overviewOpenRows {
                let metrics = Set(entry.otherMetrics.map(\.metric)).count
                entry.otherMetricsFolded = FoldContext(
                    summary:
                        "All \(entry.otherMetrics.count) rows: \(noun.count(Set(entry.otherMetrics.map(\.model)).count)) × \(metrics) metric\(metrics == 1 ? "" : "s")"
                )
            }
            let prompts = inScenario.flatMap(\.prompts)
            let promptLatency = FigureUnit.fitting(
                prompts.flatMap { [$0.latency?.p50, $0.latency?.p95].compactMap { $0 } }, of: .latency)
            let promptTTFT = FigureUnit.fitting(prompts.compactMap { $0.timeToFirstToken?.p50 }, of: .timeToFirstToken)
            for r in inScenario.sorted(by: { $0.key < $1.key }) {
                for p in r.prompts {
                    entry.prompts.append(
                        PromptRow(
                            model: map.name(r.key.subject), prompt: truncate(p.prompt, to: 90), requests: p.requests,
                            failures: p.failures,
                            p50: p.latency.map { promptLatency.text($0.p50, .latency) } ?? "—",
                            p95: p.latency.map { promptLatency.text($0.p95, .latency) } ?? "—",
                            ttft: p.timeToFirstToken.map { promptTTFT.text($0.p50, .timeToFirstToken) } ?? "—",
                            throughput: p.throughput.map { NumberFormatting.significant($0.p50) } ?? "—"))
                }
            }
            if entry.prompts.count > Self.overviewOpenRows {
                let promptCount = Set(inScenario.flatMap { $0.prompts.map(\.prompt) }).count
                entry.promptsFolded = FoldContext(
                    summary:
                        "All \(entry.prompts.count) rows: \(noun.count(Set(entry.prompts.map(\.model)).count)) × \(promptCount) prompt\(promptCount == 1 ? "" : "s")"
                )
            }
            entry.promptLatencyUnit = promptLatency.headerSuffix
            entry.promptTTFTUnit = promptTTFT.headerSuffix
            context.scenarios.append(entry)
        }

        for r in results.sorted(by: { $0.key < $1.key }) where r.result.status != .ok || (r.failures ?? 0) > 0 {
            var parts: [String] = []
            if let failed = r.failures, let requests = r.requests {
                parts.append("\(failed) of \(requests) requests failed")
            }
            if let error = r.result.error { parts.append(MarkdownText.escapeInline(error)) }
            var counts: [String: Int] = [:]
            for sample in r.result.samples where !sample.ok {
                counts[sample.error ?? "no error message", default: 0] += 1
            }
            for (message, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key })
                .prefix(5)
            {
                parts.append("\(MarkdownText.escapeInline(truncate(message, to: 200))) (×\(count))")
            }
            context.failures.append(
                FailureContext(
                    model: map.name(r.key.subject), scenario: r.key.scenario, summary: parts.joined(separator: "; ")))
        }

        for r in results.sorted(by: { $0.key < $1.key }) {
            guard
                let text = r.result.sampleOutput ?? r.result.samples.first(where: { $0.ok && $0.output != nil })?.output
            else { continue }
            context.outputs.append(
                OutputContext(
                    model: map.name(r.key.subject), scenario: r.key.scenario,
                    block: MarkdownText.codeBlock(truncate(text, to: 2000))))
        }
        return try page(
            map.runPath(runIndex), kind: "run", title: map.runTitle(run), template: "run.md", context: context,
            charts: charts, root: root)
    }

    /// The run's verdict against the earlier runs of each series (the Change column's), what it
    /// found, the change points that start at this run and what failed: the first thing on its page.
    func runVerdict(_ runIndex: Int, _ results: [ResultAnalysis], root: String) -> RunVerdictContext {
        let verdicts = results.flatMap { $0.verdicts.values }
        let count = { (verdict: Verdict) in verdicts.filter { $0.verdict == verdict }.count }
        let regressions = count(.regression), improvements = count(.improvement)
        let changePoints = results.flatMap { result in
            (analysis.changePoints[result.key] ?? []).filter { $0.runIndex == runIndex }.map { (result.key, $0) }
        }
        let found = HighlightFinder.highlights(for: results, verdicts: verdicts, recentChangePoints: changePoints)
        var parts: [String] = []
        if regressions > 0 { parts.append("\(regressions) regression\(regressions == 1 ? "" : "s")") }
        if improvements > 0 { parts.append("\(improvements) improvement\(improvements == 1 ? "" : "s")") }
        let judged = verdicts.filter { $0.verdict != .insufficientData }.count
        let headline: String
        if !parts.isEmpty {
            headline = "**Verdict: \(parts.joined(separator: ", "))** against the earlier runs of each series"
        } else if judged > 0 {
            headline =
                "**Verdict: no change beyond the run-to-run noise** in \(judged) comparison\(judged == 1 ? "" : "s") with the earlier runs of each series"
        } else {
            headline =
                "**No verdict yet**: a series needs \(Comparator.minimumHistory) earlier comparable runs to know how much its runs vary"
        }
        let text = HighlightText(map: map, analysis: analysis, style: .site(root: root))
        let highlights = Highlights(
            fastest: [], highestThroughput: [], verdicts: found.verdicts, recentChangePoints: changePoints,
            failed: found.failed)
        var items = text.items(highlights, against: "", page: runIndex, noun: map.noun(ofRun: runIndex))
        let shown = found.verdicts.count, significant = regressions + improvements
        if significant > shown {
            items.insert("… and \(significant - shown) more in the tables below", at: shown)
        }
        return RunVerdictContext(headline: headline + ".", items: items.map(ItemContext.init))
    }

    /// What a reader should know about where the numbers of a run came from.
    func sourceNotes(_ run: Run, _ results: [ResultAnalysis]) -> [String] {
        var notes = run.source.notes.map { MarkdownText.escapeInline($0) }
        var computed: [String] = []
        var reportedOnly: [String] = []
        for metric in Metric.allCases {
            let figures = results.compactMap { $0.metrics[metric] }
            guard !figures.isEmpty else { continue }
            let fields = Set(
                results.compactMap { $0.metrics[metric]?.computed != nil ? $0.result.sampleFields[metric] : nil }
            ).sorted()
            if figures.contains(where: { $0.computed != nil }) {
                computed.append(
                    metric.title.lowercased()
                        + (fields.isEmpty ? "" : " (from \(fields.map(MarkdownText.codeSpan).joined(separator: ", ")))")
                )
            } else {
                let names = Set(
                    figures.compactMap { f in
                        f.reported.flatMap { $0.fields[.mean] ?? $0.fields[.p50] ?? $0.fields.values.sorted().first }
                    }
                ).sorted()
                reportedOnly.append(
                    metric.title.lowercased()
                        + (names.isEmpty ? "" : " (\(names.map(MarkdownText.codeSpan).joined(separator: ", ")) ...)"))
            }
        }
        if !computed.isEmpty { notes.append("Computed from raw samples: \(computed.joined(separator: ", ")).") }
        if !reportedOnly.isEmpty {
            notes.append("Only as reported by the tool (†): \(reportedOnly.joined(separator: ", ")).")
        }
        if !run.source.unreadFields.isEmpty {
            let shown = run.source.unreadFields.prefix(40).map(MarkdownText.codeSpan)
            notes.append(
                "Fields benchsite did not read: \(shown.joined(separator: ", "))\(run.source.unreadFields.count > 40 ? " and \(run.source.unreadFields.count - 40) more" : "")."
            )
        }
        return notes
    }
}
