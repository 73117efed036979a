/// airspeed velocity (asv) results folders (`results/` by default `.asv/results/`):
/// - `<machine>/<commit[:8]>-<env>.json`, one per commit and environment: format 2 rows laid out by
///   `result_columns` (`result`, `params`, `version`, `started_at`, `duration`, `stats_*`, `samples`),
///   one entry per parameter combination in `itertools.product` order; format 1 holds a number, a
///   list or a `{result, params, stats, samples}` object per benchmark. `null` is a failure, `NaN` a
///   skipped combination.
/// - `benchmarks.json`, the definitions: each benchmark's type (`time`, `memory`, `peakmemory`,
///   `track`), unit and parameter names. Read beside the results; without it, types come from the
///   name prefix (`time_`, `mem_`, `peakmem_`, `track_`) and parameters are named by position.
/// - `<machine>/machine.json`: the same facts as each result file's `params`; read for nothing.
///
/// A result file is one run: dated by the commit's date (asv's own time axis), labelled with the
/// commit. A time benchmark's `result` is the median of its samples; the samples themselves are
/// present only with `asv run --record-samples`.
struct ASVResultsFormat: InputFormat {
    let signature = ["commit_hash", "results", "result_columns", "env_name", "date"]
    let name = "asv"
    let displayName = "asv results"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root else { return false }
        return root["commit_hash"]?.stringValue != nil && root["results"]?.objectMembers != nil
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        guard let root = document.root, let benchmarks = reader.object(root, "results", in: "the file") else {
            return FormatOutput()
        }
        let columns = (reader.array(root, "result_columns", in: "the file") ?? []).compactMap(\.stringValue)
        // Each column's places in a row, found once per file (a name listed twice: its last place in the row).
        var columnPlaces: [String: [Int]] = [:]
        for (index, name) in columns.enumerated() { columnPlaces[name, default: []].append(index) }
        let formatVersion = root["version"]?.numberValue ?? (columns.isEmpty ? 1 : 2)
        var results: [RunResult] = []
        var firstStart: Timestamp?
        for member in benchmarks.objectMembers ?? [] {
            let place = "results.\(member.key)"
            let entry: Entry
            if formatVersion >= 2 {
                guard let row = member.value.arrayElements else {
                    reader.error(
                        "expected an array (a row of result_columns) for \(place), found \(member.value.kindDescription)",
                        at: member.value)
                    continue
                }
                entry = Entry(row: row, columnPlaces: columnPlaces)
            } else {
                entry = Entry(version1: member.value)
            }
            if let started = entry.column("started_at")?.numberValue, let stamp = Timestamp(epochMilliseconds: started)
            {
                if firstStart.map({ stamp < $0 }) ?? true { firstStart = stamp }
            }
            results += self.results(member.key, entry, place: place, reader: &reader)
        }
        let commit = reader.string(root, "commit_hash", in: "the file")
        let environmentName = reader.string(root, "env_name", in: "the file")
        var timestamp: Timestamp?
        if let date = reader.number(root, "date", in: "the file") {
            timestamp = Timestamp(epochMilliseconds: date)
            if timestamp == nil {
                reader.error(
                    "expected the commit date in milliseconds since 1970 for \"date\", found \(NumberFormatting.plain(date))",
                    at: root["date"])
            }
        }
        let params = root["params"]
        var environment = Environment()
        environment.host = params?["machine"]?.stringValue
        environment.cpu =
            [params?["cpu"]?.stringValue, params?["num_cpu"].map { "\(JSONText.compact($0)) CPUs" }].compactMap { $0 }
            .joined(separator: ", ").nilIfEmpty
        environment.os = params?["os"]?.stringValue
        if let python = reader.string(root, "python", in: "the file") {
            environment.extra.append(KeyValue("python", python))
        }
        for requirement in root["requirements"]?.objectMembers ?? [] {
            environment.extra.append(KeyValue(requirement.key, JSONText.compact(requirement.value)))
        }
        var source = RunSource(
            format: displayName, file: reader.file.path,
            tool: "airspeed velocity (results format \(NumberFormatting.plain(formatVersion)))")
        source.notes.append(
            "Dated by the commit's date, as asv plots it\(firstStart.map { "; the benchmarks ran from \($0.display)" } ?? "")."
        )
        source.aggregatesOnly = results.allSatisfy { $0.samples.isEmpty }
        if source.aggregatesOnly {
            source.notes.append(
                "asv keeps each benchmark's median (and quartiles), not its samples, unless run with --record-samples.")
        }
        var run = Run(
            id: [commit.map { String($0.prefix(8)) }, environmentName].compactMap { $0 }.joined(separator: "-"),
            label: commit.map { String($0.prefix(8)) }, timestamp: timestamp,
            timestampSource: timestamp == nil ? nil : .file, source: source,
            environment: environment, versionControl: commit.map { VersionControl(commit: $0) }, results: results)
        if let environmentName { run.labels.append(KeyValue("environment", environmentName)) }
        // The definitions (benchmarks.json) sit in the results folder, one level above the machine folders.
        run.companionKey = ASVResultsFormat.resultsFolder(of: reader.file.path)
        return FormatOutput(runs: [run])
    }

    /// The folder holding `benchmarks.json` for a result file: `results/` in `results/<machine>/<file>.json`.
    static func resultsFolder(of path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()  // the file
        if !parts.isEmpty { parts.removeLast() }  // the machine folder
        return parts.joined(separator: "/")
    }

    /// One benchmark's row, by column name.
    private struct Entry {
        /// Format 1's fields by name.
        var values: [String: JSONNode] = [:]
        /// Format 2's row, read through the file's column places (a few columns of every row are
        /// read: no table of the row by name is made).
        var row: [JSONNode] = []
        var columnPlaces: [String: [Int]] = [:]

        init(row: [JSONNode], columnPlaces: [String: [Int]]) {
            self.row = row
            self.columnPlaces = columnPlaces
        }

        init(version1 node: JSONNode) {
            if node.objectMembers != nil {
                for member in node.objectMembers ?? [] { values[member.key] = member.value }
                if let stats = node["stats"]?.arrayElements {
                    // [{"ci_99": [a, b], "q_25", "q_75", "number", "repeat"}] → columns of format 2.
                    for key in ["q_25", "q_75", "number", "repeat"] {
                        values["stats_\(key)"] = JSONNode(
                            value: .array(stats.map { $0[key] ?? JSONNode(value: .null, offset: $0.offset) }),
                            offset: node.offset)
                    }
                }
            } else {
                values["result"] = node
            }
        }

        func column(_ name: String) -> JSONNode? {
            // Trailing null columns are dropped by asv, so rows are shorter than the column list.
            if let places = columnPlaces[name] { return places.last { $0 < row.count }.map { row[$0] } }
            return values[name]
        }
    }

    private func results(_ benchmark: String, _ entry: Entry, place: String, reader: inout FieldReader) -> [RunResult] {
        let parameterLists = (entry.column("params")?.arrayElements ?? []).map {
            ($0.arrayElements ?? []).map { JSONText.compact($0) }
        }
        let combinations = Self.product(parameterLists)
        let resultNode = entry.column("result")
        let values: [JSONNode?]
        if let list = resultNode?.arrayElements {
            values = list
        } else {
            values = [resultNode]  // one number, or null when every combination failed
        }
        let everyFailed = resultNode == nil || resultNode?.isNull == true
        let count = everyFailed ? max(combinations.count, 1) : values.count
        if !everyFailed, !combinations.isEmpty, values.count != combinations.count {
            reader.warning(
                "\(place) has \(values.count) results for \(combinations.count) parameter combinations; they are matched in order",
                at: resultNode)
        }
        let kind = ASVBenchmark.kind(forName: benchmark)
        let samples = entry.column("samples")?.arrayElements
        let repeats = entry.column("stats_repeat")?.arrayElements
        var out: [RunResult] = []
        for index in 0..<count {
            let parameters = index < combinations.count ? combinations[index] : []
            var result = RunResult(
                subject: benchmark,
                scenario: parameters.isEmpty
                    ? "default" : parameters.map(ASVBenchmark.displayValue).joined(separator: " · "))
            result.parameters = parameters.enumerated().map { KeyValue("param\($0.offset + 1)", $0.element) }
            if let version = entry.column("version")?.stringValue {
                result.parameters.append(KeyValue(ASVBenchmark.versionKey, version))
            }
            let metric = kind.metric
            if metric == .value { result.valueUnit = "unit" }
            let node = everyFailed ? nil : values[index]
            if node == nil || node?.isNull == true {
                result.status = .failed
                result.error = "the benchmark failed (asv result null)"
                out.append(result)
                continue
            }
            guard let value = node?.numberValue else {
                reader.error(
                    "expected a number or null for the result of \(place)[\(index)], found \(node?.kindDescription ?? "nothing")",
                    at: node)
                continue
            }
            if value.isNaN {
                result.error = "skipped (asv result NaN)"
                out.append(result)
                continue
            }
            let statistic: Statistic = kind == .time ? .p50 : .mean
            var stats = ReportedStatistics()
            stats.set(statistic, value, field: "result")
            if let n = repeats?[safe: index]?.numberValue, let whole = FormatSupport.wholeNumber(n) {
                stats.set(.count, Double(whole), field: "stats_repeat")
            }
            result.reported[metric] = stats
            if let list = samples?[safe: index]?.arrayElements {
                for (k, sampleNode) in list.enumerated() {
                    guard let seconds = sampleNode.numberValue, seconds.isFinite, seconds >= 0 else {
                        reader.error(
                            "expected a non-negative number at samples[\(index)][\(k)] in \(place), found \(sampleNode.kindDescription)",
                            at: sampleNode)
                        continue
                    }
                    var sample = Sample()
                    switch metric {
                    case .memory: sample.memoryBytes = seconds
                    case .value: sample.value = seconds
                    default: sample.latency = seconds
                    }
                    result.samples.append(sample)
                }
                result.sampleFields = [metric: "samples"]
            } else if kind != .time {
                // Memory and track benchmarks measure one number per run: that is the sample.
                var sample = Sample()
                if metric == .memory { sample.memoryBytes = value } else { sample.value = value }
                result.samples.append(sample)
                result.sampleFields = [metric: "result"]
                result.reported = [:]
            }
            out.append(result)
        }
        return out
    }

    /// The cartesian product of parameter lists, first parameter slowest (`itertools.product`).
    static func product(_ lists: [[String]]) -> [[String]] {
        guard !lists.isEmpty else { return [] }
        var out: [[String]] = [[]]
        for list in lists {
            var next: [[String]] = []
            for prefix in out { for value in list { next.append(prefix + [value]) } }
            out = next
            if out.count > 100_000 { break }  // a hostile file cannot ask for more rows than it could hold
        }
        return out
    }
}

