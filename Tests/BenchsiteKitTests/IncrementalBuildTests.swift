import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Incremental builds (the build cache)")
struct IncrementalBuildTests {
    let examples = repositoryRoot.appendingPathComponent("examples/nightly")

    /// A temporary folder with `in/` holding the example runs `pick` takes from all of them (in name
    /// order) and `site/` built from those; every example's name, in order. The caller removes `folder`.
    func builtSite(
        _ pick: ([String]) -> ArraySlice<String>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (folder: URL, inputs: URL, site: URL, names: [String]) {
        let folder = try makeTemporaryFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        let inputs = folder.appendingPathComponent("in"), site = folder.appendingPathComponent("site")
        try copyExamples(pick(names), to: inputs)
        #expect(
            try runBenchsite(["build", inputs.path, "--out", site.path]).status == 0, sourceLocation: sourceLocation)
        return (folder, inputs, site, names)
    }

    /// Copies the named example runs into `folder`.
    func copyExamples(_ names: some Sequence<String>, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(
                at: examples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
    }

    /// The site a full build makes from `inputs` with `options`, in a folder of its own.
    func fullBuild(_ inputs: URL, _ options: [String] = [], in folder: URL) throws -> [String: Data] {
        let out = folder.appendingPathComponent("full-\(UUID().uuidString)")
        let result = try runBenchsite(["build", inputs.path, "--out", out.path] + options)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("from the build cache"))
        return try readTree(out)
    }

