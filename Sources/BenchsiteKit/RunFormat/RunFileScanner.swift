#if canImport(Glibc)
import Glibc
#endif

/// benchsite's own run files read without a tree for their samples.
///
/// A run file is mostly its samples (the history's pieces, a script's export of 150 MB): building a
/// `JSONNode` per sample and looking each field up by name cost most of the reading. The scanner
/// walks a file whose first member is `"format": "benchsite-run/1"`, parses everything but the
/// samples with `JSONParser` as usual, and decodes each sample's fields straight from the bytes
/// into a `Sample`.
///
/// It never decides anything the general path would decide differently: a sample it does not
/// recognise as plain (a field it does not decode, a value of another type, a number that would be
/// reported, a repeated field, a prompt index before the prompts) is parsed into a `JSONNode` and
/// read by `RunFormatReader`'s own code; a file it cannot follow at all (a syntax error, a repeated
/// key, text after the value) gives nil, and the file is read the general way, which reports what
/// is wrong. Tests compare both paths on every fixture and on generated files.
///
/// A large file's bytes can be given back to the system as the scanner passes them
/// (`scan(_:releasingEvery:)`): the samples it decodes take as much memory as the file, and
/// both held at the end would be twice the file. Only the caller that owns the bytes asks for it,
/// having indexed the file's lines first (diagnostics still name lines), and reads the file again
/// should the scanner hand it to the general path after releasing some of it.
struct RunFileScanner {
    /// A result's samples as they were decoded: the plain ones in `samples`, and the others, with
    /// their place among all of them, as nodes for the general code.
    struct DecodedSamples {
        var samples: [Sample] = []
        var others: [(position: Int, node: JSONNode)] = []
        var count: Int { samples.count + others.count }
    }

    /// The file's root without its samples (each result's `"samples"` is an empty array at the
    /// original offset), and each entry of `"results"`'s samples by its index there.
    struct Scanned {
        var root: JSONNode
        var samples: [Int: DecodedSamples]
    }

    /// The file, for `JSONParser`, and the same bytes as read here.
    private let source: [UInt8]
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    /// The run's prompts once read (a sample's `prompt_index` before them is left to the general code).
    private var prompts: [String] = []
    /// Every how many bytes those the scanner has passed are given back to the system (nil: never),
    /// and up to where they were.
    private let releaseStep: Int?
    private var released = 0
    private var releasedAny = false

    private init(source: [UInt8], bytes: UnsafeBufferPointer<UInt8>, releaseStep: Int? = nil) {
        self.source = source
        self.bytes = bytes
        self.releaseStep = releaseStep
        // A UTF-8 byte order mark, as the general reader skips it.
        index = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The scanned run, or nil when the file is not a plain benchsite run or needs the general path.
    static func scan(_ bytes: [UInt8]) -> Scanned? {
        scan(bytes, releasingEvery: nil).scanned
    }

    /// The scanned run as `scan(_:)`; with `step`, the whole pages of `bytes` the scanner has passed
    /// are released every `step` bytes (they read as zeros afterwards) and `released` says whether
    /// any were, so that a file handed to the general path is read again. The caller must own
    /// `bytes`: nothing else may read them after this call.
    static func scan(_ bytes: [UInt8], releasingEvery step: Int?) -> (scanned: Scanned?, released: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = RunFileScanner(source: bytes, bytes: buffer, releaseStep: step)
            do throws(JSONSyntaxError) {
                return (try scanner.scanRun(), scanner.releasedAny)
            } catch {
                return (nil, scanner.releasedAny)
            }
        }
    }

    /// Gives the whole pages between the last release and `index` back to the system (Linux's
    /// `MADV_DONTNEED` on the array's own anonymous memory: the pages read as zeros afterwards). The
    /// scanner never goes back before the sample it is at, and `JSONNode`s hold their strings decoded.
    private mutating func releaseConsumed() {
        #if os(Linux)
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let address = Int(bitPattern: base)
        let start = (address + released + page - 1) / page * page
        let end = (address + index) / page * page
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        if madvise(pointer, end - start, Int32(MADV_DONTNEED)) == 0 { releasedAny = true }
        // The page the scanner is in goes with the next release.
        released = end - address
        #endif
    }

    /// Thrown (as a syntax error nobody reads) to hand the whole file to the general path.
    private static var decline: JSONSyntaxError { JSONSyntaxError(message: "general path", offset: 0) }

