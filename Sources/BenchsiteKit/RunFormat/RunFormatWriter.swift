/// Writes benchsite's own run format, the twin of `RunFormatReader` (the keys are `RunFormatKey`):
/// each run of the site as a piece of its published history (`HistoryPieces`), with its samples,
/// reported figures and source, and the model metadata beside them, so a site can be rebuilt (or
/// extended with tonight's run) from its published data alone.
public enum RunFormatWriter {
    /// `data/metadata.json`: the model facts and quality scores of a site (a history with no runs),
    /// nil when there are none.
    public static func metadata(_ metadata: Metadata) -> [UInt8]? {
        guard !metadata.models.isEmpty || !metadata.qualityScores.isEmpty else { return nil }
        return Array((header(metadata) + " \"runs\": []\n}\n").utf8)
    }

    /// One run as a file of its own (`benchsite-run/1`): a piece of the published history.
    public static func piece(_ run: Run) -> [UInt8] {
        var out = ByteWriter(capacity: run.results.reduce(4096) { $0 + $1.samples.count * 120 })
        piece(run, into: &out)
        return out.bytes
    }

    /// `piece(_:)` written into `out` (which may hand it on in chunks: `ByteWriter.drain`).
    static func piece(_ run: Run, into out: inout ByteWriter) {
        out.append("{\"format\": \"\(RunFormatKey.runFormatTag)\", ")
        runFields(run, into: &out)
        out.append("}\n")
    }

    static func header(_ metadata: Metadata) -> String {
        var out = "{\n \"format\": \"\(RunFormatKey.historyFormatTag)\",\n"
        if !metadata.models.isEmpty {
            let models = metadata.models.sorted(by: { $0.key < $1.key }).map { name, info -> String in
                var fields: [String] = []
                if !info.capabilities.isEmpty {
                    fields.append(
                        "\"capabilities\": [\(info.capabilities.map(JSONText.quote).joined(separator: ", "))]")
                }
                if let size = info.sizeMB { fields.append("\"size_mb\": \(NumberFormatting.plain(size))") }
                if let license = info.license { fields.append("\"license\": \(JSONText.quote(license))") }
                fields += info.extra.map { "\(JSONText.quote($0.key)): \(JSONText.quote($0.value))" }
                return "  \(JSONText.quote(name)): {\(fields.joined(separator: ", "))}"
            }
            out += " \"models\": {\n\(models.joined(separator: ",\n"))\n },\n"
        }
        if !metadata.qualityScores.isEmpty {
            let scores = metadata.qualityScores.map { score -> String in
                var fields = [
                    "\"model\": \(JSONText.quote(score.model))", "\"prompt\": \(JSONText.quote(score.prompt))",
                    "\"score\": \(NumberFormatting.plain(score.score))",
                ]
                if let note = score.note { fields.append("\"note\": \(JSONText.quote(note))") }
                return "   {\(fields.joined(separator: ", "))}"
            }
            let rubric = metadata.rubric.map { "\"rubric\": \(JSONText.quote($0)), " } ?? ""
            out += " \"quality\": {\(rubric)\"scores\": [\n\(scores.joined(separator: ",\n"))\n ]},\n"
        }
        return out
    }

    static func run(_ run: Run) -> String {
        var out = ByteWriter()
        runFields(run, into: &out)
        return "  {" + String(decoding: out.bytes, as: UTF8.self) + "}"
    }

