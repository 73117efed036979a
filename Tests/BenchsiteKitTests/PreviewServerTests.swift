import Foundation
import Testing

@testable import BenchsiteKit

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP client: connects to 127.0.0.1, sends bytes, reads the answer.
struct RawClient {
    let fd: Int32

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads until the server closes or `limit` bytes came; counts the rest without keeping it.
    func receive(keep limit: Int = 1 << 20) -> (text: String, total: Int) {
        var kept: [UInt8] = []
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            total += n
            if kept.count < limit { kept += buffer[0..<min(n, limit - kept.count)] }
        }
        return (String(decoding: kept, as: UTF8.self), total)
    }

    func close() { _ = Glibc.close(fd) }
}

@Suite("Preview server", .serialized)
struct PreviewServerTests {
    func makeSite() throws -> (URL, URL) {
        let folder = try makeTemporaryFolder()
        let site = folder.appendingPathComponent("site")
        try write("<h1>home</h1>", to: site, "index.html")
        try write("<h1>runs</h1>", to: site, "runs/index.html")
        try write("a,b\n", to: site, "data/summary.csv")
        try write("secret", to: folder, "secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("escape").path, withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("leak.txt").path,
            withDestinationPath: folder.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("home.html").path,
            withDestinationPath: site.appendingPathComponent("index.html").path)
        return (folder, site)
    }

