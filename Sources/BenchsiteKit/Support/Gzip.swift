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
        var output: [UInt8] = [0x1f, 0x8b, 8, label == nil ? 0 : 0x04, 0, 0, 0, 0, 0, 0xff]
        if let label {
            output += [12, 0, UInt8(ascii: "B"), UInt8(ascii: "S"), 8, 0]
            output += (0..<8).map { UInt8(truncatingIfNeeded: label >> (8 * $0)) }
        }
        let headerSize = output.count
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        output += [UInt8](repeating: 0, count: bound)
        let written = bytes.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                libdeflate_deflate_compress(
                    compressor, inBuffer.baseAddress, inBuffer.count, outBuffer.baseAddress.map { $0 + headerSize },
                    bound)
            }
        }
        guard written > 0 else { throw Failure(message: "libdeflate could not compress") }
        let checksum = bytes.withUnsafeBufferPointer { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        let size = UInt32(truncatingIfNeeded: bytes.count)
        // A new array of the exact size: the working one has room for the worst case (about the
        // input's size), and a history's thousands of files would keep all of it.
        var file = [UInt8]()
        file.reserveCapacity(headerSize + written + 8)
        file += output[0..<(headerSize + written)]
        file += (0..<4).map { UInt8(truncatingIfNeeded: checksum >> (8 * $0)) }
        file += (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
        return file
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
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 6, 1 << 16)))
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var input = bytes
        try input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while true {
                var status = Z_OK
                let produced = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                if output.count + produced > limit {
                    throw Failure(message: "expands to more than \(limit >> 20) MiB; refusing to read it")
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
                        throw Failure(message: "the gzip data is cut short after \(output.count) bytes")
                    }
                    if status == Z_BUF_ERROR && produced == 0 {
                        throw Failure(message: "the gzip data cannot be read on after \(output.count) bytes")
                    }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "code \(status)"
                    throw Failure(message: "not valid gzip data (\(message)) after \(output.count) bytes")
                }
            }
        }
        return output
    }
}
