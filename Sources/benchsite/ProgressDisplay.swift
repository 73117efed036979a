import BenchsiteKit
import Foundation

/// Shows how far a build is on standard error: on a terminal one line, redrawn at most ten times a
/// second once the build has run for a moment; elsewhere (CI logs) a plain line every `interval` seconds.
final class ProgressDisplay: @unchecked Sendable {
    let terminal: Bool
    let interval: TimeInterval
    private let started = Date()
    private let lock = NSLock()
    private var stage: BuildStage?
    private var stageStarted = Date()
    private var lastShown = Date.distantPast
    private var lineOnScreen = false

    init(
        terminal: Bool = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb",
        interval: TimeInterval = 5
    ) {
        self.terminal = terminal
        self.interval = interval
    }

    var observer: ProgressObserver {
        { [self] stage, done, total in update(stage, done, total) }
    }

    private func update(_ stage: BuildStage, _ done: Int, _ total: Int) {
        lock.withLock {
            let now = Date()
            let newStage = stage != self.stage
            if newStage {
                self.stage = stage
                stageStarted = now
            }
            if terminal {
                guard now.timeIntervalSince(started) >= 0.3,
                    newStage || done == total || now.timeIntervalSince(lastShown) >= 0.1
                else { return }
                emit("\r\u{1B}[K" + describe(stage, done, total, now: now))
                lineOnScreen = true
            } else {
                guard now.timeIntervalSince(started) >= interval, now.timeIntervalSince(lastShown) >= interval else {
                    return
                }
                emit(describe(stage, done, total, now: now) + "\n")
            }
            lastShown = now
        }
    }

    /// `benchsite: reading files 120/500 (24%), about 4 s left`
    private func describe(_ stage: BuildStage, _ done: Int, _ total: Int, now: Date) -> String {
        var text = "benchsite: \(stage.rawValue)"
        guard total > 1 else { return text + "…" }
        text += " \(done)/\(total) (\(done * 100 / total)%)"
        let elapsed = now.timeIntervalSince(stageStarted)
        if done > 0, done < total, elapsed >= 0.2 {
            let left = elapsed / Double(done) * Double(total - done)
            text += left < 1 ? ", under a second left" : ", about \(Int(left.rounded())) s left"
        }
        return text
    }

    /// Clears the progress line so the summary and diagnostics start on a clean line.
    func finish() {
        lock.withLock {
            if lineOnScreen { emit("\r\u{1B}[K") }
            lineOnScreen = false
        }
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