    @Test(
        "requests never reach outside the root",
        arguments: [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/runs/../../secret.txt",
            "/runs%2f..%2f..%2fsecret.txt",
            "/..%5csecret.txt", "/escape/secret.txt", "/leak.txt", "/x%00.html", "relative",
        ])
    func outside(target: String) throws {
        let (folder, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try PreviewServer(root: site.path)
        #expect([.forbidden, .notFound].contains(server.resolve(target)), "\(target) -> \(server.resolve(target))")
    }

    @Test("folders map to index.html; links inside the root are followed")
    func mapping() throws {
        let (folder, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try PreviewServer(root: site.path)
        let real = site.resolvingSymlinksInPath().path
        #expect(server.resolve("/") == .file(real + "/index.html"))
        #expect(server.resolve("/runs/") == .file(real + "/runs/index.html"))
        #expect(server.resolve("/runs") == .redirect("/runs/"))
        #expect(server.resolve("/data/summary.csv?x=1") == .file(real + "/data/summary.csv"))
        #expect(server.resolve("/home.html") == .file(real + "/index.html"))
        #expect(server.resolve("/nope.html") == .notFound)
        #expect(PreviewServer.contentType("a.css") == "text/css; charset=utf-8")
        #expect(PreviewServer.contentType("feed.xml") == "application/atom+xml")
    }

    @Test("it answers on 127.0.0.1 with content types and refuses what is outside")
    func live() async throws {
        let (folder, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try PreviewServer(root: site.path)
        try server.start(port: 0)
        defer { server.stop() }
        func get(_ path: String) async throws -> (Int, String?, String) {
            let (data, response) = try await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
            let http = response as! HTTPURLResponse
            return (
                http.statusCode, http.value(forHTTPHeaderField: "Content-Type"), String(decoding: data, as: UTF8.self)
            )
        }
        let home = try await get("/")
        #expect(home.0 == 200 && home.1 == "text/html; charset=utf-8" && home.2 == "<h1>home</h1>")
        let csv = try await get("/data/summary.csv")
        #expect(csv.0 == 200 && csv.1 == "text/csv; charset=utf-8")
        #expect(try await get("/leak.txt").0 == 403)
        #expect(try await get("/%2e%2e/secret.txt").0 == 403)
    }

    @Test("a request is served within 1 s while 100 idle connections are open")
    func idleConnections() throws {
        let (folder, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try PreviewServer(root: site.path)
        try server.start(port: 0)
        defer { server.stop() }
        let idle = try (0..<100).map { _ in try RawClient(port: server.port) }
        defer { idle.forEach { $0.close() } }
        // Half of them start a request and never finish it.
        for client in idle.prefix(50) { client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n") }
        let started = Date()
        let client = try RawClient(port: server.port)
        defer { client.close() }
        client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nConnection: close\r\n\r\n")
        let answer = client.receive()
        #expect(Date().timeIntervalSince(started) < 1, "answered after \(Date().timeIntervalSince(started)) s")
        #expect(answer.text.hasPrefix("HTTP/1.1 200 OK") && answer.text.hasSuffix("<h1>home</h1>"))
    }

    @Test("bare line feeds, a foreign Host, //path and other methods get a proper answer")
    func protocolEdges() throws {
        let (folder, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try PreviewServer(root: site.path)
        try server.start(port: 0)
        defer { server.stop() }
        func exchange(_ request: String) throws -> String {
            let client = try RawClient(port: server.port)
            defer { client.close() }
            client.send(request)
            return client.receive().text
        }
        let host = "Host: 127.0.0.1:\(server.port)"
        #expect(try exchange("GET / HTTP/1.1\n\(host)\nConnection: close\n\n").hasPrefix("HTTP/1.1 200 OK"))
        #expect(try exchange("GET / HTTP/1.0\n\n").hasPrefix("HTTP/1.1 403"), "no Host: refused")
        #expect(
            try exchange("GET / HTTP/1.1\r\nHost: rebound.example.com:\(server.port)\r\n\r\n").hasPrefix("HTTP/1.1 403")
        )
        #expect(
            try exchange("GET / HTTP/1.1\r\nHost: localhost:\(server.port)\r\nConnection: close\r\n\r\n").hasPrefix(
                "HTTP/1.1 200"))
        let redirect = try exchange("GET //runs HTTP/1.1\r\n\(host)\r\nConnection: close\r\n\r\n")
        #expect(redirect.hasPrefix("HTTP/1.1 301") && redirect.contains("\r\nLocation: /runs/\r\n"), "\(redirect)")
        #expect(try exchange("POST / HTTP/1.1\r\n\(host)\r\nConnection: close\r\n\r\n").hasPrefix("HTTP/1.1 405"))
        #expect(try exchange("nonsense\r\n\r\n").hasPrefix("HTTP/1.1 400"))
        // Two requests on one kept-alive connection.
        let both = try exchange(
            "GET / HTTP/1.1\r\n\(host)\r\n\r\nGET /data/summary.csv HTTP/1.1\r\n\(host)\r\nConnection: close\r\n\r\n")
        #expect(both.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
    }

    #if os(Linux)
    @Test("a large file is streamed: memory stays bounded")
    func largeFile() throws {
        let (folder, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = site.appendingPathComponent("data/big.csv").path
        let size = 1 << 30
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, off_t(size)) == 0)  // sparse: takes no disk
        let server = try PreviewServer(root: site.path)
        try server.start(port: 0)
        defer { server.stop() }
        func resident() -> Int {
            let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
            return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
        }
        let before = resident()
        let client = try RawClient(port: server.port)
        defer { client.close() }
        client.send("GET /data/big.csv HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nConnection: close\r\n\r\n")
        let answer = client.receive(keep: 4096)
        #expect(answer.text.hasPrefix("HTTP/1.1 200 OK") && answer.text.contains("Content-Length: \(size)\r\n"))
        #expect(answer.total > size)
        #expect(resident() - before < 64 << 20, "resident memory grew by \(resident() - before) bytes for a 1 GiB file")
    }
    #endif

    @Test("serve --watch keeps serving the last good site when a rebuild crashes")
    func watchSurvivesCrashingBuild() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(sampleRun(), to: folder, "in/run.json")
        let inputs = folder.appendingPathComponent("in").path, out = folder.appendingPathComponent("site").path
        #expect(try runBenchsite(["build", inputs, "--out", out, "--quiet"]).status == 0)
        let probe = try PreviewServer(root: out)
        try probe.start(port: 0)
        let port = probe.port
        probe.stop()
        Thread.sleep(forTimeInterval: 0.2)
        let serve = Process()
        serve.executableURL = benchsiteExecutable
        serve.arguments = ["serve", out, "--port", String(port), "--watch", inputs]
        serve.currentDirectoryURL = folder
        // Every build the server starts is killed half-way, as a trap on a bad input would kill it.
        serve.environment = ProcessInfo.processInfo.environment.merging(["BENCHSITE_FAILPOINT": "staged:1"]) { $1 }
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer {
            kill(serve.processIdentifier, SIGKILL)
            serve.waitUntilExit()
        }
        func home() -> String {
            guard let client = try? RawClient(port: port) else { return "" }
            defer { client.close() }
            client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            return client.receive().text
        }
        var answer = ""
        for _ in 0..<50 where !answer.hasPrefix("HTTP/1.1 200") {
            Thread.sleep(forTimeInterval: 0.1)
            answer = home()
        }
        #expect(answer.hasPrefix("HTTP/1.1 200"))
        try write(sampleRun(id: "r2", timestamp: "2026-10-02T02:00:00Z"), to: folder, "in/run2.json")
        Thread.sleep(forTimeInterval: 2.5)  // the watcher looks every second
        #expect(serve.isRunning)
        #expect(home().hasPrefix("HTTP/1.1 200"))
        #expect(!FileManager.default.fileExists(atPath: out + "/" + SiteWriter.stagingName))
    }
}
