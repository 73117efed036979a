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

    /// 1-based line and column (in bytes) of an offset. The first call indexes the line starts once;
    /// each call after that is a binary search, so a file with many problems stays fast.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let stop = Swift.max(0, Swift.min(offset, bytes.count))
        let starts = lines.starts(of: bytes)
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= stop { low = middle } else { high = middle - 1 }
        }
        return (low + 1, stop - starts[low] + 1)
    }

    /// Indexes the line starts now, so that locations are found without reading the bytes again
    /// (a large file's bytes may be released while it is scanned: `RunFileScanner`).
    func indexLines() {
        _ = lines.starts(of: bytes)
    }

    public func diagnostic(_ severity: Diagnostic.Severity, _ message: String, at offset: Int?) -> Diagnostic {
        guard let offset else { return Diagnostic(severity, message, file: path) }
        let (line, column) = location(of: offset)
        return Diagnostic(severity, message, file: path, line: line, column: column)
    }

    /// The file name without folders.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// The offsets where a file's lines start, computed the first time a location is asked for.
private final class LineTable: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: [Int]?

    func starts(of bytes: [UInt8]) -> [Int] {
        lock.withLock {
            if let cached { return cached }
            var starts = [0]
            bytes.withUnsafeBufferPointer { buffer in
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
            cached = starts
            return starts
        }
    }
}
