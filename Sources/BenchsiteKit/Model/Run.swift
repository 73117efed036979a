/// One execution of a benchmark at one time.
public struct Run: Sendable, Codable {
    /// Unique within a site; also the base of the run page's file name.
    public var id: String
    public var label: String?
    public var timestamp: Timestamp?
    public var timestampSource: TimestampSource?
    public var source: RunSource
    public var environment: Environment
    public var versionControl: VersionControl?
    /// Configuration exactly as the tool gave it, sorted by key.
    public var configuration: [KeyValue]
    public var labels: [KeyValue]
    /// The prompt set the run used, when known.
    public var prompts: [String]
    public var results: [RunResult]
    /// Runs read from different files that are one run give the same key (llmperf's summary and
    /// individual responses).
    public var mergeKey: String?
    /// This run only carries raw samples for another file's run with the same `mergeKey`.
    public var samplesOnly = false
    /// Where files that complete this run are (the folder of asv's `benchmarks.json`).
    public var companionKey: String?
    /// The gzip file this run was read from, when it held this run alone and its header's label is
    /// the hash of what it holds (a piece of a published history): the build writes these bytes
    /// again instead of compressing the same text, once it has checked the text is the same.
    public var gzipPiece: [UInt8]?
    /// Where the run was read from, when a later build can take it from the build cache (`BuildCache`).
    public var origin: RunOrigin?
    /// The run came from the build cache without its samples (its figures came with it); the build
    /// reads them again from `origin` for the pages and files that need them.
    public var samplesDeferred = false
    /// `HistoryBuilder`'s fingerprint of the run, when it was computed before (a run from the cache).
    public var knownFingerprint: String?
    /// The hash of everything about the run but its samples and its id (`BuildCache.digest`), when
    /// it was read with a build cache: what an incremental build knows the run by.
    public var contentDigest: UInt64?

    public init(
        id: String, label: String? = nil, timestamp: Timestamp?, timestampSource: TimestampSource?,
        source: RunSource, environment: Environment = Environment(), versionControl: VersionControl? = nil,
        configuration: [KeyValue] = [], labels: [KeyValue] = [], prompts: [String] = [], results: [RunResult]
    ) {
        self.id = id
        self.label = label
        self.timestamp = timestamp
        self.timestampSource = timestampSource
        self.source = source
        self.environment = environment
        self.versionControl = versionControl
        self.configuration = configuration
        self.labels = labels
        self.prompts = prompts
        self.results = results
    }
}

/// A run's input file as it was when read (path and `BuildStamp.identity`), and the run's place in it.
public struct RunOrigin: Sendable, Hashable, Codable {
    public var path: String
    public var identity: String
    public var index: Int

    /// What the build cache knows the run by.
    public var key: String { "\(identity)\t\(index)\t\(path)" }
}

/// A key and a value as text, for metadata shown as given.
public struct KeyValue: Sendable, Hashable, Codable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// How a run's time was learned.
public enum TimestampSource: String, Sendable, Codable {
    case file = "from the file"
    case fileName = "from the file name"
    case commandLine = "from --date"
}

/// Where a run was read from.
public struct RunSource: Sendable, Hashable, Codable {
    /// Display name of the input format, e.g. "benchsite run" or "Foundry Local workshop (notebook)".
    public var format: String
    public var file: String
    /// The tool and its version, when the file says (`llama-bench 5606 (247e5c6e)`).
    public var tool: String?
    /// Fields of the file that benchsite did not read, so a page can list them.
    public var unreadFields: [String] = []
    /// Facts about how the data was read that a reader should know (time zones, units).
    public var notes: [String] = []
    /// True when the tool wrote only aggregates, no per-request or per-repetition samples.
    public var aggregatesOnly = false

    public init(format: String, file: String, tool: String? = nil) {
        self.format = format
        self.file = file
        self.tool = tool
    }
}

public struct Environment: Sendable, Hashable, Codable {
    public var host: String?
    public var os: String?
    public var cpu: String?
    public var gpu: String?
    public var accelerator: String?
    public var extra: [KeyValue]

    public init(
        host: String? = nil, os: String? = nil, cpu: String? = nil, gpu: String? = nil, accelerator: String? = nil,
        extra: [KeyValue] = []
    ) {
        self.host = host
        self.os = os
        self.cpu = cpu
        self.gpu = gpu
        self.accelerator = accelerator
        self.extra = extra
    }

    /// All fields that are set, in display order.
    public var fields: [KeyValue] {
        var out: [KeyValue] = []
        if let host { out.append(KeyValue("Host", host)) }
        if let os { out.append(KeyValue("OS", os)) }
        if let cpu { out.append(KeyValue("CPU", cpu)) }
        if let gpu { out.append(KeyValue("GPU", gpu)) }
        if let accelerator { out.append(KeyValue("Accelerator", accelerator)) }
        return out + extra
    }
}

public struct VersionControl: Sendable, Hashable, Codable {
    public var commit: String?
    public var branch: String?
    public var dirty: Bool?
    public init(commit: String? = nil, branch: String? = nil, dirty: Bool? = nil) {
        self.commit = commit
        self.branch = branch
        self.dirty = dirty
    }
}
