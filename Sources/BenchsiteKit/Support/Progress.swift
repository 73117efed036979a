import Foundation

/// A step of a build, as progress reports name it.
public enum BuildStage: String, Sendable, CaseIterable {
    case reading = "reading files"
    case analyzing = "analyzing"
    case rendering = "rendering pages"
    case exporting = "exporting data"
    /// Switching the staged site in (its files were written as they were made).
    case writing = "writing files"
}

/// Told how far a build is: the stage, the items done and the items in it.
/// Called from any thread, once with `done == 0` when a stage starts and as items are done after that.
public typealias ProgressObserver = @Sendable (_ stage: BuildStage, _ done: Int, _ total: Int) -> Void

/// Counts the items of one stage done on any thread and tells the observer.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    let stage: BuildStage
    let total: Int
    let observer: ProgressObserver?

    init(_ stage: BuildStage, total: Int, observer: ProgressObserver?) {
        self.stage = stage
        self.total = total
        self.observer = observer
        observer?(stage, 0, total)
    }

    func advance(by amount: Int = 1) {
        guard let observer else { return }
        // Under the lock, so the observer sees the counts in order.
        lock.withLock {
            done += amount
            observer(stage, done, total)
        }
    }
}