/// What `benchmarks.json` says about one benchmark.
public struct ASVBenchmark: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case time, memory, peakmemory, track

        var metric: Metric {
            switch self {
            case .time: return .latency
            case .memory, .peakmemory: return .memory
            case .track: return .value
            }
        }
    }

    public var kind: Kind
    public var unit: String
    public var parameterNames: [String]
    /// The hash of the benchmark's code: results measured with other code are not comparable (asv drops them).
    public var version: String?

    /// The parameter that carries a result's code version until the definitions are applied.
    static let versionKey = "asv code version"

    /// asv's own rule when a benchmark has no definition: its name's prefix.
    static func kind(forName name: String) -> Kind {
        // The part after the last dot (trailing dots ignored), on the bytes, without splitting the name.
        let bytes = name.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: ".") {
            end = bytes.index(before: end)
        }
        let dot = bytes[..<end].lastIndex(of: UInt8(ascii: "."))
        let function = Substring(bytes[(dot.map { bytes.index(after: $0) } ?? bytes.startIndex)..<end])
        if function.hasPrefix("mem_") { return .memory }
        if function.hasPrefix("peakmem_") { return .peakmemory }
        if function.hasPrefix("track_") { return .track }
        return .time
    }

    /// asv writes parameter values as Python reprs: `'list'` is shown as list.
    static func displayValue(_ repr: String) -> String {
        if repr.count >= 2, let first = repr.first, first == repr.last, first == "'" || first == "\"" {
            return String(repr.dropFirst().dropLast())
        }
        return repr
    }
}

