import Foundation
import Testing

@testable import BenchsiteKit

struct ScipyCase: Decodable {
    var name: String
    var x: [Double]
    var y: [Double]
    var u1: Double
    var p: Double
}

struct ScipyFixture: Decodable {
    var cases: [ScipyCase]
    var bh_input: [Double]
    var bh: [Double]
}

let scipyFixture: ScipyFixture = {
    let data = try! Data(contentsOf: fixturesFolder.appendingPathComponent("scipy-mannwhitneyu.json"))
    return try! JSONDecoder().decode(ScipyFixture.self, from: data)
}()

@Suite("Mann-Whitney U, Benjamini-Hochberg and bootstrap")
struct StatisticalTestTests {
    @Test(
        "two-sided Mann-Whitney U matches scipy.stats.mannwhitneyu to 1e-9", arguments: scipyFixture.cases.map(\.name))
    func mannWhitney(name: String) throws {
        let fixture = try #require(scipyFixture.cases.first { $0.name == name })
        let result = MannWhitneyU(fixture.x, fixture.y)
        #expect(result.u1 == fixture.u1)
        #expect(abs(result.pValue - fixture.p) <= 1e-9, "\(name): \(result.pValue) vs SciPy \(fixture.p)")
        #expect(result.exact == name.hasPrefix("exact"))
    }

    @Test("Benjamini-Hochberg matches scipy.stats.false_discovery_control")
    func benjaminiHochbergMatchesScipy() {
        let adjusted = benjaminiHochberg(scipyFixture.bh_input)
        for (a, b) in zip(adjusted, scipyFixture.bh) { #expect(abs(a - b) <= 1e-12) }
    }

    @Test(
        "the bootstrap interval agrees with a straightforward resampling",
        arguments: [(41, 36), (40, 9), (5, 6), (101, 100)])
    func bootstrapMatchesNaiveResampling(sizes: (Int, Int)) throws {
        var data = SplitMix(seed: UInt64(sizes.0 * 1000 + sizes.1))
        let a = (0..<sizes.0).map { _ in 1.0 + Double(data.next() % 1000) / 5000 }
        let b = (0..<sizes.1).map { _ in 1.1 + Double(data.next() % 1000) / 5000 }
        let fast = try #require(MedianChangeBootstrap.interval(baseline: a, contender: b, resamples: 10000, seed: 99))
        // Reference: resample n values with replacement, sort, take the median; many times.
        var generator = SplitMix64(seed: 7)
        var changes: [Double] = []
        for _ in 0..<10000 {
            let ra = (0..<a.count).map { _ in a[generator.index(below: a.count)] }
            let rb = (0..<b.count).map { _ in b[generator.index(below: b.count)] }
            let ma = SampleStatistics(ra)!.p50, mb = SampleStatistics(rb)!.p50
            changes.append((mb - ma) / ma)
        }
        changes.sort()
        let lower = SampleStatistics.quantile(sorted: changes, 0.025),
            upper = SampleStatistics.quantile(sorted: changes, 0.975)
        // Two Monte Carlo estimates of the same interval: equal within their sampling error.
        let width = upper - lower
        #expect(abs(fast.lower - lower) < 0.05 * width + 0.002, "lower \(fast.lower) vs \(lower)")
        #expect(abs(fast.upper - upper) < 0.05 * width + 0.002, "upper \(fast.upper) vs \(upper)")
    }

    @Test("the bootstrap is deterministic for a seed")
    func bootstrapDeterministic() {
        let a = (1...50).map(Double.init), b = (3...52).map(Double.init)
        let first = MedianChangeBootstrap.interval(baseline: a, contender: b)
        let second = MedianChangeBootstrap.interval(baseline: a, contender: b)
        #expect(first?.lower == second?.lower && first?.upper == second?.upper)
    }
}

@Suite("Verdicts")
struct VerdictTests {
    func result(_ model: String, _ latencies: [Double]) -> RunResult {
        RunResult(
            subject: model, scenario: "gpu", samples: latencies.map { Sample(latency: $0, completionTokens: 100) })
    }