    private mutating func scanRun() throws(JSONSyntaxError) -> Scanned {
        skipWhitespace()
        let rootOffset = index
        var samples: [Int: DecodedSamples] = [:]
        let members = try scanObject { scanner, key, position throws(JSONSyntaxError) in
            // Only a file that says what it is first takes this path.
            if position == 0, key != "format" { throw Self.decline }
            if key == "results", scanner.peek() == UInt8(ascii: "[") {
                let offset = scanner.index
                var results: [JSONNode] = []
                try scanner.scanArray { scanner throws(JSONSyntaxError) in
                    let (result, decoded) = try scanner.scanResult()
                    if let decoded { samples[results.count] = decoded }
                    results.append(result)
                }
                return JSONNode(value: .array(results), offset: offset)
            }
            let value = try scanner.generalValue()
            if position == 0, value.stringValue != RunFormatKey.runFormatTag { throw Self.decline }
            if key == "prompts" {
                guard let elements = value.arrayElements else { throw Self.decline }
                scanner.prompts = []
                for element in elements {
                    guard let text = element.stringValue else { throw Self.decline }
                    scanner.prompts.append(text)
                }
            }
            return value
        }
        guard !members.isEmpty else { throw Self.decline }
        skipWhitespace()
        guard index == bytes.count else { throw Self.decline }
        return Scanned(root: JSONNode(value: .object(members), offset: rootOffset), samples: samples)
    }

    /// One entry of `"results"`: an object's members as nodes but its samples decoded; anything
    /// else as a node for the general code.
    private mutating func scanResult() throws(JSONSyntaxError) -> (JSONNode, DecodedSamples?) {
        let offset = index
        guard peek() == UInt8(ascii: "{") else { return (try generalValue(), nil) }
        var decoded: DecodedSamples?
        let members = try scanObject { scanner, key, _ throws(JSONSyntaxError) in
            guard key == "samples", scanner.peek() == UInt8(ascii: "[") else { return try scanner.generalValue() }
            let samplesOffset = scanner.index
            decoded = try scanner.scanSamples()
            return JSONNode(value: .array([]), offset: samplesOffset)
        }
        return (JSONNode(value: .object(members), offset: offset), decoded)
    }

    private mutating func scanSamples() throws(JSONSyntaxError) -> DecodedSamples {
        var decoded = DecodedSamples()
        try scanArray { scanner throws(JSONSyntaxError) in
            let sampleStart = scanner.index
            if let sample = scanner.decodeSample() {
                decoded.samples.append(sample)
            } else {
                // Not plain: the general code reads it (and reports what it finds).
                scanner.index = sampleStart
                decoded.others.append((decoded.count, try scanner.generalValue()))
            }
            if let step = scanner.releaseStep, scanner.index - scanner.released >= step { scanner.releaseConsumed() }
        }
        // Grown by doubling, the array may hold room for as many samples again, and every sample
        // of the history is kept until its pages are made: it keeps only what it holds.
        if decoded.samples.capacity > decoded.samples.count + decoded.samples.count / 8 + 16 {
            var exact: [Sample] = []
            exact.reserveCapacity(decoded.samples.count)
            exact.append(contentsOf: decoded.samples)
            decoded.samples = exact
        }
        return decoded
    }

