/// The hand-packed forms (`PackedWriter`) of what the build cache holds most of: each result's
/// figures (read back for every cached input on every build). Each `pack` and unpacking initializer
/// list the same fields in the same order; `PackedFormTests` round-trips real figures and compares
/// them with their `Codable` form, which names every field.
extension ResultFigures {
    func pack(into writer: inout PackedWriter) {
        writer.int(requests)
        writer.int(failures)
        writer.int(sampleCount)
        writer.int(okSampleCount)
        writer.bool(hasInterTokenGaps)
        writer.int(contradictions.count)
        for contradiction in contradictions { contradiction.pack(into: &writer) }
        writer.int(metrics.count)
        for metric in metrics.keys.sorted() {
            guard let figures = metrics[metric] else { continue }
            writer.int(metric.order)
            writer.bool(figures.computed != nil)
            figures.computed?.pack(into: &writer)
            writer.bool(figures.reported != nil)
            figures.reported?.pack(into: &writer)
        }
        writer.int(levels.count)
        for metric in levels.keys.sorted() {
            guard let level = levels[metric] else { continue }
            writer.int(metric.order)
            level.pack(into: &writer)
        }
        // `prompts` are left out, as in the `Codable` form: a run page made again reads its samples.
    }

    init(unpacking reader: inout PackedReader) throws {
        let requests = try reader.optionalInt()
        let failures = try reader.optionalInt()
        let sampleCount = try reader.int()
        let okSampleCount = try reader.int()
        let hasInterTokenGaps = try reader.bool()
        var contradictions: [Contradiction] = []
        for _ in 0..<(try reader.count()) { contradictions.append(try Contradiction(unpacking: &reader)) }
        var metrics: [Metric: MetricFigures] = [:]
        let metricCount = try reader.count()
        metrics.reserveCapacity(metricCount)
        for _ in 0..<metricCount {
            let metric = try reader.oneOf(Metric.allCases)
            let computed = try reader.bool() ? try SampleStatistics(unpacking: &reader) : nil
            let reported = try reader.bool() ? try ReportedStatistics(unpacking: &reader) : nil
            metrics[metric] = MetricFigures(metric: metric, computed: computed, reported: reported)
        }
        var levels: [Metric: RunLevel] = [:]
        let levelCount = try reader.count()
        levels.reserveCapacity(levelCount)
        for _ in 0..<levelCount {
            let metric = try reader.oneOf(Metric.allCases)
            levels[metric] = try RunLevel(unpacking: &reader)
        }
        self.init(
            metrics: metrics, requests: requests, failures: failures, contradictions: contradictions, prompts: [],
            levels: levels, sampleCount: sampleCount, okSampleCount: okSampleCount,
            hasInterTokenGaps: hasInterTokenGaps)
    }
}

extension SampleStatistics {
    func pack(into writer: inout PackedWriter) {
        writer.int(count)
        writer.double(standardDeviation)
        for value in [mean, min, p5, p25, p50, p75, p90, p95, p99, max] { writer.double(value) }
    }

    init(unpacking reader: inout PackedReader) throws {
        count = try reader.int()
        standardDeviation = try reader.optionalDouble()
        mean = try reader.double()
        min = try reader.double()
        p5 = try reader.double()
        p25 = try reader.double()
        p50 = try reader.double()
        p75 = try reader.double()
        p90 = try reader.double()
        p95 = try reader.double()
        p99 = try reader.double()
        max = try reader.double()
    }
}

extension ReportedStatistics {
    func pack(into writer: inout PackedWriter) {
        let statistics = Statistic.allCases
        writer.int(values.count)
        for (index, statistic) in statistics.enumerated() {
            guard let value = values[statistic] else { continue }
            writer.int(index)
            writer.double(value)
        }
        writer.int(fields.count)
        for (index, statistic) in statistics.enumerated() {
            guard let field = fields[statistic] else { continue }
            writer.int(index)
            writer.string(field)
        }
        writer.bool(approximatePercentiles)
    }

    init(unpacking reader: inout PackedReader) throws {
        self.init()
        for _ in 0..<(try reader.count()) { values[try reader.oneOf(Statistic.allCases)] = try reader.double() }
        for _ in 0..<(try reader.count()) { fields[try reader.oneOf(Statistic.allCases)] = try reader.string() }
        approximatePercentiles = try reader.bool()
    }
}

