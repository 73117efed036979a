import Foundation

/// The gzip files of the published history, compressed once. Compressing is most of the cost of
/// writing a history of years (a run of 20 models holds about 1 MB of text), yet a night changes
/// one run: each gzip file carries the hash of its text in its header (`Gzip.label`), so a file
/// whose text is unchanged is taken as it is, from the input it was read from (the published
/// history fetched by a CI job) or from the site already in the output folder, and only new or
/// changed text is compressed. Nothing is trusted blindly: an input's label was checked against
/// its text when it was read, and a published file is used only when the manifest lists it with
/// these very bytes and it was not modified since.
struct PieceCompressor: Sendable {
    let writer: SiteWriter
    let manifest: SiteWriter.Manifest

    /// - Parameter published: the manifest of the site in the folder (`SiteWriter.readManifest`).
    init(outputDirectory: String, published: SiteWriter.Manifest) {
        writer = SiteWriter(outputDirectory: outputDirectory)
        manifest = published
    }

    /// The gzip file holding `text`, for the site's `path`.
    func file(_ path: String, text: [UInt8], input: [UInt8]? = nil) throws -> [UInt8] {
        let label = ContentHash.of(text)
        if let input, Gzip.label(of: input) == label { return input }
        if let published = published(path), Gzip.label(of: published) == label { return published }
        return try Gzip.compress(text, level: 1, label: label)
    }

    /// The texts of a run with at least this many samples (about 20 MB of JSON) are written in
    /// chunks of `chunkSize` bytes, never whole (`file(_:input:samples:capacity:write:)`); tests
    /// make both small.
    var chunkedSamples = 200_000
    var chunkSize = 4 << 20

    /// The gzip file of the text `write` writes, for the site's `path`; `samples`: how many samples
    /// the text holds. A large text is never held whole: it is hashed in chunks and, unless the
    /// input or the published file is labelled with that hash, written again in chunks into a gzip
    /// file of one member per chunk. Its label is then `ContentHash.Streamed`'s, which needs no
    /// length in advance.
    func file(
        _ path: String, input: [UInt8]? = nil, samples: Int, capacity: Int, write: (inout ByteWriter) -> Void
    ) throws -> [UInt8] {
        guard samples >= chunkedSamples else {
            var out = ByteWriter(capacity: capacity)
            write(&out)
            return try file(path, text: out.bytes, input: input)
        }
        // Hashed first only when there is a file it could be (two passes over the text, but the
        // compressing one only when needed).
        var label: UInt64?
        if input.flatMap(Gzip.label) != nil || manifest.entries[path] != nil {
            let hashing = try TextDrain(chunkSize: chunkSize, compressing: false)
            var out = ByteWriter()
            out.drain = hashing
            write(&out)
            let hash = hashing.label(last: out.bytes)
            if let input, Gzip.label(of: input) == hash { return input }
            if let published = published(path), Gzip.label(of: published) == hash { return published }
            label = hash
        }
        let compressing = try TextDrain(chunkSize: chunkSize, compressing: true)
        var out = ByteWriter()
        out.drain = compressing
        write(&out)
        let file = try compressing.file(last: out.bytes)
        if let label, Gzip.label(of: file) != label {
            throw Gzip.Failure(message: "the text of \(path) changed between two writings")
        }
        return file
    }

    /// The file at `path` in the output folder, when it is the one benchsite wrote there.
    func published(_ path: String) -> [UInt8]? {
        guard let entry = manifest.entries[path], let bytes = writer.unmodified(path, in: manifest) else { return nil }
        return entry.matches(bytes) ? bytes : nil
    }
}

/// A text taken in chunks as it is written (`ByteWriter.drain`): hashed (`ContentHash.Streamed`)
/// and, when compressing, each chunk made a member of a gzip file.
final class TextDrain {
    /// The size of a chunk (4 MiB: as members of that size, a text compresses within a fraction of
    /// a percent of one stream).
    let chunkSize: Int
    private var hash = ContentHash.Streamed()
    private let gzip: Gzip.MemberWriter?
    private var failure: (any Error)?

    init(chunkSize: Int, compressing: Bool) throws {
        self.chunkSize = chunkSize
        gzip = compressing ? try Gzip.MemberWriter(level: 1) : nil
    }

    func take(_ chunk: [UInt8]) {
        hash.add(chunk)
        guard let gzip, failure == nil else { return }
        do {
            try chunk.withUnsafeBufferPointer { try gzip.add($0) }
        } catch {
            failure = error
        }
    }

    /// The label of the whole text, `last` being what was written after the last chunk.
    func label(last: [UInt8]) -> UInt64 {
        var whole = hash
        whole.add(last)
        return whole.value
    }

    /// The gzip file of the whole text, `last` being what was written after the last chunk.
    func file(last: [UInt8]) throws -> [UInt8] {
        if let failure { throw failure }
        guard let gzip else { throw Gzip.Failure(message: "the text was hashed, not compressed") }
        let label = label(last: last)
        return try last.withUnsafeBufferPointer { try gzip.finish(last: $0, label: label) }
    }
}
