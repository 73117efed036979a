import Foundation
import Testing

@testable import BenchsiteKit

/// Reference values from SciPy (scripts/scipy-stats-fixtures.py).
struct ScipyStats: Decodable {
    struct TValue: Decodable { var t: Double; var df: Double; var p: Double }
    struct TQuantile: Decodable { var p: Double; var df: Double; var q: Double }
    struct Welch: Decodable {
        var name: String; var x: [Double]; var y: [Double]; var t: Double; var df: Double; var p: Double
    }
    struct Stratum: Decodable { var baseline: [Double]; var contender: [Double] }
    struct Elteren: Decodable { var name: String; var strata: [Stratum]; var z: Double; var p: Double }
    var t: [TValue]
    var t_quantiles: [TQuantile]
    var welch: [Welch]
    var van_elteren: [Elteren]
}

let scipyStats: ScipyStats = {
    let data = try! Data(contentsOf: fixturesFolder.appendingPathComponent("scipy-stats.json"))
    return try! JSONDecoder().decode(ScipyStats.self, from: data)
}()

func close(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-13) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

@Suite("Student's t, Welch and van Elteren against SciPy")
struct AcrossRunsReferenceTests {
    @Test("two-sided p-values of Student's t match scipy.stats.t.sf to 1e-9")
    func tDistribution() {
        for c in scipyStats.t {
            let p = StudentT.twoSidedP(c.t, degreesOfFreedom: c.df)
            #expect(close(p, c.p), "t \(c.t), df \(c.df): \(p) against \(c.p)")
        }
    }

    @Test("quantiles of Student's t match scipy.stats.t.ppf to 1e-8")
    func tQuantiles() {
        for c in scipyStats.t_quantiles {
            let q = StudentT.quantile(c.p, degreesOfFreedom: c.df)
            #expect(close(q, c.q, relative: 1e-8, absolute: 1e-10), "p \(c.p), df \(c.df): \(q) against \(c.q)")
        }
    }

    @Test("Welch's t-test matches scipy.stats.ttest_ind(equal_var=False)", arguments: scipyStats.welch.map(\.name))
    func welch(name: String) throws {
        let c = try #require(scipyStats.welch.first { $0.name == name })
        let test = try #require(WelchTest(c.x, c.y))
        #expect(close(test.difference / test.standardError, c.t))
        #expect(close(test.degreesOfFreedom, c.df))
        #expect(close(test.pValue, c.p))
    }

    @Test(
        "van Elteren's test matches its definition (and Mann-Whitney for one stratum)",
        arguments: scipyStats.van_elteren.map(\.name))
    func vanElteren(name: String) throws {
        let c = try #require(scipyStats.van_elteren.first { $0.name == name })
        let test = VanElteren(c.strata.map { ($0.baseline, $0.contender) })
        #expect(close(test.z, c.z))
        #expect(close(test.pValue, c.p))
    }
}

/// Requests of one run over a prompt set: `levels[p]` is prompt p's typical latency.
func promptedResult(
    _ model: String = "m", levels: [Double], perPrompt: Int, factor: Double, noise: Double, generator: inout SplitMix64
) -> RunResult {
    var result = RunResult(subject: model, scenario: "gpu")
    for (p, level) in levels.enumerated() {
        for _ in 0..<perPrompt {
            var sample = Sample(latency: level * factor * exp(noise * generator.normal()), completionTokens: 100)
            sample.prompt = "prompt \(p)"
            result.samples.append(sample)
        }
    }
    return result
}

@Suite("Comparisons within prompts and across runs")
struct AcrossRunsTests {
    let spread: [Double] = [1, 1.6, 2.5, 4]