    /// A run's fields, its results (and their samples) last, written as bytes: this is most of the
    /// published history.
    static func runFields(_ run: Run, into out: inout ByteWriter) {
        var fields: [String] = ["\"id\": \(JSONText.quote(run.id))"]
        if let label = run.label { fields.append("\"label\": \(JSONText.quote(label))") }
        if let stamp = run.timestamp {
            let whole = stamp.secondsSince1970 == stamp.secondsSince1970.rounded()
            fields.append(
                "\"timestamp\": \(whole ? JSONText.quote(stamp.iso8601) : NumberFormatting.plain(stamp.secondsSince1970))"
            )
        }
        if let vc = run.versionControl {
            if let commit = vc.commit { fields.append("\"commit\": \(JSONText.quote(commit))") }
            if let branch = vc.branch { fields.append("\"branch\": \(JSONText.quote(branch))") }
            if let dirty = vc.dirty { fields.append("\"dirty\": \(dirty)") }
        }
        var source = [
            "\"format\": \(JSONText.quote(run.source.format))", "\"file\": \(JSONText.quote(run.source.file))",
        ]
        if let tool = run.source.tool { source.append("\"tool\": \(JSONText.quote(tool))") }
        if !run.source.notes.isEmpty {
            source.append("\"notes\": [\(run.source.notes.map(JSONText.quote).joined(separator: ", "))]")
        }
        if !run.source.unreadFields.isEmpty {
            source.append("\"unread_fields\": [\(run.source.unreadFields.map(JSONText.quote).joined(separator: ", "))]")
        }
        if run.source.aggregatesOnly { source.append("\"aggregates_only\": true") }
        if let from = run.timestampSource { source.append("\"timestamp_from\": \(JSONText.quote(from.rawValue))") }
        fields.append("\"source\": {\(source.joined(separator: ", "))}")
        let environment =
            [
                ("host", run.environment.host), ("os", run.environment.os), ("cpu", run.environment.cpu),
                ("gpu", run.environment.gpu),
                ("accelerator", run.environment.accelerator),
            ].compactMap { key, value in value.map { "\"\(key)\": \(JSONText.quote($0))" } }
            + run.environment.extra.map { "\(JSONText.quote($0.key)): \(JSONText.quote($0.value))" }
        if !environment.isEmpty { fields.append("\"environment\": {\(environment.joined(separator: ", "))}") }
        if !run.configuration.isEmpty { fields.append("\"configuration\": {\(keyValues(run.configuration))}") }
        if !run.labels.isEmpty { fields.append("\"labels\": {\(keyValues(run.labels))}") }
        if !run.prompts.isEmpty {
            fields.append("\"prompts\": [\(run.prompts.map(JSONText.quote).joined(separator: ", "))]")
        }
        for field in fields {
            out.append(field)
            out.append(", ")
        }
        out.append("\"results\": [\n")
        for (index, entry) in run.results.enumerated() {
            if index > 0 { out.append(",\n") }
            result(entry, prompts: run.prompts, into: &out)
        }
        out.append("\n  ]")
    }

    static func keyValues(_ pairs: [KeyValue]) -> String {
        pairs.map { "\(JSONText.quote($0.key)): \(JSONText.quote($0.value))" }.joined(separator: ", ")
    }

    static func number(_ value: Double) -> String { NumberFormatting.plain(value) }