extension RunLevel {
    func pack(into writer: inout PackedWriter) {
        writer.double(value)
        writer.double(logStandardError)
        writer.int(promptMedians.count)
        for prompt in promptMedians.keys.sorted() {
            writer.string(prompt)
            writer.double(promptMedians[prompt] ?? .nan)
        }
        writer.int(count)
        writer.bool(source == .reported)
    }

    init(unpacking reader: inout PackedReader) throws {
        let value = try reader.double()
        let logStandardError = try reader.optionalDouble()
        var promptMedians: [String: Double] = [:]
        let promptCount = try reader.count()
        promptMedians.reserveCapacity(promptCount)
        for _ in 0..<promptCount { promptMedians[try reader.string()] = try reader.double() }
        self.init(
            value: value, logStandardError: logStandardError, promptMedians: promptMedians, count: try reader.int(),
            source: try reader.bool() ? .reported : .computed)
    }
}

extension Contradiction {
    func pack(into writer: inout PackedWriter) {
        writer.int(metric.order)
        writer.string(field)
        writer.double(value)
        switch kind {
        case .above(let field, let value):
            writer.int(0)
            writer.string(field)
            writer.double(value)
        case .below(let field, let value):
            writer.int(1)
            writer.string(field)
            writer.double(value)
        case .differsFromSamples(let computed):
            writer.int(2)
            writer.double(computed)
        }
    }

    init(unpacking reader: inout PackedReader) throws {
        metric = try reader.oneOf(Metric.allCases)
        field = try reader.string()
        value = try reader.double()
        switch try reader.int() {
        case 0: kind = .above(field: try reader.string(), value: try reader.double())
        case 1: kind = .below(field: try reader.string(), value: try reader.double())
        case 2: kind = .differsFromSamples(computed: try reader.double())
        case let other: throw PackedReader.Corrupt(description: "no kind of contradiction \(other)")
        }
    }
}

// MARK: - What a run page is made from (`IncrementalBuild.pageKey` hashes these)

extension Change {
    func pack(into writer: inout PackedWriter) {
        writer.string(statistic.rawValue)
        writer.double(previous)
        writer.double(current)
        writer.double(relative)
        writer.int(metric.order)
    }
}

extension SeriesComparison {
    func pack(into writer: inout PackedWriter) {
        writer.string(key.subject)
        writer.string(key.scenario)
        writer.int(metric.order)
        writer.string(statistic.rawValue)
        writer.double(baseline)
        writer.double(contender)
        writer.int(baselineCount)
        writer.int(contenderCount)
        writer.double(change)
        writer.double(interval?.lower)
        writer.double(interval?.upper)
        writer.double(pValue)
        writer.double(adjustedPValue)
        writer.string(method.rawValue)
        writer.string(verdict.rawValue)
        writer.string(note)
    }
}

// MARK: - A run without its samples (what a build cache entry keeps and `Run.contentDigest` hashes)

extension PackedWriter {
    mutating func keyValues(_ pairs: [KeyValue]) {
        int(pairs.count)
        for pair in pairs {
            string(pair.key)
            string(pair.value)
        }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }
}

extension PackedReader {
    mutating func keyValues() throws -> [KeyValue] {
        var pairs: [KeyValue] = []
        for _ in 0..<(try count()) { pairs.append(KeyValue(try string(), try string())) }
        return pairs
    }

    mutating func strings() throws -> [String] {
        var values: [String] = []
        for _ in 0..<(try count()) { values.append(try string()) }
        return values
    }

    /// A case of a string enumeration, written as its raw value.
    mutating func named<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let raw = try string()
        guard let value = T(rawValue: raw) else { throw Corrupt(description: "no \(T.self) named \(raw)") }
        return value
    }
}

extension Run {
    /// A run as the build cache keeps it (`BuildCache.stripped`: no samples, nor what a build learns
    /// of it: where it was read, its compressed piece, its known fingerprint and digest). False,
    /// having written part of it, when a result still holds samples.
    func pack(into writer: inout PackedWriter) -> Bool {
        guard results.allSatisfy(\.samples.isEmpty), gzipPiece == nil, origin == nil, !samplesDeferred,
            knownFingerprint == nil, contentDigest == nil
        else { return false }
        writer.string(id)
        writer.string(label)
        writer.double(timestamp?.secondsSince1970)
        writer.string(timestampSource?.rawValue)
        writer.string(source.format)
        writer.string(source.file)
        writer.string(source.tool)
        writer.strings(source.unreadFields)
        writer.strings(source.notes)
        writer.bool(source.aggregatesOnly)
        for field in [environment.host, environment.os, environment.cpu, environment.gpu, environment.accelerator] {
            writer.string(field)
        }
        writer.keyValues(environment.extra)
        writer.bool(versionControl != nil)
        if let versionControl {
            writer.string(versionControl.commit)
            writer.string(versionControl.branch)
            writer.int(versionControl.dirty.map { $0 ? 1 : 0 })
        }
        writer.keyValues(configuration)
        writer.keyValues(labels)
        writer.strings(prompts)
        writer.int(results.count)
        for result in results { result.packWithoutSamples(into: &writer) }
        writer.string(mergeKey)
        writer.bool(samplesOnly)
        writer.string(companionKey)
        return true
    }

