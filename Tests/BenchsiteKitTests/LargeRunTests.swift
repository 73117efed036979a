import Foundation
import Testing

@testable import BenchsiteKit

/// A run of 150 MB is read and written without holding its text twice: its bytes are released as
/// they are scanned, and its pieces are hashed and compressed in chunks. The sizes that switch
/// those on are made small here.
@Suite("Large runs: read and written in pieces")
struct LargeRunTests {
    /// A run file of `count` samples (about 100 bytes each), in benchsite's format.
    func runText(samples count: Int, extra: String = "") -> [UInt8] {
        var random = SplitMix64(seed: 41)
        let samples = (0..<count).map { index in
            let latency = Double(500 + random.next() % 1000) / 1000
            return
                "{\"prompt_index\": \(index % 3), \"latency_s\": \(latency), \"ttft_s\": 0.0\(index % 10 + 1), \"completion_tokens\": \(80 + index % 50)}"
        }
        return Array(
            """
            {"format": "benchsite-run/1", "id": "big", "timestamp": "2026-10-01T00:00:00Z", "prompts": ["a", "b", "c"],
             "results": [{"model": "m", "scenario": "s", "samples": [
            \(samples.joined(separator: ",\n"))\(extra)
            ]}]}
            """.utf8)
    }

    /// A copy of its own (`Array(bytes)` would share the storage, and releasing zeroes it).
    func copied(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { Array($0) }
    }

    /// Options that release the bytes of any file, every `step` bytes.
    func releasing(every step: Int) -> IngestOptions {
        var options = IngestOptions()
        options.releasingSize = 0
        options.releaseStep = step
        return options
    }

    @Test("the streamed hash is the same however the text is cut, and tells texts apart")
    func streamedHash() {
        let text = runText(samples: 300)
        let whole = ContentHash.streamed(text)
        var random = SplitMix64(seed: 3)
        for _ in 0..<50 {
            var hash = ContentHash.Streamed()
            var position = 0
            while position < text.count {
                let size = min(text.count - position, Int(random.next() % 40))
                hash.add(Array(text[position..<(position + size)]))
                position += size
            }
            #expect(hash.value == whole)
        }
        var changed = text
        changed[text.count / 2] ^= 1
        #expect(ContentHash.streamed(changed) != whole)
        #expect(ContentHash.streamed(Array(text.dropLast())) != whole)
        #expect(ContentHash.streamed([]) != ContentHash.streamed([0]))
    }

    @Test("a text written in chunks is a gzip file of several members that gzip and benchsite read whole")
    func chunkedGzip() throws {
        let text = runText(samples: 400)
        func chunked(_ size: Int) throws -> [UInt8] {
            let drain = try TextDrain(chunkSize: size, compressing: true)
            var out = ByteWriter()
            out.drain = drain
            for start in stride(from: 0, to: text.count, by: 100) {
                out.bytes += text[start..<min(start + 100, text.count)]
                out.drainIfFull()
            }
            return try drain.file(last: out.bytes)
        }
        let file = try chunked(4096)
        #expect(try Gzip.decompress(file) == text)
        #expect(Gzip.label(of: file) == ContentHash.streamed(text))
        // Several members: each starts with the gzip magic and method.
        let members = (0..<(file.count - 2)).filter { file[$0] == 0x1f && file[$0 + 1] == 0x8b && file[$0 + 2] == 8 }
        #expect(members.count >= text.count / 4096)
        #expect(try chunked(4096) == file)
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("run.json.gz").path
        try Data(file).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc '\(path)' > '\(path).out'"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".out"))) == text)
        // An empty text is one empty member.
        let empty = try TextDrain(chunkSize: 4096, compressing: true).file(last: [])
        #expect(try Gzip.decompress(empty) == [])
    }