    static func result(_ result: RunResult, prompts: [String], into samples: inout ByteWriter) {
        var fields = [
            "\"model\": \(JSONText.quote(result.subject))", "\"scenario\": \(JSONText.quote(result.scenario))",
            "\"status\": \(JSONText.quote(result.status.rawValue))",
        ]
        if let id = result.subjectID { fields.append("\"model_id\": \(JSONText.quote(id))") }
        if let error = result.error { fields.append("\"error\": \(JSONText.quote(error))") }
        if let planned = result.configuredRequests { fields.append("\"configured_requests\": \(planned)") }
        if let completed = result.reportedSuccesses { fields.append("\"completed\": \(completed)") }
        if let output = result.sampleOutput { fields.append("\"sample_output\": \(JSONText.quote(output))") }
        if let unit = result.valueUnit { fields.append("\"value_unit\": \(JSONText.quote(unit))") }
        if !result.parameters.isEmpty { fields.append("\"parameters\": {\(keyValues(result.parameters))}") }
        if result.throughputScope != .request {
            fields.append("\"throughput_scope\": \(JSONText.quote(result.throughputScope.rawValue))")
        }
        if !result.sampleFields.isEmpty {
            let pairs = result.sampleFields.sorted { $0.key < $1.key }.map {
                "\(JSONText.quote($0.key.rawValue)): \(JSONText.quote($0.value))"
            }
            fields.append("\"sample_fields\": {\(pairs.joined(separator: ", "))}")
        }
        var reported: [String] = []
        for (key, metric) in RunFormatKey.metrics {
            guard let stats = result.reported[metric] else { continue }
            var values: [String] = []
            var names: [String] = []
            for statistic in Statistic.allCases {
                guard let value = stats[statistic] else { continue }
                values.append("\"\(statistic.rawValue)\": \(number(value))")
                if let field = stats.fields[statistic] {
                    names.append("\"\(statistic.rawValue)\": \(JSONText.quote(field))")
                }
            }
            let approximate = stats.approximatePercentiles ? ", \"approximate_percentiles\": true" : ""
            reported.append(
                "\"\(key)\": {\(values.joined(separator: ", ")), \"fields\": {\(names.joined(separator: ", "))}\(approximate)}"
            )
        }
        if !reported.isEmpty { fields.append("\"reported\": {\(reported.joined(separator: ", "))}") }
        let promptIndex = Dictionary(
            prompts.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        // Bytes, not Strings: this runs for every sample of every run.
        samples.append("   {")
        for field in fields {
            samples.append(field)
            samples.append(", ")
        }
        samples.append("\"samples\": [")
        let keys = SampleKeys.shared
        var promptPlaces = RecentPrompts<Int?> { promptIndex[$0] }
        // Each sample read in place: a copy of it would retain and release its references.
        result.samples.withUnsafeBufferPointer { all in
            for index in all.indices {
                samples.append(index == 0 ? keys.firstOpen : keys.nextOpen)
                var first = true
                func key(_ name: SampleKeys.Key) {
                    samples.append(first ? name.first : name.next)
                    first = false
                }
                func add(_ name: SampleKeys.Key, _ value: Double?) {
                    guard let value else { return }
                    key(name)
                    samples.plain(value)
                }
                func add(_ name: SampleKeys.Key, _ value: Int?) {
                    guard let value else { return }
                    key(name)
                    samples.integer(value)
                }
                if !all[index].ok {
                    key(keys.ok)
                    samples.append("false")
                }
                if let error = all[index].error {
                    key(keys.error)
                    samples.quoted(error)
                }
                if let prompt = all[index].prompt {
                    if let position = promptPlaces[prompt] {
                        add(keys.promptIndex, position)
                    } else {
                        key(keys.prompt)
                        samples.quoted(prompt)
                    }
                }
                add(keys.latency, all[index].latency)
                add(keys.timeToFirstToken, all[index].timeToFirstToken)
                add(keys.timePerOutputToken, all[index].timePerOutputToken)
                add(keys.interTokenLatency, all[index].interTokenLatency)
                if let gaps = all[index].interTokenGaps {
                    key(keys.interTokenGaps)
                    samples.append("[")
                    for (position, gap) in gaps.enumerated() {
                        if position > 0 { samples.append(", ") }
                        samples.plain(gap)
                    }
                    samples.append("]")
                }
                add(keys.promptTokens, all[index].promptTokens)
                add(keys.completionTokens, all[index].completionTokens)
                add(keys.tokensPerSecond, all[index].reportedTokensPerSecond)
                add(keys.cpuTime, all[index].cpuTime)
                add(keys.memoryBytes, all[index].memoryBytes)
                add(keys.value, all[index].value)
                if let output = all[index].output {
                    key(keys.output)
                    samples.quoted(output)
                }
                samples.append(byte: 0x7D)  // }
                samples.drainIfFull()
            }
        }
        samples.append(result.samples.isEmpty ? "]}" : "\n    ]}")
    }
}

/// A sample's keys as the bytes the writer puts before each value, first in its object or after
/// another (`"latency_s": `, `, "latency_s": `).
struct SampleKeys: Sendable {
    struct Key: Sendable {
        let first: StaticBytes
        let next: StaticBytes

        init(_ name: String) {
            first = StaticBytes("\"\(name)\": ")
            next = StaticBytes(", \"\(name)\": ")
        }
    }

    static let shared = SampleKeys()

    let firstOpen = StaticBytes("\n     {")
    let nextOpen = StaticBytes(",\n     {")
    let ok = Key(RunFormatKey.ok)
    let error = Key(RunFormatKey.error)
    let prompt = Key(RunFormatKey.prompt)
    let promptIndex = Key(RunFormatKey.promptIndex)
    let latency = Key(RunFormatKey.latency)
    let timeToFirstToken = Key(RunFormatKey.timeToFirstToken)
    let timePerOutputToken = Key(RunFormatKey.timePerOutputToken)
    let interTokenLatency = Key(RunFormatKey.interTokenLatency)
    let interTokenGaps = Key(RunFormatKey.interTokenGaps)
    let promptTokens = Key(RunFormatKey.promptTokens)
    let completionTokens = Key(RunFormatKey.completionTokens)
    let tokensPerSecond = Key(RunFormatKey.tokensPerSecond)
    let cpuTime = Key(RunFormatKey.cpuTime)
    let memoryBytes = Key(RunFormatKey.memoryBytes)
    let value = Key(RunFormatKey.value)
    let output = Key(RunFormatKey.output)
}

/// What a run's few prompts map to, for its samples in turn: the prompts seen so far are compared
/// (the samples' prompts share their storage with the run's, so that is a pointer check), and only
/// a prompt not among the first few is looked up by `make`; runs cycle through a handful of prompts.
struct RecentPrompts<Value> {
    private var prompts: [String] = []
    private var values: [Value] = []
    private let make: (String) -> Value

    init(_ make: @escaping (String) -> Value) { self.make = make }

    subscript(prompt: String) -> Value {
        mutating get {
            for index in prompts.indices where prompts[index] == prompt { return values[index] }
            let value = make(prompt)
            if prompts.count < 16 {
                prompts.append(prompt)
                values.append(value)
            }
            return value
        }
    }
}
