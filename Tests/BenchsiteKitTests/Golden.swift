import Foundation
import Testing

@testable import BenchsiteKit

/// Whether this test run re-records golden files (`BENCHSITE_RECORD=1 swift test`). A recording run
/// always fails, so it can never pass CI by accident.
let isRecording = ProcessInfo.processInfo.environment["BENCHSITE_RECORD"] == "1"

/// Compares `actual` with the golden file at `url` (as swift-argument-parser's `AssertSnapshot`):
/// when recording, writes it and records a failure; otherwise a mismatch shows a unified diff.
func assertGolden(_ actual: String, matches url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if isRecording {
        try Data(actual.utf8).write(to: url)
        Issue.record(
            "recorded \(url.lastPathComponent); run the tests again without BENCHSITE_RECORD",
            sourceLocation: sourceLocation)
        return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    if expected != actual {
        Issue.record(
            "\(url.lastPathComponent) differs from its golden file (BENCHSITE_RECORD=1 swift test re-records it):\n\(unifiedDiff(expected, actual, from: url.lastPathComponent))",
            sourceLocation: sourceLocation)
    }
}

/// Compares a whole generated site with the golden folder: the same files, byte for byte.
func assertGoldenTree(
    _ files: [String: [UInt8]], matches folder: URL, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    if isRecording {
        _ = try SiteWriter(outputDirectory: folder.path, force: true).write(files)
        Issue.record(
            "recorded \(folder.lastPathComponent)/; run the tests again without BENCHSITE_RECORD",
            sourceLocation: sourceLocation)
        return
    }
    var committed = try readTree(folder)
    committed.removeValue(forKey: SiteWriter.manifestName)
    let missing = Set(files.keys).subtracting(committed.keys).sorted(),
        extra = Set(committed.keys).subtracting(files.keys).sorted()
    if !missing.isEmpty || !extra.isEmpty {
        Issue.record(
            "\(folder.lastPathComponent)/ is stale (BENCHSITE_RECORD=1 swift test re-records it): missing \(missing.prefix(10)), not built \(extra.prefix(10))",
            sourceLocation: sourceLocation)
    }
    var shown = 0
    for path in files.keys.sorted() {
        guard let old = committed[path], !old.elementsEqual(files[path]!) else { continue }
        shown += 1
        if shown > 3 {
            Issue.record("\(folder.lastPathComponent)/\(path) differs too", sourceLocation: sourceLocation)
            continue
        }
        let diff = unifiedDiff(
            String(decoding: old, as: UTF8.self), String(decoding: files[path]!, as: UTF8.self), from: path)
        Issue.record(
            "\(folder.lastPathComponent)/\(path) is stale (BENCHSITE_RECORD=1 swift test re-records it, or scripts/setup):\n\(diff)",
            sourceLocation: sourceLocation)
    }
}

/// A unified diff (`---`, `+++`, `@@` hunks with `context` lines around each change) of two texts'
/// lines, from a shortest edit script (Myers' algorithm), at most `limit` lines long.
func unifiedDiff(
    _ old: String, _ new: String, from name: String = "golden", context: Int = 3, limit: Int = 60
) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // One edit per line: (kind, index in a, index in b); kind " " keeps, "-" removes, "+" adds.
    var edits: [(kind: Character, a: Int, b: Int)] = []
    let n = a.count, m = b.count, offset = n + m + 1
    var v = [Int](repeating: 0, count: 2 * offset + 1)
    var trace: [[Int]] = []
    search: for d in 0...(n + m) {
        trace.append(v)
        for k in stride(from: -d, through: d, by: 2) {
            var x =
                (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                ? v[offset + k + 1] : v[offset + k - 1] + 1
            var y = x - k
            while x < n && y < m && a[x] == b[y] {
                x += 1
                y += 1
            }
            v[offset + k] = x
            if x >= n && y >= m { break search }
        }
    }
    var x = n, y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
        let v = trace[d], k = x - y
        let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
        let previousX = v[offset + previousK], previousY = previousX - previousK
        while x > previousX && y > previousY {
            x -= 1
            y -= 1
            edits.append((" ", x, y))
        }
        if d > 0 {
            if x == previousX { edits.append(("+", x, previousY)) } else { edits.append(("-", previousX, y)) }
        }
        x = previousX
        y = previousY
    }
    edits.reverse()
    // Hunks: runs of changes with `context` kept lines around them.
    var out = ["--- \(name) (golden)", "+++ \(name) (now)"]
    var index = 0
    while index < edits.count {
        guard let firstChange = edits[index...].firstIndex(where: { $0.kind != " " }) else { break }
        let start = max(index, firstChange - context)
        var end = firstChange
        var lastChange = firstChange
        while end < edits.count {
            if edits[end].kind != " " { lastChange = end }
            if end - lastChange > 2 * context { break }
            end += 1
        }
        end = min(edits.count, lastChange + context + 1)
        let hunk = edits[start..<end]
        let oldStart = (hunk.first { $0.kind != "+" }?.a ?? hunk.first!.a) + 1,
            newStart = (hunk.first { $0.kind != "-" }?.b ?? hunk.first!.b) + 1
        out.append(
            "@@ -\(oldStart),\(hunk.filter { $0.kind != "+" }.count) +\(newStart),\(hunk.filter { $0.kind != "-" }.count) @@"
        )
        for edit in hunk {
            let line = edit.kind == "+" ? b[edit.b] : a[edit.a]
            out.append("\(edit.kind)\(line.prefix(300))")
        }
        index = end
    }
    if out.count > limit { out = Array(out.prefix(limit)) + ["… (\(out.count - limit) more lines)"] }
    return out.joined(separator: "\n")
}

/// The demo site with the demo's options, built once per test run and shared by every test that only
/// reads it (about half the suite's time was building it again and again).
let demoSite: (files: [String: [UInt8]], report: GeneratedReport) = {
    do {
        var options = demoOptions()
        options.singleFile = "single.html"
        options.markdownReport = "report.md"
        return try generateSite(options)
    } catch {
        fatalError("the demo site does not build: \(error)")
    }
}()

@Suite("Golden test helpers")
struct GoldenTests {
    @Test("the unified diff shows the changed line with three lines of context and hunk ranges")
    func diffHunk() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 5", with: "line five")
        #expect(
            unifiedDiff(old, new, from: "f")
                == """
                --- f (golden)
                +++ f (now)
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8
                """)
        #expect(unifiedDiff("a\nb", "a\nb\nc", from: "g").hasSuffix("@@ -1,2 +1,3 @@\n a\n b\n+c"))
        #expect(unifiedDiff("same", "same") == "--- golden (golden)\n+++ golden (now)")
    }
}
