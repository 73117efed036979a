import CLibdeflate
import CZlib

/// gzip files (RFC 1952): the published history's per-run pieces are written compressed (with
/// libdeflate), and any `.gz` input is read (with zlib).
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Whether the bytes start like a gzip member (ID1 ID2 = 1f 8b).
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// A gzip file of `bytes`, byte-identical for the same input: no name, no time stamp (MTIME 0).
    /// With `label`, the header carries it in an extra field (RFC 1952 FEXTRA, subfield `BS`): the
    /// hash of the uncompressed bytes, so that a later build can tell what a file holds from its first
    /// 22 bytes and reuse it instead of compressing the same bytes again (`label(of:)`).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6, label: UInt64? = nil) throws -> [UInt8] {
        // libdeflate: raw DEFLATE, two to three times as fast as zlib at the same size; the header and
        // trailer are written here.
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw Failure(message: "libdeflate could not start compressing")
        }
        defer { libdeflate_free_compressor(compressor) }
        var scratch: [UInt8] = []
        let member = try bytes.withUnsafeBufferPointer {
            try Self.member($0, compressor: compressor, label: label, scratch: &scratch)
        }
        // A new array of the exact size: the working one has room for the worst case (about the
        // input's size), and a history's thousands of files would keep all of it.
        return Array(member)
    }

    /// One gzip member of `bytes`, in `scratch` (grown to the worst case's size): the header (with
    /// the label's extra field when given), the DEFLATE data, the CRC-32 and the size.
    private static func member(
        _ bytes: UnsafeBufferPointer<UInt8>, compressor: OpaquePointer, label: UInt64?, scratch: inout [UInt8]
    ) throws -> ArraySlice<UInt8> {
        var header: [UInt8] = [0x1f, 0x8b, 8, label == nil ? 0 : 0x04, 0, 0, 0, 0, 0, 0xff]
        if let label {
            header += [12, 0, UInt8(ascii: "B"), UInt8(ascii: "S"), 8, 0]
            header += (0..<8).map { UInt8(truncatingIfNeeded: label >> (8 * $0)) }
        }
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        let needed = header.count + bound + 8
        if scratch.count < needed { scratch = [UInt8](repeating: 0, count: needed) }
        let headerSize = header.count
        let written = scratch.withUnsafeMutableBufferPointer { outBuffer -> Int in
            guard let out = outBuffer.baseAddress else { return 0 }
            for (offset, byte) in header.enumerated() { out[offset] = byte }
            return libdeflate_deflate_compress(compressor, bytes.baseAddress, bytes.count, out + headerSize, bound)
        }
        guard written > 0 else { throw Failure(message: "libdeflate could not compress") }
        let checksum = libdeflate_crc32(0, bytes.baseAddress, bytes.count)
        let size = UInt32(truncatingIfNeeded: bytes.count)
        var end = headerSize + written
        for value in [checksum, size] {
            for shift in 0..<4 {
                scratch[end] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(shift)))
                end += 1
            }
        }
        return scratch[0..<end]
    }

    /// A gzip file written a member per chunk of text (RFC 1952 allows several members; gzip, zlib,
    /// Python and pandas read them one after another), so that a text of any size is compressed
    /// without holding it whole. The first member's header carries the label, known at the end.
    final class MemberWriter {
        private let compressor: OpaquePointer
        /// The members so far, each of its exact size, joined at the end (`Gzip.joining`).
        private var members: [[UInt8]] = []
        private var scratch: [UInt8] = []

        init(level: Int32) throws {
            guard let compressor = libdeflate_alloc_compressor(level) else {
                throw Failure(message: "libdeflate could not start compressing")
            }
            self.compressor = compressor
        }

        deinit { libdeflate_free_compressor(compressor) }

        /// Compresses a chunk as the file's next member (the first with room for the label).
        func add(_ chunk: UnsafeBufferPointer<UInt8>) throws {
            members.append(
                Array(
                    try Gzip.member(chunk, compressor: compressor, label: members.isEmpty ? 0 : nil, scratch: &scratch))
            )
        }

        /// The file, its first member's header labelled (the last chunk added here, so that the
        /// file has at least one member).
        func finish(last chunk: UnsafeBufferPointer<UInt8>, label: UInt64) throws -> [UInt8] {
            if members.isEmpty || chunk.count > 0 { try add(chunk) }
            scratch = []
            for offset in 0..<8 { members[0][16 + offset] = UInt8(truncatingIfNeeded: label >> (8 * UInt64(offset))) }
            return Gzip.joining(&members)
        }
    }

    /// The label a gzip file's header carries (`compress(_:label:)`), nil when it has none.
    public static func label(of bytes: [UInt8]) -> UInt64? {
        guard bytes.count >= 22, isCompressed(bytes), bytes[2] == 8, bytes[3] & 0x04 != 0, bytes[10] == 12,
            bytes[11] == 0, bytes[12] == UInt8(ascii: "B"), bytes[13] == UInt8(ascii: "S"), bytes[14] == 8,
            bytes[15] == 0
        else { return nil }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[16 + $1]) << (8 * UInt64($1)) }
    }

    /// The uncompressed bytes of a gzip file (several members are read one after another, as gzip
    /// does); at most `limit` bytes, so a small file cannot expand without bound.
    public static func decompress(_ bytes: [UInt8], limit: Int = 4 << 30) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 32: detect the gzip (or zlib) header.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(message: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        // Pieces of 8 MiB joined at the end (`joining`).
        let pieceSize = 8 << 20
        var pieces: [[UInt8]] = []
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 6, 1 << 16), pieceSize))
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        // zlib reads the input without writing it (its `next_in` is not const): no copy of it.
        try bytes.withUnsafeBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
            stream.avail_in = uInt(inBuffer.count)
            while true {
                var status = Z_OK
                let produced = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                if total + produced > limit {
                    throw Failure(message: "expands to more than \(limit >> 20) MiB; refusing to read it")
                }
                total += produced
                if output.count + produced > pieceSize {
                    pieces.append(output)
                    output = []
                    output.reserveCapacity(pieceSize)
                }
                output += chunk[0..<produced]
                switch status {
                case Z_STREAM_END:
                    let rest = inBuffer[(inBuffer.count - Int(stream.avail_in))...]
                    // Another member may follow (`cat a.gz b.gz`); trailing zeros are padding.
                    if rest.allSatisfy({ $0 == 0 }) { return }
                    guard inflateReset(&stream) == Z_OK else { throw Failure(message: "zlib could not restart") }
                case Z_OK, Z_BUF_ERROR:
                    if stream.avail_in == 0 && produced < chunk.count {
                        throw Failure(message: "the gzip data is cut short after \(total) bytes")
                    }
                    if status == Z_BUF_ERROR && produced == 0 {
                        throw Failure(message: "the gzip data cannot be read on after \(total) bytes")
                    }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "code \(status)"
                    throw Failure(message: "not valid gzip data (\(message)) after \(total) bytes")
                }
            }
        }
        guard !pieces.isEmpty else { return output }
        pieces.append(output)
        output = []
        return joining(&pieces)
    }

    /// The pieces one after another in one array of their total size, each freed as it is copied
    /// (an array grown by doubling would hold most of them twice while it moves); `pieces` is left empty.
    static func joining(_ pieces: inout [[UInt8]]) -> [UInt8] {
        let total = pieces.reduce(0) { $0 + $1.count }
        let joined = [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            for index in pieces.indices {
                pieces[index].withUnsafeBufferPointer { piece in
                    if let from = piece.baseAddress { (base + count).initialize(from: from, count: piece.count) }
                    count += piece.count
                }
                pieces[index] = []
            }
        }
        pieces = []
        return joined
    }
}
