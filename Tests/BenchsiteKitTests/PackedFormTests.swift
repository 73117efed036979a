import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Hand-packed cache records and the ascending sort")
struct PackedFormTests {
    /// Figures of real runs of every tool the fixtures and examples hold: reported figures,
    /// contradictions, prompts, levels within prompts, failures.
    static func realFigures() -> [ResultFigures] {
        let paths = [repositoryRoot.appendingPathComponent("examples").path, fixturesFolder.path]
        let ingested = Ingest.read(paths: paths, options: IngestOptions())
        return ingested.runs.flatMap { $0.results.map(Analyzer.figures) }
    }

    @Test(
        "a result's figures packed and unpacked are the figures: their Codable form, which names every field, is the same"
    )
    func figuresRoundTrip() throws {
        let figures = Self.realFigures()
        #expect(figures.count > 200)
        // The fixtures exercise every part: reported figures with field names, contradictions,
        // levels within prompts, counts that are missing.
        #expect(figures.contains { $0.metrics.values.contains { $0.reported != nil } })
        #expect(figures.contains { !$0.contradictions.isEmpty })
        #expect(figures.contains { $0.levels.values.contains { !$0.promptMedians.isEmpty } })
        #expect(figures.contains { $0.requests == nil })
        for original in figures {
            var writer = PackedWriter()
            original.pack(into: &writer)
            var reader = PackedReader(writer.bytes)
            let unpacked = try ResultFigures(unpacking: &reader)
            try reader.finish()
            #expect(try BinaryCoder.encode(unpacked) == BinaryCoder.encode(original))
        }
    }

    @Test("a cache entry's run goes through BinaryCoder with its figures packed, and back")
    func cachedRunRoundTrip() throws {
        let paths = [repositoryRoot.appendingPathComponent("examples/workshop").path]
        let run = try #require(Ingest.read(paths: paths, options: IngestOptions()).runs.first)
        let encoded = try #require(BuildCache.encoded(run))
        let cached = BuildCache.CachedRun(
            run: BuildCache.stripped(run), fingerprint: "f", figures: run.results.map(Analyzer.figures),
            digest: encoded.digest, encodedRun: encoded.bytes)
        let decoded = try BinaryCoder.decode(BuildCache.CachedRun.self, from: BinaryCoder.encode(cached))
        #expect(try BinaryCoder.encode(decoded) == BinaryCoder.encode(cached))
        #expect(decoded.figures.count == run.results.count && decoded.digest == encoded.digest)
        // The run comes back whole, its id included (the entry keeps it apart from the hashed bytes).
        #expect(try BinaryCoder.encode(decoded.run) == BinaryCoder.encode(BuildCache.stripped(run)))
        #expect(decoded.run.id == run.id && !run.id.isEmpty)
    }

