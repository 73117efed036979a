import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Test hook: `BENCHSITE_FAILPOINT=staged:3` (or `committed:1`, `switched:2`, `removed:1`) kills the
/// process with SIGKILL at that point of a publish, as a crash or a cancelled CI job would.
enum Failpoint {
    static let target: (name: String, count: Int)? = {
        guard let value = ProcessInfo.processInfo.environment["BENCHSITE_FAILPOINT"] else { return nil }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let count = Int(parts[1]) else { return nil }
        return (String(parts[0]), count)
    }()

    static func hit(_ name: String, _ count: Int) {
        guard let target, target.name == name, target.count == count else { return }
        kill(getpid(), SIGKILL)
    }
}
