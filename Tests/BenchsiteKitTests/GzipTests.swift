import Foundation
import Testing

@testable import BenchsiteKit

@Suite("gzip: the history's pieces")
struct GzipTests {
    /// The exit status of a `/bin/sh -c` command (the gzip command as users have it).
    func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    var sample: [UInt8] {
        var random = SplitMix64(seed: 7)
        return Array((0..<5000).map { _ in "0.\(random.next() % 100000)," }.joined().utf8)
    }

    @Test("compressing then decompressing gives the bytes back; the same bytes give the same file")
    func roundTrip() throws {
        let bytes = sample
        let compressed = try Gzip.compress(bytes)
        #expect(Gzip.isCompressed(compressed) && compressed.count < bytes.count / 2)
        #expect(try Gzip.decompress(compressed) == bytes)
        #expect(try Gzip.compress(bytes) == compressed)
        // No time stamp in the header (MTIME, bytes 4-7), so a rebuild writes the same file.
        #expect(compressed[4..<8].allSatisfy { $0 == 0 })
        #expect(try Gzip.decompress(try Gzip.compress([])) == [])
        // Held by the thousands in a large site: no room kept for the worst case (about the input's size).
        #expect(compressed.capacity < compressed.count + compressed.count / 4 + 64)
    }

    @Test("the gzip command reads what benchsite writes, and benchsite reads what it writes")
    func interoperates() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.gz")
        try Data(try Gzip.compress(sample)).write(to: file)
        #expect(
            try shell(
                "gzip -dc '\(file.path)' > '\(file.path).out' && gzip -c '\(file.path).out' > '\(file.path).2.gz'")
                == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path + ".out")) == Data(sample))
        let theirs = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path + ".2.gz")))
        #expect(try Gzip.decompress(theirs) == sample)
    }

    @Test("members concatenated (cat a.gz b.gz) are read one after another")
    func concatenatedMembers() throws {
        let a = Array("first,".utf8), b = Array("second".utf8)
        #expect(try Gzip.decompress(try Gzip.compress(a) + Gzip.compress(b)) == a + b)
    }

    @Test("cut short, corrupt, or expanding beyond the limit: an error, never a trap")
    func badData() throws {
        let compressed = try Gzip.compress(sample)
        for cut in [3, 10, compressed.count / 2, compressed.count - 1] {
            #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array(compressed.prefix(cut))) }
        }
        var corrupt = compressed
        corrupt[compressed.count / 2] ^= 0xFF
        corrupt[compressed.count / 2 + 1] ^= 0x55
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(corrupt) }
        let zeros = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(zeros.count < 4096)
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(zeros, limit: 1 << 19) }
        var random = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var bytes = compressed
            bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(random.next() % 256)
            _ = try? Gzip.decompress(bytes)
        }
    }

    @Test("a .json.gz input is read like the .json it holds, and a broken one is named")
    func gzipInputs() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = repositoryRoot.appendingPathComponent("examples/nightly/2026-10-14.json")
        let plain = try generateSite(BuildOptions(inputs: [source.path], outputDirectory: "/unused"))
        let compressed = folder.appendingPathComponent("2026-10-14.json.gz")
        try Data(try Gzip.compress([UInt8](try Data(contentsOf: source)))).write(to: compressed)
        try Data([0x1f, 0x8b] + Array("broken".utf8)).write(to: folder.appendingPathComponent("broken.json.gz"))
        let read = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused"))
        #expect(read.report.runs == plain.report.runs && read.files["runs/nightly-2026-10-14.html"] != nil)
        let errors = read.report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1 && errors[0].file?.hasSuffix("broken.json.gz") == true)
        #expect(errors.first?.message.contains("gzip") == true)
    }

    @Test("a label in the header says what a file holds, and gzip still reads it")
    func labels() throws {
        let bytes = sample
        let labelled = try Gzip.compress(bytes, label: 0x0123_4567_89AB_CDEF)
        #expect(Gzip.label(of: labelled) == 0x0123_4567_89AB_CDEF)
        #expect(Gzip.label(of: try Gzip.compress(bytes)) == nil)
        #expect(try Gzip.decompress(labelled) == bytes)
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("l.gz")
        try Data(labelled).write(to: file)
        #expect(
            try shell("gzip -t '\(file.path)' && test \"$(gzip -dc '\(file.path)' | wc -c)\" -eq \(bytes.count)") == 0)
    }

    @Test("a published piece whose text is unchanged is written as it was read, not compressed again")
    func piecesReused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeHistory(demoSite.files, to: folder)
        let runs = folder.appendingPathComponent(HistoryPieces.runsFolder)
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted()
        // One piece compressed differently (level 9) but labelled with its text's hash: reused as it is.
        let reused = names[0]
        let text = try Gzip.decompress([UInt8](try Data(contentsOf: runs.appendingPathComponent(reused))))
        let recompressed = try Gzip.compress(text, level: 9, label: ContentHash.of(text))
        try Data(recompressed).write(to: runs.appendingPathComponent(reused))
        // One labelled with a hash that is not its text's: not trusted, compressed again.
        let mislabelled = names[1]
        let other = try Gzip.decompress([UInt8](try Data(contentsOf: runs.appendingPathComponent(mislabelled))))
        try Data(try Gzip.compress(other, level: 9, label: 42)).write(to: runs.appendingPathComponent(mislabelled))
        let files = try generateSite(BuildOptions(inputs: [folder.path], outputDirectory: "/unused")).files
        #expect(files[HistoryPieces.runsFolder + "/" + reused] == recompressed)
        #expect(
            files[HistoryPieces.runsFolder + "/" + mislabelled]
                == demoSite.files[HistoryPieces.runsFolder + "/" + mislabelled])
        // Every piece holds what it held.
        for name in names {
            let path = HistoryPieces.runsFolder + "/" + name
            #expect(try Gzip.decompress(files[path] ?? []) == Gzip.decompress(demoSite.files[path] ?? []))
        }
    }
}

@Suite("Content hash")
struct ContentHashTests {
    @Test("one changed byte, a longer or a shorter text: another hash; the same text: the same")
    func sensitive() {
        var random = SplitMix64(seed: 9)
        let bytes = (0..<1000).map { _ in UInt8(random.next() % 256) }
        let hash = ContentHash.of(bytes)
        #expect(ContentHash.of(bytes) == hash)
        var seen = Set([hash])
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 1
            #expect(seen.insert(ContentHash.of(changed)).inserted, "byte \(index)")
        }
        for length in 0..<bytes.count { #expect(seen.insert(ContentHash.of(Array(bytes.prefix(length)))).inserted) }
        #expect(ContentHash.of([0]) != ContentHash.of([0, 0]) && ContentHash.of([]) != ContentHash.of([0]))
    }
}
