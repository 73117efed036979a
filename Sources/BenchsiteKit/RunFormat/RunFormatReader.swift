/// benchsite's own run format (`"format": "benchsite-run/1"`), documented in `docs/run-format.md`
/// with the JSON Schema `docs/benchsite-run.schema.json`. A file holds one run, or several under
/// `"runs"` (`"format": "benchsite-history/1"`).
struct RunFormatReader: InputFormat {
    let signature = ["format", "results"]
    let name = "benchsite"
    let displayName = "benchsite run"

    func matches(_ document: InputDocument) -> Bool {
        guard let root = document.root, let tag = root["format"]?.stringValue else { return false }
        return tag.hasPrefix("benchsite-")
    }

    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        guard let root = document.root, root.objectMembers != nil else {
            reader.error(
                "expected a JSON object with \"format\": \"\(RunFormatKey.runFormatTag)\"", at: document.values.first)
            return output
        }
        let tag = root["format"]?.stringValue ?? ""
        if tag == RunFormatKey.historyFormatTag {
            output.metadata = readMetadata(root, reader: &reader)
            guard let runs = reader.array(root, "runs", in: "the history") else {
                reader.error("expected \"runs\": an array of runs", at: root)
                return output
            }
            for (index, node) in runs.enumerated() {
                if let run = readRun(node, place: "runs[\(index)]", reader: &reader) { output.runs.append(run) }
            }
        } else if tag == RunFormatKey.runFormatTag {
            if let run = readRun(root, place: "the run", reader: &reader) { output.runs.append(run) }
        } else {
            reader.error(
                "unsupported format \"\(tag)\"; expected \"\(RunFormatKey.runFormatTag)\" or \"\(RunFormatKey.historyFormatTag)\"",
                at: root["format"])
        }
        return output
    }

    /// A run scanned by `RunFileScanner`: the same reading, with the samples it decoded.
    func read(_ scanned: RunFileScanner.Scanned, reader: inout FieldReader) -> FormatOutput {
        var output = FormatOutput()
        if let run = readRun(scanned.root, place: "the run", reader: &reader, decoded: scanned.samples) {
            output.runs.append(run)
        }
        return output
    }

    private func readRun(
        _ node: JSONNode, place: String, reader: inout FieldReader,
        decoded: [Int: RunFileScanner.DecodedSamples] = [:]
    ) -> Run? {
        guard node.objectMembers != nil else {
            reader.error("expected an object for \(place), found \(node.kindDescription)", at: node)
            return nil
        }
        var timestamp: Timestamp?
        if let stampNode = node["timestamp"], !stampNode.isNull {
            switch stampNode.value {
            case .string(let text):
                timestamp = Timestamp(iso8601: text)
                if timestamp == nil {
                    reader.error(
                        "expected an ISO 8601 date for \"timestamp\" in \(place) (like 2026-10-01T02:00:00Z), found \(stampNode.kindDescription)",
                        at: stampNode)
                }
            case .number(let seconds) where Timestamp(epochSeconds: seconds) != nil && seconds > 0:
                timestamp = Timestamp(epochSeconds: seconds)
            default:
                reader.error(
                    "expected an ISO 8601 date or epoch seconds for \"timestamp\" in \(place), found \(stampNode.kindDescription)",
                    at: stampNode)
            }
        }
        let environmentNode = reader.object(node, "environment", in: place)
        var environment = Environment()
        if let environmentNode {
            let envPlace = "\(place).environment"
            environment.host = reader.string(environmentNode, "host", in: envPlace)
            environment.os = reader.string(environmentNode, "os", in: envPlace)
            environment.cpu = reader.string(environmentNode, "cpu", in: envPlace)
            environment.gpu = reader.string(environmentNode, "gpu", in: envPlace)
            environment.accelerator = reader.string(environmentNode, "accelerator", in: envPlace)
            let known: Set<String> = ["host", "os", "cpu", "gpu", "accelerator"]
            environment.extra = reader.keyValues(environmentNode).filter { !known.contains($0.key) }
        }
        var versionControl: VersionControl?
        let commit = reader.string(node, "commit", in: place)
        let branch = reader.string(node, "branch", in: place)
        let dirty = reader.bool(node, "dirty", in: place)
        if commit != nil || branch != nil || dirty != nil {
            versionControl = VersionControl(commit: commit, branch: branch, dirty: dirty)
        }
        var prompts: [String] = []
        for (i, prompt) in (reader.array(node, "prompts", in: place) ?? []).enumerated() {
            if let text = prompt.stringValue {
                prompts.append(text)
            } else {
                reader.error(
                    "expected a string for prompts[\(i)] in \(place), found \(prompt.kindDescription)", at: prompt)
            }
        }
        var results: [RunResult] = []
        var interned: [String: String] = [:]
        let resultNodes = reader.array(node, "results", in: place)
        if resultNodes == nil {
            reader.error("expected \"results\": an array with one entry per model and scenario in \(place)", at: node)
        }
        for (index, resultNode) in (resultNodes ?? []).enumerated() {
            if let result = readResult(
                resultNode, place: "\(place == "the run" ? "" : place + ".")results[\(index)]", prompts: prompts,
                interned: &interned, reader: &reader, decoded: decoded[index])
            {
                results.append(result)
            }
        }
        let id = reader.string(node, "id", in: place)
        var source = RunSource(format: displayName, file: reader.file.path)
        var timestampSource: TimestampSource? = timestamp == nil ? nil : .file
        if let sourceNode = reader.object(node, "source", in: place) {
            // Written by benchsite's history export: where the run was first read from.
            let sourcePlace = "\(place).source"
            source.format = reader.string(sourceNode, "format", in: sourcePlace) ?? source.format
            source.file = reader.string(sourceNode, "file", in: sourcePlace) ?? source.file
            source.tool = reader.string(sourceNode, "tool", in: sourcePlace)
            source.notes = (reader.array(sourceNode, "notes", in: sourcePlace) ?? []).compactMap(\.stringValue)
            source.unreadFields = (reader.array(sourceNode, "unread_fields", in: sourcePlace) ?? []).compactMap(
                \.stringValue)
            source.aggregatesOnly = reader.bool(sourceNode, "aggregates_only", in: sourcePlace) ?? false
            if let from = reader.string(sourceNode, "timestamp_from", in: sourcePlace), timestamp != nil {
                timestampSource = TimestampSource(rawValue: from) ?? .file
            }
        }
        return Run(
            id: id ?? "",
            label: reader.string(node, "label", in: place),
            timestamp: timestamp,
            timestampSource: timestampSource,
            source: source,
            environment: environment,
            versionControl: versionControl,
            configuration: reader.keyValues(reader.object(node, "configuration", in: place)),
            labels: reader.keyValues(reader.object(node, "labels", in: place)),
            prompts: prompts,
            results: results)
    }

    private func readResult(
        _ node: JSONNode, place: String, prompts: [String], interned: inout [String: String], reader: inout FieldReader,
        decoded: RunFileScanner.DecodedSamples? = nil
    ) -> RunResult? {
        guard node.objectMembers != nil else {
            reader.error("expected an object for \(place), found \(node.kindDescription)", at: node)
            return nil
        }
        guard let model = reader.string(node, "model", in: place), !model.isEmpty else {
            reader.error("expected \"model\": the name of the model in \(place); the entry is skipped", at: node)
            return nil
        }
        let resultPlace = "\(place) (\"\(model)\")"
        let scenario = reader.string(node, "scenario", in: resultPlace) ?? "default"
        var result = RunResult(subject: model, scenario: scenario.isEmpty ? "default" : scenario)
        result.subjectID = reader.string(node, "model_id", in: resultPlace)
        result.error = reader.string(node, "error", in: resultPlace)
        result.configuredRequests = reader.count(node, "configured_requests", in: resultPlace)
        result.reportedSuccesses = reader.count(node, "completed", in: resultPlace)
        if let fields = reader.object(node, "sample_fields", in: resultPlace) {
            for member in fields.objectMembers ?? [] {
                if let metric = Metric(rawValue: member.key), let field = member.value.stringValue {
                    result.sampleFields[metric] = field
                }
            }
        }
        result.sampleOutput = reader.string(node, "sample_output", in: resultPlace)
        result.parameters = reader.keyValues(reader.object(node, "parameters", in: resultPlace))
        result.valueUnit = reader.string(node, "value_unit", in: resultPlace)
        if let scope = reader.string(node, "throughput_scope", in: resultPlace) {
            if let known = RunResult.ThroughputScope(rawValue: scope) {
                result.throughputScope = known
            } else {
                reader.error(
                    "expected \"request\" or \"benchmark\" for \"throughput_scope\" in \(resultPlace), found \"\(scope)\"",
                    at: node["throughput_scope"])
            }
        }
        if let status = reader.string(node, "status", in: resultPlace) {
            switch status {
            case "ok": result.status = .ok
            case "failed": result.status = .failed
            case "partial": result.status = .partial
            default:
                reader.error(
                    "expected \"ok\", \"failed\" or \"partial\" for \"status\" in \(resultPlace), found \"\(status)\"",
                    at: node["status"])
            }
        }
        // Scanned (RunFileScanner), the samples come decoded; otherwise they are read from their nodes.
        let sampleNodes = decoded == nil ? reader.array(node, "samples", in: resultPlace) : nil
        if (decoded?.count ?? sampleNodes?.count) == 0, node["reported"] == nil, result.status != .failed {
            reader.warning(
                "\(resultPlace) has an empty \"samples\" array and no \"reported\" figures; it shows as having no data",
                at: node["samples"])
        }
        if let decoded {
            // The plain samples decoded, the others read here in their place.
            if decoded.others.isEmpty {
                result.samples = decoded.samples
            } else {
                result.samples.reserveCapacity(decoded.count)
                var plain = decoded.samples.makeIterator()
                var others = decoded.others.makeIterator()
                var next = others.next()
                for position in 0..<decoded.count {
                    if let other = next, other.position == position {
                        if let sample = readSample(
                            other.node, at: position, in: resultPlace, prompts: prompts, interned: &interned,
                            reader: &reader)
                        {
                            result.samples.append(sample)
                        }
                        next = others.next()
                    } else if let sample = plain.next() {
                        result.samples.append(sample)
                    }
                }
            }
        } else {
            result.samples.reserveCapacity(sampleNodes?.count ?? 0)
            for (i, sampleNode) in (sampleNodes ?? []).enumerated() {
                if let sample = readSample(
                    sampleNode, at: i, in: resultPlace, prompts: prompts, interned: &interned, reader: &reader)
                {
                    result.samples.append(sample)
                }
            }
        }
        if let reportedNode = reader.object(node, "reported", in: resultPlace) {
            for (key, metric) in RunFormatKey.metrics {
                guard let block = reader.object(reportedNode, key, in: "\(resultPlace).reported") else { continue }
                let blockPlace = "\(resultPlace).reported.\(key)"
                let fields = reader.object(block, "fields", in: blockPlace)
                var stats = ReportedStatistics()
                for statistic in Statistic.allCases {
                    let value =
                        statistic == .count
                        ? reader.count(block, "n", in: blockPlace).map(Double.init)
                        : reader.nonNegative(block, statistic.rawValue, in: blockPlace)
                    let field = fields?[statistic.rawValue]?.stringValue ?? "reported.\(key).\(statistic.rawValue)"
                    if let value { stats.set(statistic, value, field: field) }
                }
                stats.approximatePercentiles = reader.bool(block, "approximate_percentiles", in: blockPlace) ?? false
                if !stats.isEmpty { result.reported[metric] = stats }
            }
        }
        if result.status == .ok, !result.samples.isEmpty {
            result.status = .init(failed: result.samples.failedCount, total: result.samples.count)
        }
        if result.status == .ok, result.error != nil { result.status = .failed }
        return result
    }

    /// One sample read from its node, or nil (with a diagnostic) when it cannot be counted.
    private func readSample(
        _ sampleNode: JSONNode, at i: Int, in resultPlace: String, prompts: [String], interned: inout [String: String],
        reader: inout FieldReader
    ) -> Sample? {
        // Worded only for a diagnostic: most samples never need it.
        let samplePlace = { "\(resultPlace).samples[\(i)]" }
        guard sampleNode.objectMembers != nil else {
            reader.error(
                "expected an object for \(samplePlace()), found \(sampleNode.kindDescription)", at: sampleNode)
            return nil
        }
        var sample = Sample()
        sample.ok = reader.bool(sampleNode, RunFormatKey.ok, in: samplePlace()) ?? true
        sample.error = reader.string(sampleNode, RunFormatKey.error, in: samplePlace())
        if sample.error != nil { sample.ok = false }
        if let prompt = reader.string(sampleNode, RunFormatKey.prompt, in: samplePlace()) {
            if let existing = interned[prompt] {
                sample.prompt = existing
            } else {
                interned[prompt] = prompt
                sample.prompt = prompt
            }
        } else if let index = reader.count(sampleNode, RunFormatKey.promptIndex, in: samplePlace()) {
            if index < prompts.count {
                sample.prompt = prompts[index]
            } else {
                reader.error(
                    "prompt_index \(index) in \(samplePlace()) is past the end of \"prompts\" (\(prompts.count) prompts)",
                    at: sampleNode[RunFormatKey.promptIndex])
            }
        }
        let errorsBefore = reader.problemCount
        sample.latency = reader.nonNegative(sampleNode, RunFormatKey.latency, in: samplePlace())
        sample.timeToFirstToken = reader.nonNegative(sampleNode, RunFormatKey.timeToFirstToken, in: samplePlace())
        sample.promptTokens = reader.count(sampleNode, RunFormatKey.promptTokens, in: samplePlace())
        sample.completionTokens = reader.count(sampleNode, RunFormatKey.completionTokens, in: samplePlace())
        sample.reportedTokensPerSecond = reader.nonNegative(
            sampleNode, RunFormatKey.tokensPerSecond, in: samplePlace())
        sample.timePerOutputToken = reader.nonNegative(
            sampleNode, RunFormatKey.timePerOutputToken, in: samplePlace())
        sample.interTokenLatency = reader.nonNegative(sampleNode, RunFormatKey.interTokenLatency, in: samplePlace())
        if let gaps = reader.array(sampleNode, RunFormatKey.interTokenGaps, in: samplePlace()) {
            var values: [Double] = []
            values.reserveCapacity(gaps.count)
            for (k, gap) in gaps.enumerated() {
                guard let value = gap.numberValue, value.isFinite, value >= 0 else {
                    reader.error(
                        "expected a non-negative number at itl_gaps_s[\(k)] in \(samplePlace()), found \(gap.kindDescription)",
                        at: gap)
                    continue
                }
                values.append(value)
            }
            sample.interTokenGaps = values
        }
        sample.cpuTime = reader.nonNegative(sampleNode, RunFormatKey.cpuTime, in: samplePlace())
        sample.memoryBytes = reader.nonNegative(sampleNode, RunFormatKey.memoryBytes, in: samplePlace())
        if let value = reader.number(sampleNode, RunFormatKey.value, in: samplePlace()) {
            if value.isFinite {
                sample.value = value
            } else {
                reader.error(
                    "expected a finite number for \"value\" in \(samplePlace())", at: sampleNode[RunFormatKey.value]
                )
            }
        }
        sample.output = reader.string(sampleNode, RunFormatKey.output, in: samplePlace())
        if reader.problemCount > errorsBefore {
            // A sample with an unreadable measurement is left out rather than half-counted.
            return nil
        }
        if sample.ok, !sample.hasMeasurement {
            reader.error(
                "expected \"latency_s\" (or another measurement) in \(samplePlace()) for a successful request; the sample is skipped",
                at: sampleNode)
            return nil
        }
        return sample
    }

    /// Model facts and quality scores carried by a history export.
    private func readMetadata(_ root: JSONNode, reader: inout FieldReader) -> Metadata {
        var metadata = Metadata()
        if let models = root["models"], models.objectMembers != nil {
            metadata = FoundryModelListFormat().read(.single(models), reader: &reader).metadata
        }
        if let quality = root["quality"], quality.objectMembers != nil {
            let scores = QualityAnnotationFormat().read(.single(quality), reader: &reader).metadata
            metadata.qualityScores = scores.qualityScores
            metadata.rubric = scores.rubric
        }
        return metadata
    }
}