    /// The object at `index`, its members' values given by `member` (called with the scanner at the
    /// value, the key and the member's position); a key that comes twice hands the file on.
    private mutating func scanObject(
        _ member: (inout RunFileScanner, String, Int) throws(JSONSyntaxError) -> JSONNode
    ) throws(JSONSyntaxError) -> [(key: String, value: JSONNode)] {
        try expect(UInt8(ascii: "{"))
        var members: [(key: String, value: JSONNode)] = []
        var keys: Set<String> = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard let key = try generalValue().stringValue, keys.insert(key).inserted else { throw Self.decline }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append((key, try member(&self, key, members.count)))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return members
        }
    }

    /// The array at `index`, `element` called with the scanner at each element.
    private mutating func scanArray(
        _ element: (inout RunFileScanner) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    /// The value at `index` parsed by `JSONParser`, with `index` after it.
    private mutating func generalValue() throws(JSONSyntaxError) -> JSONNode {
        let (value, next) = try JSONParser.parseValueTrimmed(source, from: index)
        index = next
        return value
    }

    /// The fields a plain sample may have, each decoded from the bytes.
    private enum Field: UInt16 {
        case ok, error, promptIndex, latency, timeToFirstToken, timePerOutputToken, interTokenLatency
        case promptTokens, completionTokens, tokensPerSecond, cpuTime, memoryBytes, value

        var bit: UInt16 { 1 << rawValue }
    }

    /// The fields by the length of their name (at most 31 bytes), so a key is compared with one or two.
    private static let fieldsByLength: [[(name: [UInt8], field: Field)]] = {
        let fields: [(String, Field)] = [
            (RunFormatKey.ok, .ok), (RunFormatKey.error, .error), (RunFormatKey.promptIndex, .promptIndex),
            (RunFormatKey.latency, .latency), (RunFormatKey.timeToFirstToken, .timeToFirstToken),
            (RunFormatKey.timePerOutputToken, .timePerOutputToken),
            (RunFormatKey.interTokenLatency, .interTokenLatency),
            (RunFormatKey.promptTokens, .promptTokens), (RunFormatKey.completionTokens, .completionTokens),
            (RunFormatKey.tokensPerSecond, .tokensPerSecond), (RunFormatKey.cpuTime, .cpuTime),
            (RunFormatKey.memoryBytes, .memoryBytes), (RunFormatKey.value, .value),
        ]
        var table = Array(repeating: [(name: [UInt8], field: Field)](), count: 32)
        for (name, field) in fields { table[name.utf8.count].append((Array(name.utf8), field)) }
        return table
    }()

    /// The field named by `bytes[start..<stop]`, if it is one of the fields.
    private func field(from start: Int, to stop: Int) -> Field? {
        let length = stop - start
        guard length < Self.fieldsByLength.count else { return nil }
        for (name, field) in Self.fieldsByLength[length] {
            var same = true
            for offset in 0..<length where bytes[start + offset] != name[offset] {
                same = false
                break
            }
            if same { return field }
        }
        return nil
    }

    /// One sample decoded from the bytes, with `index` after it; nil (with `index` anywhere) when it
    /// is not plain and the general code must read it.
    private mutating func decodeSample() -> Sample? {
        guard peek() == UInt8(ascii: "{") else { return nil }
        index += 1
        var sample = Sample()
        var seen: UInt16 = 0
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return nil  // no measurement: the general code reports it
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { return nil }
            let keyStart = index + 1
            var keyEnd = keyStart
            while keyEnd < bytes.count, bytes[keyEnd] != UInt8(ascii: "\""), bytes[keyEnd] != UInt8(ascii: "\\") {
                keyEnd += 1
            }
            guard keyEnd < bytes.count, bytes[keyEnd] == UInt8(ascii: "\""),
                let field = field(from: keyStart, to: keyEnd), seen & field.bit == 0
            else { return nil }
            seen |= field.bit
            index = keyEnd + 1
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace()
            switch field {
            case .ok:
                if matchLiteral("true") {
                    sample.ok = true
                } else if matchLiteral("false") {
                    sample.ok = false
                } else {
                    return nil
                }
            case .error:
                guard peek() == UInt8(ascii: "\"") else { return nil }
                guard let text = plainString() else { return nil }
                sample.error = text
            default:
                guard let number = plainNumber() else { return nil }
                switch field {
                case .value:
                    guard number.isFinite else { return nil }
                    sample.value = number
                case .promptIndex, .promptTokens, .completionTokens:
                    guard number.isFinite, number >= 0, let whole = FormatSupport.wholeNumber(number) else {
                        return nil
                    }
                    switch field {
                    case .promptIndex:
                        guard whole < prompts.count else { return nil }
                        sample.prompt = prompts[whole]
                    case .promptTokens: sample.promptTokens = whole
                    default: sample.completionTokens = whole
                    }
                default:
                    guard number.isFinite, number >= 0 else { return nil }
                    switch field {
                    case .latency: sample.latency = number
                    case .timeToFirstToken: sample.timeToFirstToken = number
                    case .timePerOutputToken: sample.timePerOutputToken = number
                    case .interTokenLatency: sample.interTokenLatency = number
                    case .tokensPerSecond: sample.reportedTokensPerSecond = number
                    case .cpuTime: sample.cpuTime = number
                    default: sample.memoryBytes = number
                    }
                }
            }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek() == UInt8(ascii: "}") else { return nil }
            index += 1
            break
        }
        if sample.error != nil { sample.ok = false }
        // A successful sample without a measurement is reported by the general code.
        return sample.ok && !sample.hasMeasurement ? nil : sample
    }

    /// A string without escapes or control characters at `index`, with `index` after it.
    private mutating func plainString() -> String? {
        var end = index + 1
        while end < bytes.count {
            let b = bytes[end]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
        index = end + 1
        return text
    }

    /// A JSON number at `index` (not NaN or Infinity), with `index` after it.
    private mutating func plainNumber() -> Double? {
        guard let (value, end) = JSONParser.scanNumber(in: bytes, from: index, to: bytes.count) else { return nil }
        index = end
        return value
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let pointer = literal.utf8Start
        for i in 0..<count where bytes[index + i] != pointer[i] { return false }
        index += count
        return true
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard index < bytes.count, bytes[index] == byte else { throw Self.decline }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }
}