    @Test("compare finds a 30% slowdown of every prompt with a 4× spread between prompts, 20 requests a side")
    func stratifiedSlowdown() {
        var found = 0
        var pooledFound = 0
        for seed in UInt64(1)...50 {
            var g = SplitMix64(seed: seed)
            let before = promptedResult(levels: spread, perPrompt: 5, factor: 1, noise: 0.1, generator: &g)
            let after = promptedResult(levels: spread, perPrompt: 5, factor: 1.3, noise: 0.1, generator: &g)
            let latency = Comparator.compare(baseline: [before], contender: [after]).first { $0.metric == .latency }
            #expect(latency?.method == .stratified)
            if latency?.verdict == .regression { found += 1 }
            if let change = latency?.change { #expect(abs(change - 0.3) < 0.12, "seed \(seed): change \(change)") }
            // The same requests pooled, as if the prompts were noise: the 4× spread hides the slowdown.
            let pooled = MannWhitneyU(before.requestValues(.latency), after.requestValues(.latency))
            if pooled.pValue < ComparisonSettings().alpha { pooledFound += 1 }
        }
        #expect(found == 50)
        #expect(pooledFound < 10, "pooled test found it \(pooledFound) times")
    }

    @Test("one failed request of the fastest prompt barely moves the change")
    func failedFastRequest() throws {
        var g = SplitMix64(seed: 9)
        let before = promptedResult(levels: spread, perPrompt: 5, factor: 1, noise: 0.02, generator: &g)
        var after = promptedResult(levels: spread, perPrompt: 5, factor: 1, noise: 0.02, generator: &g)
        after.samples[0].ok = false
        after.samples[0].error = "timeout"
        let latency = try #require(
            Comparator.compare(baseline: [before], contender: [after]).first { $0.metric == .latency })
        #expect(abs(try #require(latency.change)) < 0.03)
        #expect(latency.verdict == .noChange)
    }

    @Test("folders of runs are compared as runs: run-to-run noise is not a regression, a real slowdown is")
    func runsPerSide() {
        var g = SplitMix64(seed: 4)
        func runs(_ factor: Double) -> [RunResult] {
            (0..<4).map { _ in
                let night = exp(0.05 * g.normal())
                return promptedResult(levels: spread, perPrompt: 25, factor: factor * night, noise: 0.05, generator: &g)
            }
        }
        let same = Comparator.compare(baseline: runs(1), contender: runs(1)).first { $0.metric == .latency }
        #expect(same?.method == .runs)
        #expect(same?.baselineCount == 4 && same?.contenderCount == 4)
        #expect(same?.verdict == .noChange)
        let slower = Comparator.compare(baseline: runs(1), contender: runs(1.4)).first { $0.metric == .latency }
        #expect(slower?.method == .runs && slower?.verdict == .regression)
    }