/// asv's `benchmarks.json`: the definitions the result files in the same folder refer to.
struct ASVBenchmarksFormat: InputFormat {
    let signature = ["version", "name", "type", "unit", "param_names", "params"]
    let name = "asv-benchmarks"
    let displayName = "asv benchmark definitions"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let members = root.objectMembers, !members.isEmpty else { return false }
        let definitions = members.filter { $0.key != "version" }
        return !definitions.isEmpty
            && definitions.allSatisfy { $0.value["type"]?.stringValue != nil && $0.value["name"] != nil }
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        guard let root = document.root else { return output }
        var definitions: [String: ASVBenchmark] = [:]
        for member in root.objectMembers ?? [] where member.key != "version" {
            let place = "benchmark \"\(member.key)\""
            let type = reader.string(member.value, "type", in: place) ?? "time"
            let kind = ASVBenchmark.Kind(rawValue: type) ?? .track
            let names = (reader.array(member.value, "param_names", in: place) ?? []).compactMap(\.stringValue)
            definitions[member.key] = ASVBenchmark(
                kind: kind, unit: reader.string(member.value, "unit", in: place) ?? "unit", parameterNames: names,
                version: reader.string(member.value, "version", in: place))
        }
        let folder = reader.file.path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
            separator: "/")
        output.metadata.asvDefinitions[folder] = definitions
        return output
    }
}

