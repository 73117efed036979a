import Foundation

/// Where every stage sends its diagnostics (as swift-openapi-generator's `DiagnosticCollector`):
/// one path from Ingest to Output, so nothing is dropped on the way and the caller decides how to
/// show them.
public protocol DiagnosticCollector: Sendable {
    func emit(_ diagnostic: Diagnostic)
}

extension DiagnosticCollector {
    public func emit(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { emit(diagnostic) }
    }
}

/// Keeps diagnostics in the order they were emitted, from any thread.
public final class DiagnosticBuffer: DiagnosticCollector {
    private let storage = Locked<[Diagnostic]>([])

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        storage.withLock { $0.append(diagnostic) }
    }

    /// Everything emitted so far.
    public var diagnostics: [Diagnostic] { storage.withLock { $0 } }

    public var hasErrors: Bool { storage.withLock { $0.contains { $0.severity == .error } } }
}