    init(unpacking reader: inout PackedReader) throws {
        let id = try reader.string()
        let label = try reader.optionalString()
        let timestamp = try reader.optionalDouble().map(Timestamp.init(secondsSince1970:))
        let timestampSource = try reader.bool() ? try reader.named(TimestampSource.self) : nil
        var source = RunSource(
            format: try reader.string(), file: try reader.string(), tool: try reader.optionalString())
        source.unreadFields = try reader.strings()
        source.notes = try reader.strings()
        source.aggregatesOnly = try reader.bool()
        let environment = Environment(
            host: try reader.optionalString(), os: try reader.optionalString(), cpu: try reader.optionalString(),
            gpu: try reader.optionalString(), accelerator: try reader.optionalString(), extra: try reader.keyValues())
        var versionControl: VersionControl?
        if try reader.bool() {
            let commit = try reader.optionalString()
            let branch = try reader.optionalString()
            let dirty = try reader.optionalInt()
            guard dirty == nil || dirty == 0 || dirty == 1 else {
                throw PackedReader.Corrupt(description: "a flag of \(dirty ?? 0) for a dirty work tree")
            }
            versionControl = VersionControl(commit: commit, branch: branch, dirty: dirty.map { $0 == 1 })
        }
        let configuration = try reader.keyValues()
        let labels = try reader.keyValues()
        let prompts = try reader.strings()
        var results: [RunResult] = []
        for _ in 0..<(try reader.count()) { results.append(try RunResult(unpackingWithoutSamples: &reader)) }
        self.init(
            id: id, label: label, timestamp: timestamp, timestampSource: timestampSource, source: source,
            environment: environment, versionControl: versionControl, configuration: configuration, labels: labels,
            prompts: prompts, results: results)
        mergeKey = try reader.optionalString()
        samplesOnly = try reader.bool()
        companionKey = try reader.optionalString()
    }
}

extension RunResult {
    fileprivate func packWithoutSamples(into writer: inout PackedWriter) {
        writer.string(subject)
        writer.string(scenario)
        writer.string(status.rawValue)
        writer.string(error)
        writer.string(subjectID)
        writer.int(reported.count)
        for metric in reported.keys.sorted() {
            guard let statistics = reported[metric] else { continue }
            writer.int(metric.order)
            statistics.pack(into: &writer)
        }
        writer.int(configuredRequests)
        writer.int(reportedSuccesses)
        writer.string(sampleOutput)
        writer.int(sampleFields.count)
        for metric in sampleFields.keys.sorted() {
            writer.int(metric.order)
            writer.string(sampleFields[metric] ?? "")
        }
        writer.keyValues(parameters)
        writer.string(throughputScope.rawValue)
        writer.string(valueUnit)
    }

    fileprivate init(unpackingWithoutSamples reader: inout PackedReader) throws {
        let subject = try reader.string()
        let scenario = try reader.string()
        let status = try reader.named(Status.self)
        let error = try reader.optionalString()
        let subjectID = try reader.optionalString()
        var reported: [Metric: ReportedStatistics] = [:]
        for _ in 0..<(try reader.count()) {
            reported[try reader.oneOf(Metric.allCases)] = try ReportedStatistics(unpacking: &reader)
        }
        self.init(
            subject: subject, scenario: scenario, status: status, error: error, subjectID: subjectID,
            reported: reported, configuredRequests: try reader.optionalInt(),
            reportedSuccesses: try reader.optionalInt(), sampleOutput: try reader.optionalString())
        for _ in 0..<(try reader.count()) { sampleFields[try reader.oneOf(Metric.allCases)] = try reader.string() }
        parameters = try reader.keyValues()
        throughputScope = try reader.named(ThroughputScope.self)
        valueUnit = try reader.optionalString()
    }
}
