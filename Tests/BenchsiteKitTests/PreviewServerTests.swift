import Foundation
import Testing
@testable import BenchsiteKit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Preview server", .serialized)
struct PreviewServerTests {
    func makeSite() throws -> (URL, URL) {
        let folder = try makeTemporaryFolder()
        let site = folder.appendingPathComponent("site")
        try write("<h1>home</h1>", to: site, "index.html")
        try write("<h1>runs</h1>", to: site, "runs/index.html")
        try write("a,b\n", to: site, "data/summary.csv")
        try write("secret", to: folder, "secret.txt")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("escape").path, withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path, withDestinationPath: folder.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("home.html").path, withDestinationPath: site.appendingPathComponent("index.html").path)
        return (folder, site)
    }

    @Test("requests never reach outside the root", arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/runs/../../secret.txt", "/runs%2f..%2f..%2fsecret.txt",
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
            let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
            let http = response as! HTTPURLResponse
            return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type"), String(decoding: data, as: UTF8.self))
        }
        let home = try await get("/")
        #expect(home.0 == 200 && home.1 == "text/html; charset=utf-8" && home.2 == "<h1>home</h1>")
        let csv = try await get("/data/summary.csv")
        #expect(csv.0 == 200 && csv.1 == "text/csv; charset=utf-8")
        #expect(try await get("/leak.txt").0 == 403)
        #expect(try await get("/%2e%2e/secret.txt").0 == 403)
    }
}
