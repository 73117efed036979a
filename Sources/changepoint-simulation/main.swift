// Measures how well benchsite's change point detection finds known steps in simulated noisy
// histories, and how often it raises a false alarm where there is no step.
//
//   swift run -c release changepoint-simulation
//
// Histories of 40 runs; each run's value is a median with log-normal noise of 2, 5 or 10 %.
// Step histories have one step of 3 to 30 % (up or down) at a random run between 8 and 32;
// A/A histories have none. A detection within 2 runs of the true step is a hit.
import BenchsiteKit
import Foundation

let length = 40
let historiesPerCell = 300
let aaHistories = 1000
let noiseLevels = [0.02, 0.05, 0.10]
let steps = [0.03, 0.05, 0.10, 0.20, 0.30]
var generator = SplitMix64(seed: 2026)
// `--penalty P` tries another penalty than the default.
var settings = ChangePointSettings()
if let flag = CommandLine.arguments.firstIndex(of: "--penalty"), flag + 1 < CommandLine.arguments.count,
    let penalty = Double(CommandLine.arguments[flag + 1])
{
    settings.penalty = penalty
}

@MainActor func normal() -> Double {
    (-2 * log(1 - generator.uniform())).squareRoot() * cos(2 * Double.pi * generator.uniform())
}

@MainActor func history(noise: Double, step: Double?, at position: Int) -> [Double] {
    (0..<length).map { i in
        let level = (step != nil && i >= position) ? 1 + step! : 1
        return level * exp(noise * normal())
    }
}

print("benchsite change point simulation: \(length) runs per history, penalty \(settings.penalty), minimum effect \(settings.minimumEffect), minimum segment \(settings.minimumSegment)")
print("")
print("| noise | A/A histories with a false alarm | step | recall | precision |")
print("|---|---|---|---|---|")
var totals = (hits: 0, steps: 0, detections: 0, correct: 0)
for noise in noiseLevels {
    var falseAlarms = 0
    for _ in 0..<aaHistories where !ChangePointDetector.detect(history(noise: noise, step: nil, at: 0), settings: settings).isEmpty {
        falseAlarms += 1
    }
    for step in steps {
        var hits = 0, detections = 0, correct = 0
        for _ in 0..<historiesPerCell {
            let position = 8 + generator.index(below: 25)
            let signed = generator.uniform() < 0.5 ? step : -step / (1 + step)
            let found = ChangePointDetector.detect(history(noise: noise, step: signed, at: position), settings: settings)
            detections += found.count
            let good = found.filter { abs($0.index - position) <= 2 }.count
            correct += good
            if good > 0 { hits += 1 }
        }
        if step >= 0.05 {
            totals.hits += hits
            totals.steps += historiesPerCell
            totals.detections += detections
            totals.correct += correct
        }
        let precision = detections == 0 ? "—" : String(format: "%.1f%%", 100 * Double(correct) / Double(detections))
        print("| \(Int(noise * 100))% | \(falseAlarms) of \(aaHistories) | \(Int(step * 100))% | \(String(format: "%.1f%%", 100 * Double(hits) / Double(historiesPerCell))) | \(precision) |")
    }
}
print("")
print(String(format: "Steps of 5%% and more, all noise levels: recall %.1f%%, precision %.1f%%",
             100 * Double(totals.hits) / Double(totals.steps), 100 * Double(totals.correct) / Double(max(totals.detections, 1))))