    @Test(
        "a run packed without its samples and unpacked is the run: its Codable form, which names every field, is the same"
    )
    func runRoundTrip() throws {
        let paths = [repositoryRoot.appendingPathComponent("examples").path, fixturesFolder.path]
        let runs = Ingest.read(paths: paths, options: IngestOptions()).runs
        #expect(runs.count > 50)
        // The fixtures exercise the optional parts: commits, environments, reported figures, notes.
        #expect(runs.contains { $0.versionControl != nil } && runs.contains { !$0.source.notes.isEmpty })
        #expect(runs.contains { $0.results.contains { !$0.reported.isEmpty && !$0.sampleFields.isEmpty } })
        for original in runs {
            let stripped = BuildCache.stripped(original)
            var writer = PackedWriter()
            #expect(stripped.pack(into: &writer))
            var reader = PackedReader(writer.bytes)
            let unpacked = try Run(unpacking: &reader)
            try reader.finish()
            #expect(try BinaryCoder.encode(unpacked) == BinaryCoder.encode(stripped), "\(original.source.file)")
            // Cut short, it is an error, never a trap.
            for cut in stride(from: 0, to: writer.bytes.count, by: max(1, writer.bytes.count / 7)) {
                var short = PackedReader(Array(writer.bytes[..<cut]))
                #expect(throws: (any Error).self) {
                    _ = try Run(unpacking: &short)
                    try short.finish()
                }
            }
        }
        // A run that still holds samples (or what a build learned of it) is not packed.
        var withSamples = try #require(runs.first { $0.results.contains { !$0.samples.isEmpty } })
        var writer = PackedWriter()
        #expect(!withSamples.pack(into: &writer))
        withSamples = BuildCache.stripped(withSamples)
        withSamples.knownFingerprint = "f"
        #expect(!withSamples.pack(into: &writer))
        // A field added to these types must be packed (`Run.pack`) and counted here, or a cached run
        // would come back without it and its digest would not change with it.
        #expect(Mirror(reflecting: runs[0]).children.count == 19)
        #expect(Mirror(reflecting: runs[0].results[0]).children.count == 14)
        #expect(Mirror(reflecting: runs[0].source).children.count == 6)
        #expect(Mirror(reflecting: runs[0].environment).children.count == 6)
        #expect(Mirror(reflecting: VersionControl()).children.count == 3)
    }

    @Test("cut or damaged packed bytes are an error, never a trap")
    func damagedBytes() throws {
        let figures = Self.realFigures().prefix(40)
        for original in figures {
            var writer = PackedWriter()
            original.pack(into: &writer)
            let bytes = writer.bytes
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 17)) {
                var reader = PackedReader(Array(bytes[..<cut]))
                #expect(throws: (any Error).self) {
                    _ = try ResultFigures(unpacking: &reader)
                    try reader.finish()
                }
            }
            var generator = SplitMix64(seed: UInt64(bytes.count))
            for _ in 0..<20 {
                var damaged = bytes
                damaged[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                var reader = PackedReader(damaged)
                // Damage may still decode (a changed digit of a figure: the cache's seal finds that);
                // it must not trap.
                _ = try? ResultFigures(unpacking: &reader)
            }
        }
    }

    @Test("what a run page is made from: every field of a verdict and a change is packed into its key")
    func pageKeyFields() {
        // A field added to these types must be packed (PackedForms) and counted here, or a page
        // could be kept while what it shows changed.
        let comparison = SeriesComparison(
            key: SeriesKey(subject: "m", scenario: "s"), metric: .latency, statistic: .p50, baseline: 1, contender: 2,
            baselineCount: 3, contenderCount: 4, change: 0.5, interval: (0.1, 0.9), pValue: 0.01, adjustedPValue: 0.02,
            method: .history, verdict: .regression, note: "n")
        #expect(Mirror(reflecting: comparison).children.count == 14)
        let change = Change(statistic: .p50, previous: 1, current: 2, relative: 1, metric: .latency)
        #expect(Mirror(reflecting: change).children.count == 5)
        func packed(_ value: SeriesComparison) -> [UInt8] {
            var writer = PackedWriter()
            value.pack(into: &writer)
            return writer.bytes
        }
        var variants: [SeriesComparison] = []
        for index in 0..<14 {
            var other = comparison
            switch index {
            case 0: other.key.subject = "x"
            case 1: other.metric = .throughput
            case 2: other.statistic = .mean
            case 3: other.baseline = nil
            case 4: other.contender = 3
            case 5: other.baselineCount = 5
            case 6: other.contenderCount = 5
            case 7: other.change = 0.4
            case 8: other.interval = (0.1, 0.8)
            case 9: other.pValue = nil
            case 10: other.adjustedPValue = 0.5
            case 11: other.method = .samples
            case 12: other.verdict = .noChange
            default: other.note = nil
            }
            variants.append(other)
        }
        #expect(Set(variants.map(packed) + [packed(comparison)]).count == 15)
    }

    @Test("the ascending sort gives what sorted() gives, bit for bit (duplicates, -0.0 and 0.0, NaN)")
    func ascendingSort() {
        var generator = SplitMix64(seed: 20261207)
        let specials: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, 1e-300, 5e-324, 2.5, 2.5]
        for size in Array(0...70) + [100, 199, 200, 257, 1000] {
            for round in 0..<4 {
                let values = (0..<size).map { _ -> Double in
                    switch generator.next() % 8 {
                    case 0: return specials[Int(generator.next() % UInt64(specials.count))]
                    case 1: return Double(generator.next() % 5)
                    case 2 where round == 3: return .nan
                    default: return Double(bitPattern: generator.next() >> 2) * (generator.next() % 2 == 0 ? 1 : -1)
                    }
                }
                #expect(values.sortedAscending().map(\.bitPattern) == values.sorted().map(\.bitPattern), "\(size)")
            }
        }
    }
}
