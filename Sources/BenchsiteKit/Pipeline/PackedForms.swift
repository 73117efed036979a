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
        for _ in 0..<(try reader.count()) {
            let metric = try reader.oneOf(Metric.allCases)
            let computed = try reader.bool() ? try SampleStatistics(unpacking: &reader) : nil
            let reported = try reader.bool() ? try ReportedStatistics(unpacking: &reader) : nil
            metrics[metric] = MetricFigures(metric: metric, computed: computed, reported: reported)
        }
        var levels: [Metric: RunLevel] = [:]
        for _ in 0..<(try reader.count()) {
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
        for _ in 0..<(try reader.count()) { promptMedians[try reader.string()] = try reader.double() }
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
