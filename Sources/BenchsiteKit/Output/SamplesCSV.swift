/// `data/samples/<time>-<run>.csv.gz`: one row per raw sample of a run, in seconds, tokens and bytes.
public enum SamplesCSV {
    public static let header =
        "run_id,timestamp,model,scenario,sample,ok,error,prompt,latency_s,ttft_s,tpot_s,itl_s,tokens_per_s,prompt_tokens,completion_tokens,cpu_time_s,memory_bytes"

    static func rows(_ run: Run) -> String {
        var out = ""
        let runPrefix = SummaryCSV.field(run.id) + "," + (run.timestamp?.iso8601 ?? "") + ","
        func cell(_ value: Double?) {
            out += ","
            if let value { out += NumberFormatting.plain(value) }
        }
        func cell(_ value: Int?) {
            out += ","
            if let value { out += String(value) }
        }
        for result in run.results {
            let prefix = runPrefix + SummaryCSV.field(result.subject) + "," + SummaryCSV.field(result.scenario) + ","
            for (index, s) in result.samples.enumerated() {
                out += prefix + String(index + 1) + (s.ok ? ",true," : ",false,")
                out += SummaryCSV.field(s.error ?? "") + "," + SummaryCSV.field(s.prompt ?? "")
                cell(s.latency)
                cell(s.timeToFirstToken)
                cell(s.timePerOutputToken)
                cell(s.interTokenLatency)
                cell(s.tokensPerSecond)
                cell(s.promptTokens)
                cell(s.completionTokens)
                cell(s.cpuTime)
                cell(s.memoryBytes)
                out += "\n"
            }
        }
        return out
    }
}