    @Test("runs added night by night: only the new file is read, the site is byte for byte a full build's")
    func addedRuns() throws {
        let (folder, inputs, site, names) = try builtSite { $0.prefix(10) }
        defer { try? FileManager.default.removeItem(at: folder) }
        for (night, name) in names.dropFirst(10).enumerated() {
            try copyExamples([name], to: inputs)
            let result = try runBenchsite(["build", inputs.path, "--out", site.path])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("; \(10 + night) inputs from the build cache)"), "\(result.output)")
            #expect(!result.output.contains("note:"), "\(result.output)")
            #expect(try readTree(site) == fullBuild(inputs, in: folder), "night \(name)")
        }
    }

    @Test("an old run edited, the title changed, a template added: each build equals a full one")
    func changedInputsAndSettings() throws {
        let (folder, inputs, site, names) = try builtSite { $0[...] }
        defer { try? FileManager.default.removeItem(at: folder) }

        // A run in the middle of the history gets slower: its figures, the verdicts after it and the
        // change points move; every page that shows them is made again.
        let edited = inputs.appendingPathComponent("2026-10-05.json")
        var text = try String(contentsOf: edited, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "\"latency_s\": ([0-9.]+)")
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let range = Range(match.range(at: 1), in: text), let value = Double(text[range]) else { continue }
            text.replaceSubrange(range, with: String(value * 1.6))
        }
        try text.write(to: edited, atomically: true, encoding: .utf8)
        var result = try runBenchsite(["build", inputs.path, "--out", site.path])
        #expect(result.output.contains("; 13 inputs from the build cache)"), "\(result.output)")
        #expect(try readTree(site) == fullBuild(inputs, in: folder))

        result = try runBenchsite(["build", inputs.path, "--out", site.path, "--title", "Other <title>"])
        #expect(result.status == 0)
        #expect(try readTree(site) == fullBuild(inputs, ["--title", "Other <title>"], in: folder))

        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<!doctype html><title>{{pageTitle}}</title><p>{{runCount}} runs</p>{{{content}}}\n".write(
            to: templates.appendingPathComponent("layout.html"), atomically: true, encoding: .utf8)
        result = try runBenchsite(["build", inputs.path, "--out", site.path, "--templates", templates.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(try readTree(site) == fullBuild(inputs, ["--templates", templates.path], in: folder))
        // With a layout that may show the run count, one more run makes every page again.
        let extra = folder.appendingPathComponent("extra.json")
        try String(contentsOf: examples.appendingPathComponent(names[13]), encoding: .utf8)
            .replacingOccurrences(of: "2026-10-14", with: "2026-10-15")
            .write(to: extra, atomically: true, encoding: .utf8)
        result = try runBenchsite(["build", inputs.path, extra.path, "--out", site.path, "--templates", templates.path])
        #expect(result.status == 0, "\(result.output)")
        let runPage = try String(
            contentsOf: site.appendingPathComponent("runs/nightly-2026-10-01.html"), encoding: .utf8)
        #expect(runPage.contains("15 runs"))
    }

    @Test("a corrupt, stale or missing cache is set aside with a note and made again")
    func untrustedCache() throws {
        let (folder, inputs, site, names) = try builtSite { $0.prefix(12) }
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = site.appendingPathComponent(BuildCache.folderName)
        // The inputs' entries, in buckets by the hash of their path.
        let inputPaths = names.prefix(12).map { inputs.appendingPathComponent($0).path }
        let byBucket = Dictionary(grouping: inputPaths, by: BuildCache.bucketName)
        let buckets = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("inputs").path)
        #expect(Set(buckets) == Set(byBucket.keys))
        let bucketNames = byBucket.keys.sorted()
        #expect(bucketNames.count >= 3)
        func bucket(_ index: Int) -> URL { cache.appendingPathComponent("inputs/" + bucketNames[index]) }

        // One bucket cut short, one overwritten with noise, the pages' record turned to noise.
        let bytes = try Data(contentsOf: bucket(0))
        try bytes.prefix(bytes.count - 20).write(to: bucket(0))
        var generator = SplitMix64(seed: 7)
        try Data((0..<4000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }).write(to: bucket(1))
        try Data("not a record".utf8).write(to: cache.appendingPathComponent("outputs"))
        // One byte changed in the last entry of a bucket: it may still decode (a digit of a figure),
        // the seal at its end says it is not what was written.
        var flipped = [UInt8](try Data(contentsOf: bucket(2)))
        flipped[flipped.count - 40] ^= 0x01
        try Data(flipped).write(to: bucket(2))
        // Cut short, the bucket loses its last entry; noise loses all; a flipped byte loses one.
        let lost = 1 + (byBucket[bucketNames[1]]?.count ?? 0) + 1
        try copyExamples([names[12]], to: inputs)
        var result = try runBenchsite(["build", inputs.path, "--out", site.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("note: the build cache's record of the pages"), "\(result.output)")
        #expect(result.output.contains("; \(12 - lost) inputs from the build cache)"), "\(result.output)")
        #expect(try readTree(site) == fullBuild(inputs, in: folder))

        // Entries of other reading options are not used: --date shapes how files are read.
        result = try runBenchsite(["build", inputs.path, "--out", site.path, "--date", "2026-01-01"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("made by another benchsite binary or with other reading options"))
        #expect(!result.output.contains("from the build cache"), "\(result.output)")

        // No cache beside a site: said once, then made.
        try FileManager.default.removeItem(at: cache)
        try copyExamples([names[13]], to: inputs)
        result = try runBenchsite(["build", inputs.path, "--out", site.path])
        #expect(result.output.contains("note: no build cache in"), "\(result.output)")
        #expect(try readTree(site) == fullBuild(inputs, in: folder))
        result = try runBenchsite(["build", inputs.path, "--out", site.path, "--title", "t"])
        #expect(!result.output.contains("note:"), "\(result.output)")
        #expect(result.output.contains("; 14 inputs from the build cache)"), "\(result.output)")
    }

    @Test("a site restored from an older copy (times kept) beside a newer cache: its pages are made again")
    func restoredSiteNewerCache() throws {
        let (folder, inputs, site, names) = try builtSite { $0.dropLast() }
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("copy")
        // The site kept aside as a backup keeps it (modification times included), without the cache.
        func copyKeepingTimes(_ from: URL, _ to: URL) throws {
            let cp = Process()
            cp.executableURL = URL(fileURLWithPath: "/bin/cp")
            cp.arguments = ["-a", from.path, to.path]
            try cp.run()
            cp.waitUntilExit()
            #expect(cp.terminationStatus == 0)
        }
        try copyKeepingTimes(site, copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent(BuildCache.folderName))
        try copyExamples([names[names.count - 1]], to: inputs)
        #expect(try runBenchsite(["build", inputs.path, "--out", site.path]).status == 0)
        // The site goes back to the copy; the cache stays the newer build's.
        for name in try FileManager.default.contentsOfDirectory(atPath: site.path) where name != BuildCache.folderName {
            try FileManager.default.removeItem(at: site.appendingPathComponent(name))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
            try copyKeepingTimes(copy.appendingPathComponent(name), site.appendingPathComponent(name))
        }
        let result = try runBenchsite(["build", inputs.path, "--out", site.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(try readTree(site) == fullBuild(inputs, in: folder))
    }

    @Test("the whole-history tables take unchanged runs' rows from the published table, only while it is as written")
    func tableRowsReused() throws {
        let (folder, inputs, site, names) = try builtSite { $0.prefix(12) }
        defer { try? FileManager.default.removeItem(at: folder) }
        // The published summary edited by hand (a figure of the first run): the next build does not
        // take rows from it, and writes the table a full build writes.
        let summary = site.appendingPathComponent("data/summary.csv")
        var lines = try String(contentsOf: summary, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = lines[1].replacingOccurrences(of: ",", with: ",9", options: [], range: nil)
        try lines.joined(separator: "\n").write(to: summary, atomically: true, encoding: .utf8)
        try copyExamples([names[12]], to: inputs)
        let result = try runBenchsite(["build", inputs.path, "--out", site.path, "--force"])
        #expect(result.status == 0, "\(result.output)")
        let full = try fullBuild(inputs, in: folder)
        #expect(try Data(contentsOf: summary) == full["data/summary.csv"])
        #expect(try readTree(site) == full)
    }

    @Test("a table written run by run copies a run's rows when their key is the table before's, and only then")
    func tableWriter() {
        func table(
            _ runs: [(key: UInt64, text: String)], previous: (bytes: [UInt8], index: TableIndex)?
        ) -> (
            bytes: [UInt8], index: TableIndex, written: [UInt64]
        ) {
            var writer = TableWriter(capacity: 64, previous: previous)
            writer.out.append("header\n")
            var written: [UInt64] = []
            for run in runs {
                writer.run(key: run.key) { out in
                    written.append(run.key)
                    out.append(run.text)
                }
            }
            let finished = writer.finished
            return (
                finished.bytes, TableIndex(contentHash: ContentHash.of(finished.bytes), runs: finished.runs), written
            )
        }
        let first = table([(1, "a,1\n"), (2, "b,2\nb,3\n")], previous: nil)
        #expect(first.written == [1, 2])
        #expect(first.index.runs.map(\.count) == [4, 8] && first.index.runs[0].start == 7)
        // Run 2 unchanged, run 1 changed (a new key), run 3 new: only 2 is copied, and what it copies
        // is what it wrote before.
        let second = table(
            [(9, "a,9\n"), (2, "never written\n"), (3, "c\n")], previous: (first.bytes, first.index))
        #expect(second.written == [9, 3])
        #expect(String(decoding: second.bytes, as: UTF8.self) == "header\na,9\nb,2\nb,3\nc\n")
        // A table that is not the bytes its index was made for is not copied from, nor is a range
        // past its end.
        var edited = first.bytes
        edited[edited.count - 2] = UInt8(ascii: "9")
        #expect(table([(2, "b\n")], previous: (edited, first.index)).written == [2])
        var index = first.index
        index.runs[1].count = 1000
        index.contentHash = ContentHash.of(first.bytes)
        #expect(table([(2, "b\n")], previous: (first.bytes, index)).written == [2])
        // A damaged index (from a record that still decodes) neither traps nor copies.
        index.runs[1] = TableIndex.Rows(key: 2, start: Int.max, count: 1)
        #expect(table([(2, "b\n")], previous: (first.bytes, index)).written == [2])
        index.runs[1] = TableIndex.Rows(key: 2, start: -5, count: 3)
        #expect(table([(2, "b\n")], previous: (first.bytes, index)).written == [2])
    }

    @Test("--no-cache neither reads nor writes the cache")
    func noCache() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = folder.appendingPathComponent("site")
        var result = try runBenchsite(["build", examples.path, "--out", site.path, "--no-cache"])
        #expect(result.status == 0, "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(BuildCache.folderName).path))
        #expect(try runBenchsite(["build", examples.path, "--out", site.path]).status == 0)
        result = try runBenchsite(["build", examples.path, "--out", site.path, "--no-cache", "--title", "t"])
        #expect(result.status == 0)
        #expect(!result.output.contains("from the build cache"), "\(result.output)")
    }

    @Test("an input changed between reading the cache and reading its samples is an error, the site untouched")
    func inputChangedDuringBuild() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = Ingest.read(paths: [examples.path], cache: nil)
        var copy = HistoryBuilder.build(runs: history.runs, metadata: Metadata(), diagnostics: DiagnosticBuffer())
        let file = folder.appendingPathComponent("run.json")
        try FileManager.default.copyItem(at: examples.appendingPathComponent("2026-10-01.json"), to: file)
        copy.runs[0].origin = RunOrigin(path: file.path, identity: "0 0 0 0", index: 0)
        copy.runs[0].samplesDeferred = true
        #expect(throws: ActionError.self) {
            try IncrementalBuild.hydrate(&copy, runs: [0], options: IngestOptions())
        }
    }
}

@Suite("BinaryCoder")
struct BinaryCoderTests {
    @Test("a run with its samples and its figures read back as they were written")
    func roundTrip() throws {
        let path = repositoryRoot.appendingPathComponent("examples/nightly/2026-10-03.json").path
        let run = try #require(Ingest.read(paths: [path]).runs.first)
        let bytes = try BinaryCoder.encode(run)
        let back = try BinaryCoder.decode(Run.self, from: bytes)
        #expect(try BinaryCoder.encode(back) == bytes)
        #expect(RunFormatWriter.piece(back) == RunFormatWriter.piece(run))
        let figures = run.results.map(Analyzer.figures)
        let decoded = try BinaryCoder.decode([ResultFigures].self, from: BinaryCoder.encode(figures))
        #expect(
            decoded.map { $0.metrics[.latency]?.computed } == figures.map { $0.metrics[.latency]?.computed })
        #expect(decoded.map(\.levels.count) == figures.map(\.levels.count))
        #expect(decoded.allSatisfy { $0.prompts.isEmpty })  // left out: made again from the samples
    }

    @Test("a dictionary's bytes do not depend on its order in memory")
    func dictionaryOrder() throws {
        var small: [String: Double] = [:]
        var large = [String: Double](minimumCapacity: 4096)
        let keys = (0..<200).map { "prompt \($0)" }
        for key in keys { small[key] = Double(key.count) }
        for key in keys.reversed() { large[key] = Double(key.count) }
        #expect(Array(small.keys) != Array(large.keys))
        #expect(try BinaryCoder.encode(small) == BinaryCoder.encode(large))
        let metrics: [Metric: Double] = [.latency: 1, .throughput: 2, .timeToFirstToken: 3]
        #expect(try BinaryCoder.decode([Metric: Double].self, from: BinaryCoder.encode(metrics)) == metrics)
    }

    @Test("cut or damaged bytes are an error, never a crash")
    func damagedBytes() throws {
        let path = repositoryRoot.appendingPathComponent("examples/nightly/2026-10-03.json").path
        var run = try #require(Ingest.read(paths: [path]).runs.first)
        run.results = Array(run.results.prefix(2))
        for index in run.results.indices { run.results[index].samples = Array(run.results[index].samples.prefix(3)) }
        let bytes = try BinaryCoder.encode(run)
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self) { try BinaryCoder.decode(Run.self, from: Array(bytes.prefix(length))) }
        }
        var generator = SplitMix64(seed: 11)
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<3 {
                damaged[Int(generator.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? BinaryCoder.decode(Run.self, from: damaged)
        }
    }
}
