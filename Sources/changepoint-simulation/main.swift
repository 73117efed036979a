// How well benchsite's change points and run-by-run verdicts find known steps in simulated
// histories, and how often they raise a false alarm where there is none. Every history goes
// through the real pipeline (History, then Analysis: levels, change points, verdicts), as a site
// build would.
//
//   swift run -c release changepoint-simulation [--histories N] [--export FILE] [--seed S]
//
// Shapes (one table row each): samples per run n = 5, 20, 100; sample noise 2, 5, 10 % (log-normal,
// per request); run-to-run noise 2 or 5 % (every request of a run shares it: machine state, thermals,
// another server); prompts: none, a mixed set with levels 1 : 1.6 : 2.5 : 4, or the demo's mild set
// (1 : 1.3 : 1.3 : 1.6), requests spread round-robin over them. Histories of 40 runs: A/A (no
// change), one step of 5, 10 or 30 % (up or down) at a random run from 8 to 32, or a slow drift of
// 0.5 % a run. A change point within 2 runs of the step is a hit; any change point in an A/A history
// is a false alarm. A run-by-run verdict (regression or improvement) in an A/A history is a false
// verdict; a step is found by the verdicts when one of the three runs from the step on is judged in
// its direction.
//
// `--export FILE` writes every history's per-run levels (the values the detector sees) and the
// truth, for `scripts/simulate-verdicts` to run asv's and Apache Otava's detectors on the same values.
import BenchsiteKit
import Foundation

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let at = arguments.firstIndex(of: name), at + 1 < arguments.count else { return nil }
    return arguments[at + 1]
}
let historiesPerCell = option("--histories").flatMap(Int.init) ?? 200
let exportPath = option("--export")
var options = AnalysisOptions()
if let alpha = option("--alpha").flatMap(Double.init) { options.comparison.alpha = alpha }
if let penalty = option("--penalty").flatMap(Double.init) { options.changePoints.penalty = penalty }
let length = 40
var generator = SplitMix64(seed: option("--seed").flatMap(UInt64.init) ?? 2026)

struct Shape: Hashable {
    var samples: Int
    var sampleNoise: Double
    var runNoise: Double
    var prompts: String
}
let promptSets: [(name: String, levels: [Double])] = [
    ("none", [1]), ("mixed 1:1.6:2.5:4", [1, 1.6, 2.5, 4]), ("mild (demo)", [1, 1.3, 1.3, 1.6]),
]
let kinds: [(name: String, step: Double?, drift: Double)] = [
    ("A/A", nil, 0), ("step 5%", 0.05, 0), ("step 10%", 0.10, 0), ("step 30%", 0.30, 0), ("drift 0.5%/run", nil, 0.005),
]

/// One simulated history as benchsite reads it: 40 daily runs of one model.
func history(
    _ shape: Shape, levels: [Double], step: Double?, drift: Double, at position: Int, using generator: inout SplitMix64
) -> History {
    var runs: [Run] = []
    for r in 0..<length {
        var level = 1.0
        if let step, r >= position { level *= 1 + step }
        level *= pow(1 + drift, Double(r))
        let runEffect = exp(shape.runNoise * generator.normal())
        var result = RunResult(subject: "model", scenario: "default")
        for i in 0..<shape.samples {
            let prompt = i % levels.count
            var sample = Sample(
                latency: level * runEffect * levels[prompt] * exp(shape.sampleNoise * generator.normal()))
            if levels.count > 1 { sample.prompt = "prompt \(prompt)" }
            result.samples.append(sample)
        }
        let stamp = Timestamp(secondsSince1970: 1_790_000_000 + Double(r) * 86_400)
        runs.append(
            Run(
                id: "run-\(r)", timestamp: stamp, timestampSource: .file,
                source: RunSource(format: "simulation", file: "sim"), results: [result]))
    }
    return HistoryBuilder.build(runs: runs, metadata: Metadata(), diagnostics: DiagnosticBuffer())
}

struct Tally {
    var histories = 0
    var changePointHits = 0, changePointHistories = 0  // step: found within 2 runs; A/A: any change point
    var floorZeroHits = 0
    var verdictHits = 0, falseVerdicts = 0, verdictsJudged = 0
}

var export: [[String: Any]] = []
var results: [Shape: [String: Tally]] = [:]
var shapes: [Shape] = []
for prompts in promptSets {
    for runNoise in [0.02, 0.05] {
        for samples in [5, 20, 100] {
            for sampleNoise in [0.02, 0.05, 0.10] {
                shapes.append(
                    Shape(samples: samples, sampleNoise: sampleNoise, runNoise: runNoise, prompts: prompts.name))
            }
        }
    }
}
let highSensitivity = ChangePointSettings(
    penalty: ChangePointSettings.penalty(forSensitivity: "high") ?? 3,
    minimumEffect: options.changePoints.minimumEffect,
    minimumSegment: options.changePoints.minimumSegment)
let floorZero = ChangePointSettings(
    penalty: options.changePoints.penalty, minimumEffect: 0, minimumSegment: options.changePoints.minimumSegment)