    @Test("a large run's piece is hashed, reused when labelled so, else compressed in chunks; a small one as before")
    func chunkedPieces() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let read = Ingest.read(SourceFile(path: "big.json", bytes: runText(samples: 500)))
        let run = try #require(read.runs.first)
        let text = RunFormatWriter.piece(run)
        var compressor = PieceCompressor(outputDirectory: folder.path, published: SiteWriter.Manifest())
        compressor.chunkedSamples = 100
        compressor.chunkSize = 2048
        let made = try compressor.file("data/runs/big.json.gz", samples: 500, capacity: 0) {
            RunFormatWriter.piece(run, into: &$0)
        }
        #expect(try Gzip.decompress(made) == text)
        #expect(Gzip.label(of: made) == ContentHash.streamed(text))
        // An input with the same text (however it was compressed) is taken as it is.
        let drain = try TextDrain(chunkSize: 999, compressing: true)
        let input = try drain.file(last: text)
        #expect(input != made)
        let reused = try compressor.file("data/runs/big.json.gz", input: input, samples: 500, capacity: 0) {
            RunFormatWriter.piece(run, into: &$0)
        }
        #expect(reused == input)
        // An input of another text is not.
        let other = try TextDrain(chunkSize: 999, compressing: true).file(last: Array(text.dropLast()))
        let remade = try compressor.file("data/runs/big.json.gz", input: other, samples: 500, capacity: 0) {
            RunFormatWriter.piece(run, into: &$0)
        }
        #expect(remade == made)
        // Below the threshold: one member labelled with `ContentHash.of`, as every piece was before.
        let small = try compressor.file("data/runs/big.json.gz", samples: 99, capacity: 0) {
            RunFormatWriter.piece(run, into: &$0)
        }
        #expect(small == (try Gzip.compress(text, level: 1, label: ContentHash.of(text))))
    }

    @Test("a chunked piece read back keeps its file, so a rebuild does not compress it again")
    func chunkedPieceReadBack() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = runText(samples: 300)
        let file = try TextDrain(chunkSize: 4096, compressing: true).file(last: text)
        let url = folder.appendingPathComponent("20261001T000000Z-big.json.gz")
        try Data(file).write(to: url)
        let read = Ingest.read(paths: [url.path])
        #expect(read.diagnostics.isEmpty)
        #expect(read.runs.first?.gzipPiece == file)
    }

    #if os(Linux)
    @Test("a large file's bytes are released as they are scanned, and the reading is the same")
    func releasedWhileScanned() throws {
        let bytes = runText(samples: 3000)
        let scanned = RunFileScanner.scan(bytes, releasingEvery: 8192)
        #expect(scanned.scanned != nil)
        #expect(scanned.released)
        // The pages passed read as zeros now: the memory went back to the system.
        let zeros = bytes.filter { $0 == 0 }.count
        #expect(zeros > bytes.count - 4 * 8192)

        let text = runText(samples: 3000)
        let kept = Ingest.readFile(SourceFile(path: "big.json", bytes: text), options: IngestOptions())
        let released = Ingest.readFile(
            SourceFile(path: "big.json", bytes: copied(text)), options: releasing(every: 8192),
            reread: {
                Issue.record("read again though the scan succeeded"); return text
            })
        #expect(released.0.runs.map(RunFormatWriter.piece) == kept.0.runs.map(RunFormatWriter.piece))
        #expect(released.2.map(\.description) == kept.2.map(\.description))
    }

    @Test("a large file handed to the general path after its bytes were released is read again; its lines still named")
    func releasedThenDeclined() throws {
        // A sample the general code reports (in the middle), then a syntax error near the end.
        var text = runText(samples: 3000, extra: ",\n{\"latency_s\": 1.5x}")
        let odd = Array("{\"latency_s\": -1, \"unknown\": 2}".utf8)
        let place = text.count / 2
        let comma = try #require(text[place...].firstIndex(of: UInt8(ascii: "{")))
        text.replaceSubrange(comma..<comma, with: odd + Array(",\n".utf8))
        let expected = Ingest.readFile(SourceFile(path: "big.json", bytes: text), options: IngestOptions())
        #expect(expected.2.contains { $0.line != nil && $0.severity == .error })
        let readings = Locked(0)
        let copy = copied(text)
        let got = Ingest.readFile(
            SourceFile(path: "big.json", bytes: copied(text)), options: releasing(every: 8192),
            reread: {
                readings.withLock { $0 += 1 }
                return copy
            })
        #expect(readings.withLock { $0 } == 1)
        #expect(got.2.map(\.description) == expected.2.map(\.description))
        #expect(got.0.runs.count == expected.0.runs.count)

        // A file that cannot be read again is an error, not a reading of zeros.
        let failed = Ingest.readFile(
            SourceFile(path: "big.json", bytes: copied(text)), options: releasing(every: 8192),
            reread: { throw FileContents.Failure(message: "No such file or directory") })
        #expect(failed.0.runs.isEmpty)
        #expect(failed.2.map(\.message) == ["cannot read the file again: No such file or directory"])
    }

    @Test("lines are named the same whether or not the bytes were released")
    func locationsAfterRelease() throws {
        let text = runText(samples: 2000, extra: ",\n{\"latency_s\": -1}")
        let expected = Ingest.readFile(SourceFile(path: "big.json", bytes: text), options: IngestOptions())
        let got = Ingest.readFile(
            SourceFile(path: "big.json", bytes: copied(text)), options: releasing(every: 4096),
            reread: { text })
        #expect(!expected.2.isEmpty)
        #expect(expected.2.allSatisfy { $0.line != nil })
        #expect(got.2.map(\.description) == expected.2.map(\.description))
        // The lines are found in the bytes read again, only when asked for; a file gone by then is
        // named without a line, never with one counted in released (zeroed) bytes.
        let gone = Ingest.readFile(
            SourceFile(path: "big.json", bytes: copied(text)), options: releasing(every: 4096),
            reread: { throw FileContents.Failure(message: "No such file or directory") })
        #expect(gone.2.map(\.message) == expected.2.map(\.message))
        #expect(gone.2.allSatisfy { $0.file == "big.json" && $0.line == nil })
    }
    #endif
}
