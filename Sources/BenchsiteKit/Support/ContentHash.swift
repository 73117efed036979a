/// A fast 64-bit hash of bytes, eight at a time (a multiply and two shifts per word), for telling
/// whether a text is the one a file was made from (`Gzip.label`). Not cryptographic: it guards
/// against stale files, not against someone forging one.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for index in 0..<words {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                hash = mix(hash ^ word)
            }
            var tail: UInt64 = 0
            for (shift, byte) in raw[(words * 8)...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
            hash = mix(hash ^ tail ^ 0xFF)
        }
        return hash
    }

    /// The hash of a text that comes in pieces and whose length is not known at its start: words as
    /// `of` takes them, the length mixed in last (so not the same value as `of`). The labels of the
    /// history's largest files, written in chunks (`PieceCompressor`), are these.
    struct Streamed {
        private var hash: UInt64 = 0x243F_6A88_85A3_08D3
        /// Bytes not yet a whole word, little-endian from the lowest byte.
        private var pending: UInt64 = 0
        private var count = 0

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var position = 0
            // The word begun by the last piece, completed first.
            while count % 8 != 0, position < bytes.count {
                pending |= UInt64(bytes[position]) << (8 * UInt64(count % 8))
                position += 1
                count += 1
                if count % 8 == 0 {
                    hash = ContentHash.mix(hash ^ pending)
                    pending = 0
                }
            }
            let words = (bytes.count - position) / 8
            for index in 0..<words {
                let word = UInt64(
                    littleEndian: bytes.loadUnaligned(fromByteOffset: position + index * 8, as: UInt64.self))
                hash = ContentHash.mix(hash ^ word)
            }
            position += words * 8
            count += words * 8
            while position < bytes.count {
                pending |= UInt64(bytes[position]) << (8 * UInt64(count % 8))
                position += 1
                count += 1
            }
        }

        mutating func add(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { add($0) }
        }

        var value: UInt64 {
            ContentHash.mix(ContentHash.mix(hash ^ pending ^ 0xFF) ^ UInt64(count))
        }
    }

    /// `Streamed`'s value for bytes given at once.
    static func streamed(_ bytes: [UInt8]) -> UInt64 {
        var hash = Streamed()
        hash.add(bytes)
        return hash.value
    }

    @inline(__always)
    fileprivate static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 32)
    }
}