for shape in shapes {
    let levels = promptSets.first { $0.name == shape.prompts }?.levels ?? [1]
    for kind in kinds {
        var tally = Tally()
        for _ in 0..<historiesPerCell {
            let position = 8 + generator.index(below: 25)
            let step = kind.step.map { generator.uniform() < 0.5 ? $0 : -$0 / (1 + $0) }
            let built = history(shape, levels: levels, step: step, drift: kind.drift, at: position, using: &generator)
            let analysis = Analyzer.analyze(built, options: options)
            let series = analysis.series(SeriesKey(subject: "model", scenario: "default"))
            let runLevels = series.compactMap { $0.levels[.latency]?.value }
            let points = (analysis.changePoints[SeriesKey(subject: "model", scenario: "default")] ?? []).filter {
                $0.metric == .latency
            }.map(\.runIndex)
            let spreads = series.compactMap { $0.levels[.latency]?.logStandardError }
            let zeroFloor = ChangePointDetector.detect(runLevels, spreads: spreads, settings: floorZero).map(\.index)
            let high = ChangePointDetector.detect(runLevels, spreads: spreads, settings: highSensitivity).map(\.index)
            tally.histories += 1
            if let step {
                if points.contains(where: { abs($0 - position) <= 2 }) { tally.changePointHits += 1 }
                if zeroFloor.contains(where: { abs($0 - position) <= 2 }) { tally.floorZeroHits += 1 }
                let wanted: Verdict = step > 0 ? .regression : .improvement
                if series.contains(where: {
                    $0.runIndex >= position && $0.runIndex <= position + 2 && $0.verdicts[.latency]?.verdict == wanted
                }) {
                    tally.verdictHits += 1
                }
            } else {
                if !points.isEmpty { tally.changePointHistories += 1 }
                if !zeroFloor.isEmpty { tally.floorZeroHits += 1 }
                for a in series {
                    guard let verdict = a.verdicts[.latency]?.verdict, verdict != .insufficientData else { continue }
                    tally.verdictsJudged += 1
                    if verdict == .regression || verdict == .improvement { tally.falseVerdicts += 1 }
                }
            }
            if exportPath != nil {
                export.append([
                    "samples": shape.samples, "sample_noise": shape.sampleNoise, "run_noise": shape.runNoise,
                    "prompts": shape.prompts,
                    "kind": kind.name, "position": step == nil ? -1 : position, "step": step ?? 0, "levels": runLevels,
                    "benchsite": points,
                    "benchsite_floor0": zeroFloor, "benchsite_high": high,
                    // Run-by-run verdicts: [run, -1 improvement / 0 no change / 1 regression] for every judged run.
                    "verdicts": series.compactMap { a -> [Int]? in
                        switch a.verdicts[.latency]?.verdict {
                        case .regression?: return [a.runIndex, 1]
                        case .improvement?: return [a.runIndex, -1]
                        case .noChange?: return [a.runIndex, 0]
                        default: return nil
                        }
                    },
                ])
            }
        }
        results[shape, default: [:]][kind.name] = tally
    }
}

func percent(_ count: Int, _ total: Int) -> String {
    total == 0 ? "—" : String(format: "%.1f%%", 100 * Double(count) / Double(total))
}

let settings = options.changePoints
print(
    "benchsite change points and run-by-run verdicts on simulated histories: \(length) runs, \(historiesPerCell) histories per cell,"
)
print(
    "change point penalty \(settings.penalty), minimum effect \(Int(settings.minimumEffect * 100))%, minimum segment \(settings.minimumSegment);"
)
print(
    "verdicts at alpha \(options.comparison.alpha) and a minimum effect of \(Int(options.comparison.minimumEffect * 100))%, against up to \(Analyzer.historyWindow) earlier runs (needing \(Comparator.minimumHistory))."
)
for prompts in promptSets {
    for runNoise in [0.02, 0.05] {
        print("")
        print("Prompts: \(prompts.name); run-to-run noise \(Int(runNoise * 100))%")
        print("")
        print(
            "| n | sample noise | A/A: change point | A/A: false verdicts | step 5%: CP / CP floor 0 / verdict | step 10%: CP / verdict | step 30%: CP / verdict | drift: CP |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for shape in shapes where shape.prompts == prompts.name && shape.runNoise == runNoise {
            let r = results[shape] ?? [:]
            let aa = r["A/A"] ?? Tally(), five = r["step 5%"] ?? Tally(), ten = r["step 10%"] ?? Tally(),
                thirty = r["step 30%"] ?? Tally()
            let drift = r["drift 0.5%/run"] ?? Tally()
            print(
                "| \(shape.samples) | \(Int(shape.sampleNoise * 100))% | \(percent(aa.changePointHistories, aa.histories)) | \(percent(aa.falseVerdicts, aa.verdictsJudged)) | "
                    + "\(percent(five.changePointHits, five.histories)) / \(percent(five.floorZeroHits, five.histories)) / \(percent(five.verdictHits, five.histories)) | "
                    + "\(percent(ten.changePointHits, ten.histories)) / \(percent(ten.verdictHits, ten.histories)) | "
                    + "\(percent(thirty.changePointHits, thirty.histories)) / \(percent(thirty.verdictHits, thirty.histories)) | "
                    + "\(percent(drift.changePointHistories, drift.histories)) |")
        }
    }
}
if let exportPath {
    let data = try JSONSerialization.data(withJSONObject: ["length": length, "histories": export], options: [])
    try data.write(to: URL(fileURLWithPath: exportPath))
    FileHandle.standardError.write(Data("wrote \(export.count) histories to \(exportPath)\n".utf8))
}
