import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `benchsite serve`: a small static file server for previewing a site, bound to 127.0.0.1 only.
///
/// It answers GET and HEAD, maps folders to their `index.html`, sends the content type of each file,
/// and never serves anything outside its root: percent-decoded `..` segments, encoded slashes,
/// NUL bytes and symbolic links that lead out are all refused.
public final class PreviewServer: @unchecked Sendable {
    public let root: URL
    private let rootPath: String
    private var listener: Int32 = -1
    public private(set) var port: UInt16 = 0

    public enum Resolution: Equatable, Sendable {
        case file(String)
        case redirect(String)
        case notFound
        case forbidden
    }

    public init(root: String) throws {
        let resolved = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ServerError(message: "\(root): no such folder to serve")
        }
        self.root = resolved
        rootPath = resolved.path
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Maps a request target (`/runs/x.html?y`) to a file inside the root, or says why not.
    public func resolve(_ target: String) -> Resolution {
        var path = Substring(target)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        guard path.hasPrefix("/") else { return .forbidden }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            // Encoded slashes and backslashes would smuggle a separator past this check.
            let lowered = raw.lowercased()
            if lowered.contains("%2f") || lowered.contains("%5c") || raw.contains("\\") { return .forbidden }
            guard let segment = String(raw).removingPercentEncoding else { return .forbidden }
            if segment == ".." || segment.contains("\0") || segment.contains("/") { return .forbidden }
            if segment == "." { continue }
            segments.append(segment)
        }
        var candidate = root
        for segment in segments { candidate.appendPathComponent(segment) }
        // Symbolic links are followed only if they stay inside the root.
        let real = candidate.resolvingSymlinksInPath().path
        guard real == rootPath || real.hasPrefix(rootPath + "/") else { return .forbidden }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            if !path.hasSuffix("/") && !segments.isEmpty { return .redirect(String(path) + "/") }
            let index = real + "/index.html"
            let realIndex = URL(fileURLWithPath: index).resolvingSymlinksInPath().path
            guard realIndex.hasPrefix(rootPath + "/") else { return .forbidden }
            return FileManager.default.fileExists(atPath: realIndex) ? .file(realIndex) : .notFound
        }
        return .file(real)
    }

    public static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/atom+xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "js": return "text/javascript; charset=utf-8"
        case "md", "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// Binds 127.0.0.1 (port 0 picks a free port) and starts answering on a background queue.
    public func start(port requested: UInt16) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw ServerError(message: "cannot create a socket") }
        listener = socketFD
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requested.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(socketFD)
            throw ServerError(message: "cannot listen on 127.0.0.1:\(requested) (is the port in use?)")
        }
        guard listen(socketFD, 64) == 0 else { throw ServerError(message: "cannot listen") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        DispatchQueue.global().async { [self] in
            while true {
                let client = accept(socketFD, nil, nil)
                if client < 0 { return }
                DispatchQueue.global().async { self.handle(client) }
            }
        }
    }

    public func stop() {
        if listener >= 0 {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            listener = -1
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        var request: [UInt8] = []
        while request.count < 65536 {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            request += buffer[0..<n]
            if request.firstRange(of: [13, 10, 13, 10]) != nil { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return respond(client, 400, "Bad Request", body: "bad request\n") }
        let method = line[0]
        guard method == "GET" || method == "HEAD" else { return respond(client, 405, "Method Not Allowed", body: "only GET and HEAD\n") }
        switch resolve(String(line[1])) {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { return respond(client, 404, "Not Found", body: "not found\n") }
            respond(client, 200, "OK", type: Self.contentType(path), body: data, head: method == "HEAD")
        case .redirect(let location):
            respond(client, 301, "Moved Permanently", body: "", extra: "Location: \(location)\r\n")
        case .notFound:
            respond(client, 404, "Not Found", body: "not found\n")
        case .forbidden:
            respond(client, 403, "Forbidden", body: "forbidden\n")
        }
    }

    private func respond(_ client: Int32, _ status: Int, _ reason: String, type: String = "text/plain; charset=utf-8", body: String, extra: String = "") {
        respond(client, status, reason, type: type, body: Data(body.utf8), extra: extra)
    }

    private func respond(_ client: Int32, _ status: Int, _ reason: String, type: String, body: Data, head: Bool = false, extra: String = "") {
        let header = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-cache\r\nConnection: close\r\n\(extra)\r\n"
        var bytes = Array(header.utf8)
        if !head { bytes += body }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBufferPointer { write(client, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }
}
