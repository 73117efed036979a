/// What vLLM's and SGLang's serving benchmarks share: one record per load point with aggregates
/// `{mean,median,std,p<P>}_{ttft,tpot,itl,e2el|e2e_latency}_ms` and, when kept, per-request arrays
/// (`ttfts`, `itls`, `output_lens`, `input_lens`, `errors`, `generated_texts`, vLLM 0.30+
/// `latencies`) in seconds, one entry per issued request, failures included.
///
/// The tools' own definitions are kept (both read them from the same code lineage):
/// - a request failed when its `errors` entry is not empty or its TTFT is 0 (vLLM 0.4.0 to 0.4.2
///   wrote "" for HTTP errors);
/// - end-to-end latency is `latencies[i]`, else TTFT plus the gaps (the sum telescopes to the last
///   chunk; vLLM 0.5.1 to 0.5.4 put the first-token gap into `itls[i][0]`, so there it is the gaps alone);
/// - inter-token latency pools every gap of every successful request;
/// - time per output token is (latency − TTFT) / (output tokens − 1), for requests of two tokens or more;
/// - throughput is the whole benchmark's: output tokens over the duration (`output_throughput`).
struct ServingRecordReader {
    /// The aggregate key of each metric, by the names both tools use.
    static let metricNames: [(name: String, metric: Metric)] = [
        ("ttft", .timeToFirstToken), ("tpot", .timePerOutputToken), ("itl", .interTokenLatency), ("e2el", .latency),
        ("e2e_latency", .latency),
    ]

    /// A record's reported aggregates, ms converted to seconds. With `swappedEndToEnd`, `mean_e2el_ms`
    /// is read as the median and `median_e2el_ms` as the mean (vLLM 0.6.0 to 0.6.3 wrote them swapped).
    static func reported(
        _ record: JSONNode, reader: inout FieldReader, place: String, swappedEndToEnd: Bool = false
    ) -> [Metric: ReportedStatistics] {
        var out: [Metric: ReportedStatistics] = [:]
        for member in record.objectMembers ?? [] {
            var key = member.key
            // SGLang 0.2.x wrote `mean_e2e_latency`, `median_ttft` (ms without the suffix).
            if !key.hasSuffix("_ms") {
                guard ["mean_e2e_latency", "median_e2e_latency", "median_ttft", "median_itl"].contains(key) else {
                    continue
                }
                key += "_ms"
            }
            let stem = String(key.dropLast(3))
            guard let underscore = stem.firstIndex(of: "_") else { continue }
            let prefix = String(stem[..<underscore]), name = String(stem[stem.index(after: underscore)...])
            guard let metric = metricNames.first(where: { $0.name == name })?.metric else { continue }
            let statistic: Statistic?
            switch prefix {
            case "mean": statistic = swappedEndToEnd && name == "e2el" ? .p50 : .mean
            case "median": statistic = swappedEndToEnd && name == "e2el" ? .mean : .p50
            case "std": statistic = .stddev
            default: statistic = prefix.hasPrefix("p") ? FormatSupport.statistic(forPercentile: prefix) : nil
            }
            guard let statistic else { continue }
            guard let value = member.value.numberValue else {
                if !member.value.isNull {
                    reader.error(
                        "expected a number for \"\(member.key)\" in \(place), found \(member.value.kindDescription)",
                        at: member.value)
                }
                continue
            }
            guard value.isFinite, value >= 0 else { continue }  // NaN when no request qualified: nothing to show
            out[metric, default: ReportedStatistics()].set(statistic, value / 1000, field: member.key)
        }
        return out
    }