    @Test("two runs of a history that varies 5% night to night: an 8% difference is noise, a 40% one is not")
    func twoRunsWithHistorySpread() throws {
        var g = SplitMix64(seed: 6)
        func run(_ factor: Double) -> RunResult {
            RunResult(
                subject: "m", scenario: "gpu",
                samples: (0..<200).map { _ in Sample(latency: factor * exp(0.02 * g.normal())) })
        }
        let before = run(1), after = run(1.08)
        // The requests alone: 200 a side with 2% spread make 8% unmistakable.
        let requests = try #require(
            Comparator.compare(baseline: [before], contender: [after]).first { $0.metric == .latency })
        #expect(requests.method == .samples && requests.verdict == .regression)
        let spreads: [SeriesKey: [Metric: RunSpread]] = [
            before.seriesKey: [.latency: RunSpread(logSpread: 0.05, runs: 30)]
        ]
        let judged = try #require(
            Comparator.compare(baseline: [before], contender: [after], spreads: spreads).first { $0.metric == .latency }
        )
        #expect(judged.method == .runSpread && judged.verdict == .noChange)
        let far = try #require(
            Comparator.compare(baseline: [before], contender: [run(1.4)], spreads: spreads).first {
                $0.metric == .latency
            })
        #expect(far.method == .runSpread && far.verdict == .regression)
    }

    @Test("a change counts the same up and down: 1.05 to 1.00 is as large as 1.00 to 1.05")
    func symmetricEffect() {
        #expect(close(Comparator.effectSize(0.05), 0.05))
        #expect(close(Comparator.effectSize(1 / 1.05 - 1), 0.05))
        #expect(Comparator.effectSize(-0.04) < 0.05)
        #expect(Comparator.effectSize(-1) == .infinity)
        // A step down by the minimum effect is reported like the step up.
        let down = Array(repeating: 1.05, count: 10) + Array(repeating: 1.0, count: 10)
        #expect(ChangePointDetector.detect(down).map(\.index) == [10])
    }

    @Test("a series' verdict does not depend on how many other models share the comparison")
    func familyPerSeries() throws {
        var g = SplitMix64(seed: 12)
        func noisy(_ factor: Double) -> [Double] { (0..<20).map { _ in factor * exp(0.03 * g.normal()) } }
        let slow = (
            RunResult(subject: "slow", scenario: "s", samples: noisy(1).map { Sample(latency: $0) }),
            RunResult(subject: "slow", scenario: "s", samples: noisy(1.06).map { Sample(latency: $0) })
        )
        let alone = try #require(
            Comparator.compare(baseline: [slow.0], contender: [slow.1]).first {
                $0.key.subject == "slow" && $0.metric == .latency
            })
        var before = [slow.0], after = [slow.1]
        for i in 0..<49 {
            let values = noisy(1)
            before.append(RunResult(subject: "other-\(i)", scenario: "s", samples: values.map { Sample(latency: $0) }))
            after.append(RunResult(subject: "other-\(i)", scenario: "s", samples: noisy(1).map { Sample(latency: $0) }))
        }
        let crowded = try #require(
            Comparator.compare(baseline: before, contender: after).first {
                $0.key.subject == "slow" && $0.metric == .latency
            })
        #expect(alone.adjustedPValue == crowded.adjustedPValue)
        #expect(alone.verdict == crowded.verdict)
    }
}

@Suite("Run-by-run verdicts against the history")
struct HistoryVerdictTests {
    /// A history of one model: each run's requests around `levels[i]`.
    func history(_ levels: [Double], noise: Double = 0.02, seed: UInt64 = 1) -> History {
        var g = SplitMix64(seed: seed)
        let runs = levels.enumerated().map { index, level -> Run in
            let samples = (0..<30).map { _ in Sample(latency: level * exp(noise * g.normal()), completionTokens: 100) }
            return Run(
                id: "night-\(index)", timestamp: Timestamp(secondsSince1970: 1_790_000_000 + Double(index) * 86_400),
                timestampSource: .file,
                source: RunSource(format: "simulation", file: "n\(index)"),
                results: [RunResult(subject: "m", scenario: "gpu", samples: samples)])
        }
        return HistoryBuilder.build(runs: runs, metadata: Metadata(), diagnostics: DiagnosticBuffer())
    }

    func verdicts(_ history: History) -> [SeriesComparison?] {
        Analyzer.analyze(history).series(SeriesKey(subject: "m", scenario: "gpu")).map { $0.verdicts[.latency] }
    }

    @Test("a run is compared with the previous one on the same hardware; a series' results without data are skipped")
    func previousOnSameHardware() throws {
        // Host a, host b, host a, then a failed run on a, then a again; a second model throughout on a.
        let plan: [(host: String, latency: Double?)] = [("a", 1.0), ("b", 2.0), ("a", 1.1), ("a", nil), ("a", 1.21)]
        let runs = plan.enumerated().map { index, step -> Run in
            var run = Run(
                id: "night-\(index)", timestamp: Timestamp(secondsSince1970: 1_790_000_000 + Double(index) * 86_400),
                timestampSource: .file, source: RunSource(format: "simulation", file: "n\(index)"),
                results: [
                    RunResult(
                        subject: "m", scenario: "gpu", status: step.latency == nil ? .failed : .ok,
                        samples: step.latency.map { level in (0..<5).map { _ in Sample(latency: level) } } ?? []),
                    RunResult(subject: "other", scenario: "gpu", samples: [Sample(latency: 3.0)]),
                ])
            run.environment = Environment(host: step.host)
            return run
        }
        let history = HistoryBuilder.build(runs: runs, metadata: Metadata(), diagnostics: DiagnosticBuffer())
        let series = Analyzer.analyze(history).series(SeriesKey(subject: "m", scenario: "gpu"))
        #expect(series.map(\.previousRunIndex) == [nil, nil, 0, 2, 2])
        let change = try #require(series[4].changes[.latency])
        #expect(abs(change.relative - 0.1) < 1e-9 && change.previous == 1.1)
        #expect(series[2].changes[.latency].map { abs($0.relative - 0.1) < 1e-9 } == true)
        #expect(series[1].changes.isEmpty && series[3].changes.isEmpty)
        // The other model's runs on host b are a lineage of their own too.
        let other = Analyzer.analyze(history).series(SeriesKey(subject: "other", scenario: "gpu"))
        #expect(other.map(\.previousRunIndex) == [nil, nil, 0, 2, 3])
    }

