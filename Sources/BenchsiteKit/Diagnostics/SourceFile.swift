import Foundation

/// The bytes of one input file and how to turn byte offsets into line and column.
public struct SourceFile: Sendable {
    /// The path as the user gave it (or as found while walking a folder).
    public let path: String
    public let bytes: [UInt8]
    private let lines = LineTable()

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The same file, whose bytes may be released while it is scanned (`RunFileScanner`): its
    /// lines, when a location is asked for, are found in the bytes `reread` gives again (nil when
    /// it fails: the diagnostic then names the file alone). Indexing a 150 MB file's lines before
    /// every scan, for the rare diagnostic, cost 4% of reading it.
    func releasable(reread: @escaping @Sendable () throws -> [UInt8]) -> SourceFile {
        let file = SourceFile(path: path, bytes: bytes)
        file.lines.reread = reread
        return file
    }

    /// 1-based line and column (in bytes) of an offset. The first call indexes the line starts once;
    /// each call after that is a binary search, so a file with many problems stays fast. Nil only
    /// for a file whose bytes were released and cannot be read again (`releasable`).
    public func location(of offset: Int) -> (line: Int, column: Int)? {
        let stop = Swift.max(0, Swift.min(offset, bytes.count))
        guard let starts = lines.starts(of: bytes) else { return nil }
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= stop { low = middle } else { high = middle - 1 }
        }
        return (low + 1, stop - starts[low] + 1)
    }

    public func diagnostic(_ severity: Diagnostic.Severity, _ message: String, at offset: Int?) -> Diagnostic {
        guard let offset, let place = location(of: offset) else { return Diagnostic(severity, message, file: path) }
        return Diagnostic(severity, message, file: path, line: place.line, column: place.column)
    }

    /// The file name without folders.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// The offsets where a file's lines start, computed the first time a location is asked for (from
/// the bytes read again, when they may have been released: nil if that fails).
private final class LineTable: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: [Int]??
    var reread: (@Sendable () throws -> [UInt8])?

    func starts(of bytes: [UInt8]) -> [Int]? {
        lock.withLock {
            if let cached { return cached }
            var source = bytes
            if let reread {
                guard let again = try? reread() else {
                    cached = .some(nil)
                    return nil
                }
                source = again
            }
            var starts = [0]
            source.withUnsafeBufferPointer { buffer in
                // memchr: a 150 MB file on one line is indexed in milliseconds.
                guard let base = buffer.baseAddress else { return }
                var position = 0
                while position < buffer.count,
                    let found = memchr(base + position, 0x0A, buffer.count - position)
                {
                    position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
                    starts.append(position)
                }
            }
            cached = .some(starts)
            return starts
        }
    }
}