    /// The per-request samples of a record, or none when it kept no arrays.
    static func samples(
        _ record: JSONNode, reader: inout FieldReader, place: String, result: inout RunResult
    ) -> [Sample] {
        let ttfts = record["ttfts"]?.arrayElements
        let latencies = record["latencies"]?.arrayElements
        let itls = record["itls"]?.arrayElements
        let outputLens = record["output_lens"]?.arrayElements
        let inputLens = record["input_lens"]?.arrayElements
        let errors = record["errors"]?.arrayElements
        let texts = record["generated_texts"]?.arrayElements
        let counts = [ttfts?.count, latencies?.count, itls?.count, outputLens?.count].compactMap { $0 }
        guard let count = counts.max(), count > 0, ttfts != nil || latencies != nil else { return [] }
        if Set(counts).count > 1 {
            reader.warning(
                "the per-request arrays in \(place) have different lengths (\(counts.map(String.init).joined(separator: ", "))); missing entries are left empty",
                at: record)
        }
        func number(_ array: [JSONNode]?, _ i: Int, _ name: String) -> Double? {
            guard let array, i < array.count, !array[i].isNull else { return nil }
            guard let value = array[i].numberValue, value.isFinite, value >= 0 else {
                reader.error(
                    "expected a non-negative number at \(name)[\(i)] in \(place), found \(array[i].kindDescription)",
                    at: array[i])
                return nil
            }
            return value
        }
        func gaps(_ i: Int) -> [Double] {
            guard let itls, i < itls.count, let list = itls[i].arrayElements else { return [] }
            return list.compactMap(\.numberValue).filter { $0.isFinite && $0 >= 0 }
        }
        // vLLM 0.5.1-0.5.4: the first gap is the time to the first token, and there are as many gaps as tokens.
        var firstGapIsTTFT = false
        if latencies == nil {
            for i in 0..<count {
                guard let ttft = number(ttfts, i, "ttfts"), ttft > 0, let tokens = number(outputLens, i, "output_lens"),
                    tokens >= 2
                else { continue }
                let g = gaps(i)
                firstGapIsTTFT = Double(g.count) == tokens && abs(g[0] - ttft) <= 0.05 * ttft + 1e-4
                break
            }
        }
        var samples: [Sample] = []
        samples.reserveCapacity(count)
        for i in 0..<count {
            var sample = Sample()
            let ttft = number(ttfts, i, "ttfts")
            if let errors, i < errors.count, let message = errors[i].stringValue, !message.isEmpty {
                sample.ok = false
                sample.error = message
            } else if ttft == 0 || (ttft == nil && number(latencies, i, "latencies") == 0) {
                sample.ok = false
                sample.error = "no response (time to first token 0)"
            }
            sample.promptTokens = number(inputLens, i, "input_lens").flatMap(FormatSupport.wholeNumber)
            guard sample.ok else {
                samples.append(sample)
                continue
            }
            sample.timeToFirstToken = ttft
            sample.completionTokens = number(outputLens, i, "output_lens").flatMap(FormatSupport.wholeNumber)
            var g = gaps(i)
            if let latency = number(latencies, i, "latencies") {
                sample.latency = latency
            } else if firstGapIsTTFT, !g.isEmpty {
                sample.latency = g.reduce(0, +)
                g.removeFirst()
            } else if let ttft {
                sample.latency = ttft + g.reduce(0, +)
            }
            if itls != nil {
                sample.interTokenGaps = g
                sample.interTokenLatency = FormatSupport.mean(g)
            }
            if let latency = sample.latency, let ttft = sample.timeToFirstToken, let tokens = sample.completionTokens,
                tokens > 1
            {
                sample.timePerOutputToken = (latency - ttft) / Double(tokens - 1)
            }
            if let texts, i < texts.count, let text = texts[i].stringValue, !text.isEmpty { sample.output = text }
            samples.append(sample)
        }
        if firstGapIsTTFT {
            // The tool's own ITL figures count the first-token times as gaps: they are not comparable.
            result.reported[.interTokenLatency] = nil
        }
        result.sampleFields = [
            .timeToFirstToken: "ttfts",
            .interTokenLatency: firstGapIsTTFT
                ? "itls after the first (the first is the time to the first token)" : "itls (every gap)",
            .latency: latencies != nil ? "latencies" : (firstGapIsTTFT ? "sum of itls" : "ttfts + sum of itls"),
            .timePerOutputToken: "(latency − ttft) / (output_lens − 1)", .perRequestThroughput: "output_lens / latency",
        ]
        return samples
    }