    @Test("nights that differ by 5% from one another are not regressions; the window says how much runs vary")
    func runToRunNoise() throws {
        var g = SplitMix64(seed: 3)
        let levels = (0..<30).map { _ in exp(0.05 * g.normal()) }
        let all = verdicts(history(levels))
        let judged = all.compactMap { $0 }.filter { $0.verdict != .insufficientData }
        #expect(judged.count >= 25)
        #expect(judged.allSatisfy { $0.method == .history })
        #expect(judged.filter { $0.verdict == .regression || $0.verdict == .improvement }.count <= 1)
        // Each judged run names how many earlier runs it was judged against.
        #expect(
            judged.allSatisfy {
                $0.baselineCount >= Comparator.minimumHistory && $0.baselineCount <= Analyzer.historyWindow
            })
    }

    @Test("a 30% slowdown after quiet nights is a regression against the history, with an interval")
    func slowdown() throws {
        let levels = Array(repeating: 1.0, count: 10) + [1.3]
        let last = try #require(verdicts(history(levels)).last ?? nil)
        #expect(last.method == .history)
        #expect(last.verdict == .regression)
        let interval = try #require(last.interval)
        #expect(interval.lower > 0.2 && interval.upper < 0.4)
    }

    @Test("the first runs have too few earlier ones to judge and say so")
    func tooFewEarlierRuns() throws {
        let all = verdicts(history([1, 1, 1, 1, 1.5]))
        let first = try #require(all[1])
        #expect(first.verdict == .insufficientData)
        #expect(first.note?.contains("needs \(Comparator.minimumHistory)") == true)
        #expect(all[4]?.verdict == .regression)
    }
}

@Suite("Change points on levels")
struct ChangePointLevelTests {
    /// Runs of a mixed prompt set (1 : 1.6 : 2.5 : 4, 5 requests each) with 2% night-to-night noise.
    func history(step: Double, at position: Int, runs: Int = 40, seed: UInt64) -> History {
        var g = SplitMix64(seed: seed)
        let list = (0..<runs).map { index -> Run in
            let factor = (index >= position ? 1 + step : 1) * exp(0.02 * g.normal())
            let result = promptedResult(
                levels: [1, 1.6, 2.5, 4], perPrompt: 5, factor: factor, noise: 0.05, generator: &g)
            return Run(
                id: "night-\(index)", timestamp: Timestamp(secondsSince1970: 1_790_000_000 + Double(index) * 86_400),
                timestampSource: .file,
                source: RunSource(format: "simulation", file: "n\(index)"), results: [result])
        }
        return HistoryBuilder.build(runs: list, metadata: Metadata(), diagnostics: DiagnosticBuffer())
    }

    @Test("a 10% step with mixed prompts is found where it starts; the same history without it raises no alarm")
    func mixedPrompts() {
        let key = SeriesKey(subject: "m", scenario: "gpu")
        var hits = 0, alarms = 0
        for seed in UInt64(1)...20 {
            let stepped = Analyzer.analyze(history(step: 0.1, at: 20, seed: seed)).changePoints[key] ?? []
            if stepped.contains(where: { $0.metric == .latency && abs($0.runIndex - 20) <= 2 }) { hits += 1 }
            if !(Analyzer.analyze(history(step: 0, at: 20, seed: seed + 100)).changePoints[key] ?? []).isEmpty {
                alarms += 1
            }
        }
        #expect(hits >= 19, "found \(hits) of 20")
        #expect(alarms == 0)
    }