    @Test("a result's analysis is a value: a changed copy leaves the original (and other copies) as they were")
    func analysisIsAValue() {
        let result = result("a", [1, 1.1, 0.9, 1.05])
        let original = ResultAnalysis(runIndex: 3, result: result, figures: Analyzer.figures(result))
        let other = original
        var changed = original
        changed.previousRunIndex = 2
        changed.metrics[.latency] = nil
        changed.verdicts[.latency] = Comparator.compare(baseline: [result], contender: [result]).first
        changed.result.subject = "b"
        #expect(changed.previousRunIndex == 2 && changed.metrics[.latency] == nil && changed.key.subject == "b")
        #expect(changed.verdicts[.latency] != nil)
        for unchanged in [original, other] {
            #expect(unchanged.previousRunIndex == nil && unchanged.verdicts.isEmpty && unchanged.key.subject == "a")
            #expect(unchanged.metrics[.latency]?.value(.p50) == 1.025 && unchanged.runIndex == 3)
        }
    }

    @Test("a run compared with itself has no regression")
    func selfComparison() {
        let run = [result("a", [1, 1.1, 0.9, 1.05, 0.97, 1.02]), result("b", [2, 2.2, 2.1, 1.9, 2.05])]
        let comparisons = Comparator.compare(baseline: run, contender: run)
        #expect(!comparisons.isEmpty)
        #expect(comparisons.allSatisfy { $0.verdict == .noChange })
        #expect(comparisons.allSatisfy { $0.pValue == 1 })
    }

    @Test("a clear slowdown is a regression, a clear speedup an improvement, noise no change")
    func directions() {
        var g = SplitMix(seed: 5)
        func noisy(_ median: Double, _ n: Int) -> [Double] {
            (0..<n).map { _ in median * (0.97 + Double(g.next() % 600) / 10000) }
        }
        let base = [result("slow", noisy(1.0, 30)), result("fast", noisy(1.0, 30)), result("same", noisy(1.0, 30))]
        let next = [result("slow", noisy(1.25, 30)), result("fast", noisy(0.8, 30)), result("same", noisy(1.01, 30))]
        let latency = Comparator.compare(baseline: base, contender: next).filter { $0.metric == .latency }
        #expect(latency.first { $0.key.subject == "slow" }?.verdict == .regression)
        #expect(latency.first { $0.key.subject == "fast" }?.verdict == .improvement)
        #expect(latency.first { $0.key.subject == "same" }?.verdict == .noChange)
        // Throughput is higher-is-better: the slower model's throughput fell, which is a regression too.
        let throughput = Comparator.compare(baseline: base, contender: next).filter { $0.metric == .throughput }
        #expect(throughput.first { $0.key.subject == "slow" }?.verdict == .regression)
    }

    @Test("aggregates only: judged by the threshold and labelled so; too few samples: insufficient data")
    func thresholdAndInsufficient() {
        var reported = ReportedStatistics()
        reported.set(.mean, 1.0, field: "latency_avg")
        var later = ReportedStatistics()
        later.set(.mean, 1.2, field: "latency_avg")
        let a = [RunResult(subject: "m", scenario: "s", reported: [.latency: reported]), result("tiny", [1, 1.1])]
        let b = [RunResult(subject: "m", scenario: "s", reported: [.latency: later]), result("tiny", [2, 2.1])]
        let c = Comparator.compare(baseline: a, contender: b)
        let m = c.first { $0.key.subject == "m" && $0.metric == .latency }
        #expect(m?.method == .thresholdOnly && m?.verdict == .regression && m?.statistic == .mean)
        #expect(c.first { $0.key.subject == "tiny" && $0.metric == .latency }?.verdict == .insufficientData)
    }
}

@Suite("Change points")
struct ChangePointTests {
    func noisy(_ levels: [(count: Int, level: Double)], noise: Double, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        return levels.flatMap { segment in
            (0..<segment.count).map { _ in segment.level * exp(noise * g.normal()) }
        }
    }

