import CZlib

/// gzip files (RFC 1952) through zlib: the published history's per-run pieces are written
/// compressed, and any `.gz` input is read through it.
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Whether the bytes start like a gzip member (ID1 ID2 = 1f 8b).
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// A gzip file of `bytes`, byte-identical for the same input: no name, no time stamp (MTIME 0),
    /// compression level 6 (zlib's default).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip header and trailer; zlib writes MTIME 0 and no name without a header struct.
        guard
            deflateInit2_(
                &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw Failure(message: "zlib could not start compressing") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var written = 0
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                let status = deflate(&stream, Z_FINISH)
                written = outBuffer.count - Int(stream.avail_out)
                return status
            }
        }
        guard status == Z_STREAM_END else { throw Failure(message: "zlib could not compress (code \(status))") }
        output.removeSubrange(written...)
        return output
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
