/// The names benchsite's run format uses, written once for its reader and its writer
/// (`docs/run-format.md`, `docs/benchsite-run.schema.json`).
enum RunFormatKey {
    static let runFormatTag = "benchsite-run/1"
    static let historyFormatTag = "benchsite-history/1"

    /// The key of each metric's block under `reported`, and of its value in a sample.
    static let metrics: [(key: String, metric: Metric)] = [
        ("latency_s", .latency), ("ttft_s", .timeToFirstToken), ("tokens_per_s", .throughput),
        ("tpot_s", .timePerOutputToken),
        ("itl_s", .interTokenLatency), ("cpu_time_s", .cpuTime), ("memory_bytes", .memory),
        ("per_request_tokens_per_s", .perRequestThroughput), ("value", .value),
    ]

    // A sample's keys.
    static let ok = "ok"
    static let error = "error"
    static let prompt = "prompt"
    static let promptIndex = "prompt_index"
    static let latency = "latency_s"
    static let timeToFirstToken = "ttft_s"
    static let timePerOutputToken = "tpot_s"
    static let interTokenLatency = "itl_s"
    static let interTokenGaps = "itl_gaps_s"
    static let promptTokens = "prompt_tokens"
    static let completionTokens = "completion_tokens"
    static let tokensPerSecond = "tokens_per_s"
    static let cpuTime = "cpu_time_s"
    static let memoryBytes = "memory_bytes"
    static let value = "value"
    static let output = "output"
}