    @Test("a 25% step in 5% noise is found where it starts, rarely with a spurious one beside it")
    func step() {
        var found = 0, extra = 0
        for seed in UInt64(1)...200 {
            let values = noisy([(15, 1.0), (15, 1.25)], noise: 0.05, seed: seed)
            let points = ChangePointDetector.detect(values)
            if let hit = points.first(where: { abs($0.index - 15) <= 1 }) {
                found += 1
                // Its size, unless a spurious second step took a share of it.
                if points.count == 1 { #expect(abs(hit.relative - 0.25) < 0.08, "seed \(seed): \(points)") }
            }
            if points.contains(where: { abs($0.index - 15) > 1 }) { extra += 1 }
        }
        #expect(found == 200)
        // The simulation's rate for steps of 30%: 0.1% on average, 2% in the worst shape.
        #expect(extra <= 6, "\(extra) of 200 histories with a spurious change point")
    }

    @Test("histories without a step rarely raise an alarm (the simulation's rate: 0.2%)")
    func noAlarm() {
        var alarms = 0
        for seed in UInt64(100)...499
        where !ChangePointDetector.detect(noisy([(40, 1.0)], noise: 0.05, seed: seed)).isEmpty {
            alarms += 1
        }
        #expect(alarms <= 4, "\(alarms) alarms in 400 histories")
    }

    @Test("steps below the minimum effect are not reported, however clean")
    func minimumEffect() {
        let values = Array(repeating: 1.0, count: 10) + Array(repeating: 1.03, count: 10)
        #expect(ChangePointDetector.detect(values).isEmpty)
        #expect(
            ChangePointDetector.detect(values, settings: ChangePointSettings(minimumEffect: 0.01)).map(\.index) == [10])
    }

    @Test("the demo's mistral-7b GPU regression is found at 2026-10-09 and drawn on its trend")
    func demoChangePoint() throws {
        let files = demoSite.files
        let page = String(decoding: try #require(files["models/mistral-7b.html"]), as: UTF8.self)
        #expect(page.contains("<h2 id=\"scenario-gpu\">Scenario: gpu <a href=\"#scenario-gpu\""))
        #expect(page.contains("class=\"change sc"))
        #expect(page.contains("<a href=\"../runs/nightly-2026-10-09.html\">nightly · 2026-10-09</a></td>"))
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("<strong>Change point</strong>"))
        // Night-to-night noise is not a regression.
        #expect(!index.contains("class=\"worse\" title=\"regression"))
    }

    @Test("--baseline adds a compare page and judges the latest run against it")
    func baselinePage() throws {
        var options = demoOptions()
        options.baseline = "nightly-2026-10-08"
        let files = try generateSite(options).files
        let page = String(
            decoding: try #require(files["compare/nightly-2026-10-08-vs-nightly-2026-10-14.html"]), as: UTF8.self)
        #expect(page.contains("<span class=\"worse\">regression</span>"))
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("compare/nightly-2026-10-08-vs-nightly-2026-10-14.html"))
        options.baseline = "no-such-run"
        #expect(throws: ActionError.self) { try generateSite(options) }
    }
}

@Suite("Google Benchmark's compare.py")
struct GoogleBenchmarkCompareTests {
    @Test("benchsite compare gives the U-test p-values of compare.py on two runs with repetitions")
    func matchesComparePy() throws {
        let folder = fixturesFolder.appendingPathComponent("google-benchmark")
        let expected =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("compare-py-pvalues.json")))
            as! [String: [String: Double]]
        let outcome = try CompareAction(
            CompareOptions(
                baseline: folder.appendingPathComponent("baseline.json").path,
                contender: folder.appendingPathComponent("contender.json").path)
        ).run(diagnostics: DiagnosticBuffer())
        #expect(expected.count == 3)
        for (name, values) in expected {
            let time = try #require(outcome.comparisons.first { $0.key.subject == name && $0.metric == .latency })
            let cpu = try #require(outcome.comparisons.first { $0.key.subject == name && $0.metric == .cpuTime })
            #expect(
                abs(time.pValue! - values["time_pvalue"]!) < 1e-9,
                "\(name) real time: \(time.pValue!) vs compare.py \(values["time_pvalue"]!)")
            #expect(abs(cpu.pValue! - values["cpu_pvalue"]!) < 1e-9, "\(name) cpu time")
        }
        #expect(
            outcome.comparisons.first { $0.key.subject == "BM_Parse/1024" && $0.metric == .latency }?.verdict
                == .regression)
        #expect(
            outcome.comparisons.first { $0.key.subject == "BM_Small" && $0.metric == .latency }?.verdict == .improvement
        )
        #expect(
            outcome.comparisons.first { $0.key.subject == "BM_Render/64" && $0.metric == .latency }?.verdict
                == .noChange)
    }
}
