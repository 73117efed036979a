/// The History stage: order runs in time, drop repeated runs, key series, merge metadata.
public enum HistoryBuilder {
    /// The history of `input`, keeping only the latest `keepLatest` runs when given; what was merged
    /// or renamed goes to `diagnostics`.
    public static func build(
        runs input: [Run], metadata: Metadata, keepLatest: Int? = nil, diagnostics collector: DiagnosticCollector
    )
        -> History
    {
        var diagnostics: [Diagnostic] = []
        defer { collector.emit(diagnostics) }
        let ordered = input.sorted { a, b in
            let ta = a.timestamp?.secondsSince1970 ?? -.infinity
            let tb = b.timestamp?.secondsSince1970 ?? -.infinity
            if ta != tb { return ta < tb }
            if a.id != b.id { return a.id < b.id }
            return a.source.file < b.source.file
        }
        // Each run's series separated and its fingerprint taken on all cores (a fingerprint sums
        // every sample); then the runs in time order, one by one.
        let prepared = parallelMap(ordered.count) { index -> (run: Run, messages: [String], print: String) in
            var run = ordered[index]
            // Runs read by Ingest are already separated; runs built in code may not be.
            let messages = run.separateSeries()
            return (run, messages, fingerprint(run))
        }
        var kept: [Run] = []
        var fingerprints: [String: String] = [:]
        var usedIDs: Set<String> = []
        for (run, messages, print) in prepared {
            var run = run
            for message in messages {
                diagnostics.append(Diagnostic(.warning, message, file: run.source.file))
            }
            if let first = fingerprints[print] {
                diagnostics.append(
                    Diagnostic(
                        .warning, "the same run as in \(first) (same time and results); it is read once",
                        file: run.source.file))
                continue
            }
            fingerprints[print] = run.source.file
            if usedIDs.contains(run.id) {
                var n = 2
                while usedIDs.contains("\(run.id)-\(n)") { n += 1 }
                diagnostics.append(
                    Diagnostic(
                        .warning, "run id \"\(run.id)\" is used by another run; this one is called \"\(run.id)-\(n)\"",
                        file: run.source.file))
                run.id = "\(run.id)-\(n)"
            }
            usedIDs.insert(run.id)
            kept.append(run)
        }
        if let keepLatest, kept.count > keepLatest { kept = Array(kept.suffix(max(keepLatest, 0))) }
        var subjects = Set<String>()
        var series = Set<SeriesKey>()
        // By index: a `for result in` loop copies every result (a dozen references) to read two fields.
        for run in kept {
            let results = run.results
            for index in results.indices {
                subjects.insert(results[index].subject)
                series.insert(SeriesKey(subject: results[index].subject, scenario: results[index].scenario))
            }
        }
        return History(runs: kept, metadata: metadata, subjects: subjects.sorted(), series: series.sorted())
    }

    /// Two runs with the same id, time and measurements are the same run read twice (a copied file).
    static func fingerprint(_ run: Run) -> String {
        if let known = run.knownFingerprint { return known }
        var text = run.id + "|" + (run.timestamp.map { NumberFormatting.plain($0.secondsSince1970) } ?? "undated")
        let metrics = Metric.allCases
        for result in run.results.sorted(by: { $0.seriesKey < $1.seriesKey }) {
            text += "|\(result.subject)|\(result.scenario)|\(result.samples.count)"
            // Every metric's sum in one pass over the samples (each sum in sample order, as one pass
            // per metric would add them).
            var sums = [Double](repeating: 0, count: metrics.count)
            for index in result.samples.indices {
                for (position, metric) in metrics.enumerated() {
                    sums[position] += result.samples[index].value(of: metric) ?? 0
                }
            }
            for (position, metric) in metrics.enumerated() {
                // The metric's figures looked up once, not once per statistic.
                let figures = result.reported[metric]
                let reported =
                    figures.map { figures in
                        Statistic.allCases.compactMap { figures[$0] }.map(NumberFormatting.plain).joined(separator: ",")
                    } ?? ""
                text += "|\(NumberFormatting.plain(sums[position]))|\(reported)"
            }
        }
        return text
    }
}
