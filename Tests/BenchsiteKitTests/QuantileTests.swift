import Foundation
import Testing

@testable import BenchsiteKit

struct NumpyCase: Decodable {
    var name: String
    var values: [Double]
    var mean: Double
    var stddev: Double?
    var percentiles: [String: Double]
}

struct NumpyFixture: Decodable {
    var numpy: String
    var cases: [NumpyCase]
}

let numpyFixture: NumpyFixture = {
    let data = try! Data(contentsOf: fixturesFolder.appendingPathComponent("numpy-quantiles.json"))
    return try! JSONDecoder().decode(NumpyFixture.self, from: data)
}()

@Suite("Quantiles agree with numpy")
struct QuantileTests {
    @Test("numpy.percentile (linear) and std (ddof=1)", arguments: numpyFixture.cases.map(\.name))
    func matchesNumpy(name: String) throws {
        let fixture = try #require(numpyFixture.cases.first { $0.name == name })
        let stats = try #require(SampleStatistics(fixture.values))
        let sorted = fixture.values.sorted()
        for (q, expected) in fixture.percentiles {
            let actual = SampleStatistics.quantile(sorted: sorted, Double(q)! / 100)
            #expect(
                abs(actual - expected) <= 1e-12 * max(1, abs(expected)),
                "p\(q) of \(name): \(actual) vs numpy \(expected)")
        }
        #expect(abs(stats.mean - fixture.mean) <= 1e-12 * max(1, abs(fixture.mean)))
        #expect(abs(stats.p95 - fixture.percentiles["95"]!) <= 1e-12 * max(1, fixture.percentiles["95"]!))
        if let sd = fixture.stddev {
            #expect(abs(stats.standardDeviation! - sd) <= 1e-10 * max(1, sd))
        } else {
            #expect(stats.standardDeviation == nil)
        }
        #expect(stats.count == fixture.values.count)
        #expect(stats.min == sorted.first && stats.max == sorted.last)
    }

    @Test("quantiles never decrease as q grows, and stay within min and max")
    func monotone() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<200 {
            let n = Int(generator.next() % 50) + 1
            let values = (0..<n).map { _ in Double(generator.next() % 10_000) / 100 }.sorted()
            var last = -Double.infinity
            for step in 0...100 {
                let q = SampleStatistics.quantile(sorted: values, Double(step) / 100)
                #expect(q >= last)
                #expect(q >= values.first! && q <= values.last!)
                last = q
            }
        }
    }

    @Test("statistics do not depend on the order of the samples")
    func orderIndependent() {
        var generator = SplitMix(seed: 7)
        let values = (0..<97).map { _ in Double(generator.next() % 100_000) / 1000 }
        var shuffled = values
        shuffled.reverse()
        shuffled.swapAt(3, 60)
        #expect(SampleStatistics(values) == SampleStatistics(shuffled))
    }
}

/// A tiny deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Samples stored compactly")
struct CompactSampleTests {
    @Test("absent and present read back as they were set, a NaN value included; copies stay apart")
    func roundTrip() {
        var sample = Sample(ok: false, error: "timeout", prompt: "p", latency: 1.5, promptTokens: 0)
        #expect(sample.latency == 1.5 && sample.timeToFirstToken == nil && sample.promptTokens == 0)
        #expect(sample.completionTokens == nil && sample.error == "timeout" && sample.output == nil)
        sample.timeToFirstToken = .nan
        #expect(sample.timeToFirstToken?.isNaN == true)
        sample.cpuTime = -0.0
        #expect(sample.cpuTime == 0 && sample.cpuTime?.sign == .minus)
        var copy = sample
        copy.error = nil
        copy.interTokenGaps = [0.1, 0.2]
        copy.interTokenGaps?.append(0.3)
        #expect(sample.error == "timeout" && sample.interTokenGaps == nil)
        #expect(copy.error == nil && copy.interTokenGaps == [0.1, 0.2, 0.3])
        copy.latency = nil
        #expect(copy.latency == nil && sample.latency == 1.5)
        #expect(MemoryLayout<Sample>.stride <= 112)
    }
}
