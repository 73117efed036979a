import Foundation
import Testing

/// The `benchsite` executable that `swift test` builds next to the test bundle.
let benchsiteExecutable: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On macOS the runner lives inside the .xctest bundle.
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("benchsite").path), folder.path != "/" {
        folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("benchsite")
}()

func runBenchsite(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = benchsiteExecutable
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test("exit status: 0 built with warnings, 1 with --strict and errors, 1 no valid run, 2 usage errors")
    func exitStatus() throws {
        #expect(FileManager.default.isExecutableFile(atPath: benchsiteExecutable.path), "benchsite was not built at \(benchsiteExecutable.path)")
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(), to: folder, "in/good.json")
        try write("{\"format\": \"benchsite-run/1\", \"results\": [", to: folder, "in/cut.json")
        let inputs = folder.appendingPathComponent("in").path
        let out = folder.appendingPathComponent("out").path

        let built = try runBenchsite(["build", inputs, "--out", out])
        #expect(built.status == 0)
        #expect(built.output.contains("cut.json:1:") && built.output.contains("error:"))
        #expect(FileManager.default.fileExists(atPath: out + "/index.html"))

        #expect(try runBenchsite(["build", inputs, "--out", out, "--strict"]).status == 1)
        let none = try runBenchsite(["build", folder.appendingPathComponent("in/cut.json").path, "--out", out])
        #expect(none.status == 1 && none.output.contains("no valid run"))
        #expect(try runBenchsite(["build"]).status == 2)
        #expect(try runBenchsite(["build", inputs, "--format", "nope"]).status == 2)
        #expect(try runBenchsite(["build", inputs, "--date", "yesterday"]).status == 2)
        #expect(try runBenchsite(["build", inputs, "--no-such-option"]).status == 2)
        let validated = try runBenchsite(["validate", inputs])
        #expect(validated.status == 1)
        #expect(validated.output.contains("good.json: benchsite: 1 run, 1 series, 3 samples"))
        #expect(validated.output.contains("cut.json: not read"))
        #expect(try runBenchsite(["validate", folder.appendingPathComponent("in/good.json").path]).status == 0)
        let formats = try runBenchsite(["build", "--list-formats"])
        #expect(formats.status == 0 && formats.output.contains("foundry-workshop"))
    }
}
