/// `data/samples/<time>-<run>.csv.gz`: one row per raw sample of a run, in seconds, tokens and bytes.
public enum SamplesCSV {
    public static let header =
        "run_id,timestamp,model,scenario,sample,ok,error,prompt,latency_s,ttft_s,tpot_s,itl_s,tokens_per_s,prompt_tokens,completion_tokens,cpu_time_s,memory_bytes"

    private static let okCells = StaticBytes(",true,")
    private static let failedCells = StaticBytes(",false,")

    /// The file's text: the header and a row per sample, written into `out` (which may hand it on in
    /// chunks: `ByteWriter.drain`).
    static func file(_ run: Run, into out: inout ByteWriter) {
        out.append(header + "\n")
        rows(run, into: &out)
    }

    static func rows(_ run: Run, into out: inout ByteWriter) {
        // Bytes, not Strings: this runs for every cell of every sample.
        var runPrefix = ByteWriter()
        runPrefix.field(run.id)
        runPrefix.append("," + (run.timestamp?.iso8601 ?? "") + ",")
        func cell(_ value: Double?) {
            out.append(byte: 0x2C)
            if let value { out.plain(value) }
        }
        func cell(_ value: Int?) {
            out.append(byte: 0x2C)
            if let value { out.integer(value) }
        }
        for result in run.results {
            var prefix = runPrefix
            prefix.field(result.subject)
            prefix.append(",")
            prefix.field(result.scenario)
            prefix.append(",")
            var promptFields = RecentPrompts { Array(SummaryCSV.field($0).utf8) }
            // Each sample read in place: a copy of it would retain and release its references.
            prefix.bytes.withUnsafeBufferPointer { prefix in
                result.samples.withUnsafeBufferPointer { all in
                    for index in all.indices {
                        out.bytes.append(contentsOf: prefix)
                        out.integer(index + 1)
                        out.append(all[index].ok ? Self.okCells : Self.failedCells)
                        if let error = all[index].error { out.field(error) }
                        out.append(byte: 0x2C)
                        if let prompt = all[index].prompt {
                            out.bytes.append(contentsOf: promptFields[prompt])
                        }
                        cell(all[index].latency)
                        cell(all[index].timeToFirstToken)
                        cell(all[index].timePerOutputToken)
                        cell(all[index].interTokenLatency)
                        // A tokens/s the tool reported is written as it was; one derived here (tokens /
                        // latency) has 6 significant digits, not the 17 of a quotient (a third of the
                        // file's bytes).
                        cell(
                            all[index].reportedTokensPerSecond
                                ?? all[index].tokensPerSecond.map { NumberFormatting.rounded($0, significant: 6) })
                        cell(all[index].promptTokens)
                        cell(all[index].completionTokens)
                        cell(all[index].cpuTime)
                        cell(all[index].memoryBytes)
                        out.append(byte: 0x0A)
                        out.drainIfFull()
                    }
                }
            }
        }
    }
}
