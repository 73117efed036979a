import Foundation
import Testing

@testable import BenchsiteKit

@Suite("Command-line habits", .serialized)
struct CLIHabitTests {
    /// Runs benchsite with `input` on its standard input.
    func run(_ arguments: [String], input: String, in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = benchsiteExecutable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("- reads standard input in build, validate and compare, and names it <stdin>")
    func standardInput() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let validated = try run(["validate", "-"], input: sampleRun(), in: folder)
        #expect(
            validated.status == 0 && validated.output.contains("<stdin>: benchsite: 1 run, 1 series, 3 samples"),
            "\(validated.output)")
        let broken = try run(["validate", "-"], input: "{\"format\": \"benchsite-run/1\", \"results\": [", in: folder)
        #expect(broken.status == 1 && broken.output.contains("<stdin>:1:"))
        let built = try run(["build", "-", "--out", "site", "-q"], input: sampleRun(), in: folder)
        #expect(built.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/runs/r1.html").path))
        try write(sampleRun(id: "r0", timestamp: "2026-09-30T02:00:00Z"), to: folder, "base.json")
        let compared = try run(["compare", "base.json", "-"], input: sampleRun(), in: folder)
        #expect(compared.status == 0 && compared.output.contains("Contender: r1"), "\(compared.output)")
    }

    @Test("a mistyped command gets 'did you mean', a file of that name is still an input")
    func didYouMean() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let typo = try runBenchsite(["buidl", "results"], in: folder)
        #expect(typo.status == 2 && typo.output.contains("did you mean `benchsite build`?"))
        #expect(
            try runBenchsite(["comapre", "a", "b"], in: folder).output.contains("did you mean `benchsite compare`?"))
        try write(sampleRun(), to: folder, "buidl")
        let file = try runBenchsite(["buidl", "--out", "site", "-q"], in: folder)
        #expect(file.status == 0, "\(file.output)")
        let unrelated = try runBenchsite(["nothing-like-a-command"], in: folder)
        #expect(!unrelated.output.contains("did you mean"))
    }

    @Test("the CSV exports carry commit, branch, label, host, CPU and GPU; runs.csv one row per run")
    func csvRunColumns() throws {
        let files = demoSite.files
        let summary = String(decoding: try #require(files["data/summary.csv"]), as: UTF8.self)
        #expect(
            summary.hasPrefix(
                "run_id,timestamp,model,scenario,metric,unit,n,mean,stddev,min,p50,p90,p95,p99,max,source,commit,branch,label,host,cpu,gpu\n"
            ))
        #expect(summary.contains(",327786a4a7,main,nightly,bench-01,AMD Ryzen 9 7950X (16 cores),"))
        let runs = String(decoding: try #require(files["data/runs.csv"]), as: UTF8.self).split(separator: "\n")
        #expect(runs.count == 18)  // the header and 17 runs
        for name in ["data/verdicts.csv", "data/changepoints.csv"] {
            let header = String(decoding: try #require(files[name]), as: UTF8.self).prefix { $0 != "\n" }
            #expect(header.hasSuffix(",commit,branch,label,host,cpu,gpu"), "\(name)")
        }
    }
}