/// asv's `machine.json`: its facts are in every result file too, so it adds nothing; recognised so
/// that a results folder reads without errors.
struct ASVMachineFormat: InputFormat {
    let signature = ["arch", "cpu", "machine", "num_cpu", "os", "ram", "version"]
    let name = "asv-machine"
    let displayName = "asv machine description"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root else { return false }
        return root["machine"] != nil && root["arch"] != nil && root["os"] != nil && root["results"] == nil
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput { FormatOutput() }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension Ingest {
    /// Names the parameters and units of asv runs from the `benchmarks.json` read beside them.
    static func applyASVDefinitions(
        _ runs: inout [Run], _ definitions: [String: [String: ASVBenchmark]], diagnostics: inout [Diagnostic]
    ) {
        // What each run needs, in order: nothing (not asv), the code version taken out (no
        // definitions beside it: warned about once per folder), or its definitions applied.
        enum Step {
            case none, stripVersion
            case apply([String: ASVBenchmark])
        }
        var warned = Set<String>()
        let steps = runs.map { run -> Step in
            guard run.source.format == ASVResultsFormat().displayName, let folder = run.companionKey else {
                return .none
            }
            if let known = definitions[folder] { return .apply(known) }
            if warned.insert(folder).inserted {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "no benchmarks.json beside these asv results; parameters are named by position and track units are unknown",
                        file: run.source.file))
            }
            return .stripVersion
        }
        // Then each run on its own, on all cores, its results changed in place.
        parallelUpdate(&runs) { index, run in
            switch steps[index] {
            case .none: return
            case .stripVersion:
                for r in run.results.indices {
                    run.results[r].parameters.removeAll { $0.key == ASVBenchmark.versionKey }
                }
            case .apply(let known): applyDefinitions(known, to: &run)
            }
        }
    }

    /// One asv run's results named and typed by their definitions; those measured with another
    /// version of their benchmark's code left out, with a note.
    private static func applyDefinitions(_ known: [String: ASVBenchmark], to run: inout Run) {
        var stale: [String] = []
        var isStale = [Bool](repeating: false, count: run.results.count)
        for r in run.results.indices {
            let version = run.results[r].parameters.first { $0.key == ASVBenchmark.versionKey }?.value
            run.results[r].parameters.removeAll { $0.key == ASVBenchmark.versionKey }
            guard let definition = known[run.results[r].subject] else { continue }
            if let version, let current = definition.version, version != current {
                stale.append(run.results[r].subject)
                isStale[r] = true
                continue
            }
            let positional = run.results[r].parameters
            if !positional.isEmpty, definition.parameterNames.count == positional.count {
                let named = zip(definition.parameterNames, positional).map { KeyValue($0, $1.value) }
                run.results[r].parameters = named
                run.results[r].scenario = named.map { "\($0.key)=\(ASVBenchmark.displayValue($0.value))" }
                    .joined(separator: " · ")
            }
            if definition.kind == .track { run.results[r].valueUnit = definition.unit }
        }
        guard !stale.isEmpty else { return }
        let results = run.results
        run.results = results.indices.filter { !isStale[$0] }.map { results[$0] }
        let names = Array(Set(stale)).sorted()
        run.source.notes.append(
            "Left out, as asv does, because the benchmark's code changed since they were measured (their version differs from benchmarks.json): \(names.joined(separator: ", "))."
        )
    }
}