    @Test("sensitivity maps to penalties; a higher penalty finds fewer change points")
    func sensitivity() throws {
        #expect(ChangePointSettings.penalty(forSensitivity: "medium") == ChangePointSettings().penalty)
        let low = try #require(ChangePointSettings.penalty(forSensitivity: "LOW"))
        let high = try #require(ChangePointSettings.penalty(forSensitivity: "high"))
        #expect(low > ChangePointSettings().penalty && high < ChangePointSettings().penalty)
        #expect(ChangePointSettings.penalty(forSensitivity: "extreme") == nil)
        var g = SplitMix64(seed: 2)
        // A 6% step in 2% noise: found at high sensitivity, and the floor decides the rest.
        let values = (0..<30).map { ($0 >= 15 ? 1.06 : 1.0) * exp(0.02 * g.normal()) }
        #expect(ChangePointDetector.detect(values, settings: ChangePointSettings(penalty: high)).map(\.index) == [15])
        #expect(
            ChangePointDetector.detect(values, settings: ChangePointSettings(penalty: high, minimumEffect: 0.1)).isEmpty
        )
    }
}

@Suite("Change point search")
struct ChangePointSearchTests {
    /// Optimal partitioning over every start, as before pruning (the reference).
    static func exhaustive(n: Int, minimum: Int, beta: Double, cost: (Int, Int) -> Double) -> [Int] {
        var best = [Double](repeating: .infinity, count: n + 1)
        var last = [Int](repeating: 0, count: n + 1)
        best[0] = -beta
        for t in stride(from: minimum, through: n, by: 1) {
            for s in stride(from: 0, through: t - minimum, by: 1) where s == 0 || s >= minimum {
                guard best[s].isFinite else { continue }
                let candidate = best[s] + cost(s, t) + beta
                if candidate < best[t] {
                    best[t] = candidate
                    last[t] = s
                }
            }
        }
        var cuts: [Int] = []
        var t = n
        while t > 0 {
            if last[t] > 0 { cuts.append(last[t]) }
            t = last[t]
        }
        return cuts.reversed()
    }

    @Test("the pruned search finds the same changes as the search over every start")
    func prunedEqualsExhaustive() {
        var generator = SplitMix64(seed: 2026)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        var compared = 0
        for trial in 0..<300 {
            let n = 10 + Int(generator.next() % 400)
            // Steps of random size at random places, noise of random size; some series constant.
            var level = 0.0
            let noise = trial % 10 == 0 ? 0 : uniform() * 0.2
            let values = (0..<n).map { _ -> Double in
                if uniform() < 0.01 { level += (uniform() - 0.5) * 2 }
                return level + (uniform() - 0.5) * noise
            }
            var prefix = [0.0], squares = [0.0]
            for v in values {
                prefix.append(prefix[prefix.count - 1] + v)
                squares.append(squares[squares.count - 1] + v * v)
            }
            let scale = max(noise * noise / 12, 1e-6)
            let cost: (Int, Int) -> Double = { s, t in
                let sum = prefix[t] - prefix[s]
                return max(0, squares[t] - squares[s] - sum * sum / Double(t - s)) / scale
            }
            for minimum in [1, 2, 3, 5] {
                let beta = [1.0, 3.0, 10.0][trial % 3] * log(Double(n))
                let pruned = ChangePointDetector.partition(
                    n: n, minimum: minimum, beta: beta, prefix: prefix, prefixSquares: squares, variance: scale)
                #expect(pruned == Self.exhaustive(n: n, minimum: minimum, beta: beta, cost: cost), "trial \(trial)")
                compared += 1
            }
        }
        #expect(compared == 1200)
    }
}