    /// A load point: `rate 4`, `rate inf, concurrency 8`, `rate 2, burstiness 0.5`.
    static func scenario(_ record: JSONNode) -> [String] {
        var parts: [String] = []
        if let rate = record["request_rate"] {
            if let value = rate.numberValue {
                parts.append("rate \(value.isInfinite ? "inf" : NumberFormatting.plain(value))")
            } else if let text = rate.stringValue {
                parts.append("rate \(text)")
            }
        }
        if let concurrency = record["max_concurrency"]?.numberValue {
            parts.append("concurrency \(NumberFormatting.plain(concurrency))")
        }
        if let burstiness = record["burstiness"]?.numberValue, burstiness != 1 {
            parts.append("burstiness \(NumberFormatting.plain(burstiness))")
        }
        return parts
    }

    /// The request counts and status of a result: from the samples when there are some, else from
    /// `completed` and `failed` (or `num_prompts − completed`).
    static func settleCounts(_ result: inout RunResult, record: JSONNode, reader: inout FieldReader, place: String) {
        let completed = reader.count(record, "completed", in: place)
        var failed = reader.count(record, "failed", in: place)
        if failed == nil, let prompts = reader.count(record, "num_prompts", in: place), let completed,
            prompts >= completed
        {
            failed = prompts - completed
        }
        if !result.samples.isEmpty {
            let failures = result.samples.failedCount
            result.status = .init(failed: failures, total: result.samples.count)
        } else if let completed {
            result.reportedSuccesses = completed
            result.configuredRequests = completed + (failed ?? 0)
            for metric in result.reported.keys where metric != .throughput {
                result.reported[metric]?.set(.count, Double(completed), field: "completed")
            }
            if let failed, failed > 0 { result.status = .init(failed: failed, total: completed + failed) }
        }
        if let message = result.samples.first(where: { !$0.ok })?.error { result.error = message }
    }

    /// The whole run's output tokens per second.
    static func throughput(_ record: JSONNode, reader: inout FieldReader, place: String) -> ReportedStatistics? {
        for key in ["output_throughput", "output_token_throughput"] {
            if let value = reader.nonNegative(record, key, in: place) {
                var stats = ReportedStatistics()
                stats.set(.mean, value, field: key)
                return stats
            }
        }
        return nil
    }

    /// Repetitions of one load point (a sweep's `run_number`) with per-request samples are one
    /// measurement: their samples are pooled. Without samples they stay apart (`run_number=1`).
    static func poolRepetitions(_ results: [RunResult], notes: inout [String]) -> [RunResult] {
        var out: [RunResult] = []
        var groups: [SeriesKey: [Int]] = [:]
        for (index, result) in results.enumerated() {
            let key = result.seriesKey
            if groups[key] == nil { out.append(result) }
            groups[key, default: []].append(index)
        }
        return out.flatMap { first -> [RunResult] in
            guard let members = groups[first.seriesKey] else { return [first] }
            guard members.count > 1,
                members.allSatisfy({
                    !results[$0].samples.isEmpty && results[$0].parameters.contains { $0.key == "run_number" }
                })
            else { return members.map { results[$0] } }
            var pooled = first
            pooled.samples = members.flatMap { results[$0].samples }
            pooled.parameters.removeAll { $0.key == "run_number" }
            pooled.reported = [:]  // each repetition's aggregates describe only its own share
            if let throughputs = Optional(members.compactMap({ results[$0].reported[.throughput]?[.mean] })),
                throughputs.count == members.count
            {
                var stats = ReportedStatistics()
                stats.set(
                    .mean, throughputs.reduce(0, +) / Double(throughputs.count),
                    field: "mean of the repetitions' output_throughput")
                pooled.reported[.throughput] = stats
            }
            let failures = pooled.samples.failedCount
            pooled.status = .init(failed: failures, total: pooled.samples.count)
            notes.append(
                "\(first.subject) (\(first.scenario)): \(members.count) repetitions (run_number) pooled into one result."
            )
            return [pooled]
        }
    }
}
