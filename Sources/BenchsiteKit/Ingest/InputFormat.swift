/// One kind of input file benchsite understands.
protocol InputFormat: Sendable {
    /// The name used with `--format`.
    var name: String { get }
    /// What a page calls data read in this format.
    var displayName: String { get }
    /// Whether the file's content is in this format (never decided by the file name).
    func matches(_ document: InputDocument) -> Bool
    func read(_ document: InputDocument, reader: inout FieldReader) -> FormatOutput
    /// Keys a file in this format has (at the top level, or in its first record), to tell a user
    /// what is missing when a file matches no format.
    var signature: [String] { get }
}

/// What a format made of one file.
struct FormatOutput {
    var runs: [Run] = []
    var metadata = Metadata()
}

/// All formats, in detection order.
enum InputFormats {
    static let all: [any InputFormat] = [
        RunFormatReader(),
        VLLMBenchmarkFormat(),
        SGLangBenchServingFormat(),
        LLMPerfSummaryFormat(),
        LLMPerfIndividualFormat(),
        AIPerfFormat(),
        AIPerfRecordsFormat(),
        GuideLLMFormat(),
        LlamaBenchFormat(),
        OllamaFormat(),
        HyperfineFormat(),
        PyperfFormat(),
        ASVResultsFormat(),
        ASVBenchmarksFormat(),
        ASVMachineFormat(),
        FLPerformanceFormat(),
        GoogleBenchmarkFormat(),
        PytestBenchmarkFormat(),
        FoundryWorkshopFormat(),
        FoundryModelListFormat(),
        PromptSetFormat(),
        QualityAnnotationFormat(),
        CompanionFilesFormat(),
    ]

    static func named(_ name: String) -> (any InputFormat)? {
        all.first { $0.name == name }
    }

    static var names: [String] { all.map(\.name) }
}
