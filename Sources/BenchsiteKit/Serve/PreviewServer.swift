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
///
/// Thread safety: the connections live only on the server's one thread (`loop`); what other threads
/// may touch (the port, whether it runs, the wake-up pipe) is in `state`, behind its lock.
public final class PreviewServer: Sendable {
    public let root: URL
    private let rootPath: String

    private struct State {
        var port: UInt16 = 0
        var running = false
        var wakeWrite: Int32 = -1
    }

    private let state = Locked(State())

    /// The port it listens on (after `start`).
    public var port: UInt16 { state.withLock { $0.port } }

    public enum Resolution: Equatable, Sendable {
        case file(String)
        case redirect(String)
        case notFound
        case forbidden
    }

    public init(root: String) throws {
        let resolved = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
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
        var rawSegments: [Substring] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            // Encoded slashes and backslashes would smuggle a separator past this check.
            let lowered = raw.lowercased()
            if lowered.contains("%2f") || lowered.contains("%5c") || raw.contains("\\") { return .forbidden }
            guard let segment = String(raw).removingPercentEncoding else { return .forbidden }
            if segment == ".." || segment.contains("\0") || segment.contains("/") { return .forbidden }
            if segment == "." { continue }
            segments.append(segment)
            rawSegments.append(raw)
        }
        var candidate = root
        for segment in segments { candidate.appendPathComponent(segment) }
        // Symbolic links are followed only if they stay inside the root.
        let real = candidate.resolvingSymlinksInPath().path
        guard real == rootPath || real.hasPrefix(rootPath + "/") else { return .forbidden }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            // Rebuilt from the segments: `//runs` must not become `//runs/`, which a browser reads as another host.
            if !path.hasSuffix("/") && !segments.isEmpty {
                return .redirect("/" + rawSegments.joined(separator: "/") + "/")
            }
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

    // MARK: - Serving

    /// The most connections held at once; more wait in the kernel's queue.
    public static let maximumConnections = 256
    /// A client has this long to send its request headers, and an idle kept-alive connection is
    /// closed after it: slow or idle clients cannot hold the server.
    public static let requestTimeout: TimeInterval = 10
    static let maximumHeaderBytes = 16 * 1024
    static let chunkSize = 64 * 1024

    /// Binds 127.0.0.1 (port 0 picks a free port) and answers on one background thread: a poll(2)
    /// loop over non-blocking sockets, so no client, idle or slow, holds a thread.
    public func start(port requested: UInt16) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw ServerError(message: "cannot create a socket") }
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requested.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            close(socketFD)
            throw ServerError(message: "cannot listen on 127.0.0.1:\(requested) (is the port in use?)")
        }
        guard listen(socketFD, 128) == 0 else {
            close(socketFD)
            throw ServerError(message: "cannot listen")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        let boundPort = UInt16(bigEndian: actual.sin_port)
        Self.setNonBlocking(socketFD)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(socketFD)
            throw ServerError(message: "cannot create the server's wake-up pipe")
        }
        Self.setNonBlocking(pipeEnds[0])
        let started = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state = State(port: boundPort, running: true, wakeWrite: pipeEnds[1])
            return true
        }
        guard started else {
            close(socketFD)
            close(pipeEnds[0])
            close(pipeEnds[1])
            throw ServerError(message: "the server is already running")
        }
        let wakeRead = pipeEnds[0]
        let thread = Thread { [self] in loop(listener: socketFD, wake: wakeRead) }
        thread.name = "benchsite preview server"
        thread.start()
    }

    /// Stops answering and closes every connection.
    public func stop() {
        // The byte is written under the lock: the poll thread closes the pipe under the same lock when it
        // ends (it may end on its own, seeing running == false after a poll timeout), so the write can
        // never reach a closed descriptor or one a new file has just reused. One byte in an otherwise
        // empty pipe never blocks.
        state.withLock { state in
            guard state.running else { return }
            state.running = false
            var byte: UInt8 = 1
            _ = write(state.wakeWrite, &byte, 1)
        }
    }

    private var isRunning: Bool { state.withLock { $0.running } }

    /// One client connection and where its exchange stands.
    final class Connection {
        let fd: Int32
        var input: [UInt8] = []
        var output: [UInt8] = []
        var outputOffset = 0
        /// The file being sent after the headers, and how much of it is left.
        var file: Int32 = -1
        var fileRemaining = 0
        var keepAlive = false
        var deadline: Date

        init(fd: Int32) {
            self.fd = fd
            deadline = Date().addingTimeInterval(PreviewServer.requestTimeout)
        }

        var isSending: Bool { outputOffset < output.count || file >= 0 }

        func finishFile() {
            if file >= 0 { close(file) }
            file = -1
            fileRemaining = 0
        }
    }

    private func loop(listener socketFD: Int32, wake: Int32) {
        var connections: [Int32: Connection] = [:]
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        defer {
            for connection in connections.values {
                connection.finishFile()
                close(connection.fd)
            }
            close(socketFD)
            close(wake)
            state.withLock { state in
                close(state.wakeWrite)
                state.wakeWrite = -1
            }
        }
        while isRunning {
            var fds: [pollfd] = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            if connections.count < Self.maximumConnections {
                fds.append(pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0))
            }
            let order = connections.keys.sorted()
            for fd in order {
                let connection = connections[fd]!
                fds.append(pollfd(fd: fd, events: Int16(connection.isSending ? POLLOUT : POLLIN), revents: 0))
            }
            let now = Date()
            let nearest = connections.values.map(\.deadline).min().map { max(0, $0.timeIntervalSince(now)) } ?? 1
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(nearest, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { return }
            guard isRunning else { return }
            for entry in fds where entry.revents != 0 {
                if entry.fd == wake { return }
                if entry.fd == socketFD {
                    acceptAll(socketFD, into: &connections)
                    continue
                }
                guard let connection = connections[entry.fd] else { continue }
                let keep: Bool
                if entry.revents & Int16(POLLOUT) != 0 {
                    keep = send(connection, &chunk)
                } else if entry.revents & Int16(POLLIN) != 0 {
                    keep = receive(connection, &chunk)
                } else {
                    keep = false  // error or hang-up
                }
                if !keep {
                    connection.finishFile()
                    close(connection.fd)
                    connections[entry.fd] = nil
                }
            }
            // Clients that sent nothing useful in time are let go.
            let later = Date()
            for (fd, connection) in connections where !connection.isSending && connection.deadline < later {
                if !connection.input.isEmpty {
                    respond(connection, 408, "Request Timeout", body: Array("request timeout\n".utf8), keepAlive: false)
                    _ = send(connection, &chunk)
                }
                connection.finishFile()
                close(fd)
                connections[fd] = nil
            }
        }
    }

    private func acceptAll(_ socketFD: Int32, into connections: inout [Int32: Connection]) {
        while connections.count < Self.maximumConnections {
            let client = accept(socketFD, nil, nil)
            if client < 0 { return }
            Self.setNonBlocking(client)
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            connections[client] = Connection(fd: client)
        }
    }

    /// Reads what the client sent; answers once the headers are complete. False: close it.
    private func receive(_ connection: Connection, _ chunk: inout [UInt8]) -> Bool {
        let n = chunk.withUnsafeMutableBytes { read(connection.fd, $0.baseAddress, $0.count) }
        if n < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR }
        if n == 0 { return false }
        connection.input += chunk[0..<n]
        guard let end = Self.headerEnd(connection.input) else {
            if connection.input.count > Self.maximumHeaderBytes {
                respond(
                    connection, 431, "Request Header Fields Too Large", body: Array("request headers too large\n".utf8),
                    keepAlive: false)
                return send(connection, &chunk)
            }
            return true
        }
        let head = Array(connection.input[..<end.headerEnd])
        connection.input.removeFirst(end.bodyStart)
        answer(connection, head)
        return send(connection, &chunk)
    }

    /// Writes what is pending: headers, then the file in chunks. False: close it.
    private func send(_ connection: Connection, _ chunk: inout [UInt8]) -> Bool {
        while true {
            if connection.outputOffset < connection.output.count {
                let n = connection.output[connection.outputOffset...].withUnsafeBufferPointer {
                    write(connection.fd, $0.baseAddress, $0.count)
                }
                if n < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR }
                connection.outputOffset += n
                continue
            }
            if connection.file >= 0 {
                guard connection.fileRemaining > 0 else {
                    connection.finishFile()
                    continue
                }
                let want = min(chunk.count, connection.fileRemaining)
                let n = chunk.withUnsafeMutableBytes { read(connection.file, $0.baseAddress, want) }
                if n <= 0 {
                    // The file shrank while it was sent: the promised length cannot be kept.
                    connection.finishFile()
                    return false
                }
                connection.fileRemaining -= n
                connection.output = Array(chunk[0..<n])
                connection.outputOffset = 0
                continue
            }
            // The exchange is complete.
            connection.output = []
            connection.outputOffset = 0
            guard connection.keepAlive else { return false }
            connection.deadline = Date().addingTimeInterval(Self.requestTimeout)
            // A pipelined request may already be waiting.
            if let end = Self.headerEnd(connection.input) {
                let head = Array(connection.input[..<end.headerEnd])
                connection.input.removeFirst(end.bodyStart)
                answer(connection, head)
                continue
            }
            return true
        }
    }

    /// Where the headers end: CRLF CRLF, or bare LF LF (some clients send only line feeds).
    static func headerEnd(_ bytes: [UInt8]) -> (headerEnd: Int, bodyStart: Int)? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 10 {
                if index + 1 < bytes.count, bytes[index + 1] == 10 { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// Parses one request and queues its answer.
    private func answer(_ connection: Connection, _ head: [UInt8]) {
        let lines = head.split(separator: 10, omittingEmptySubsequences: false).map { line -> String in
            var bytes = Array(line)
            if bytes.last == 13 { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        let requestLine = lines.first?.split(separator: " ", omittingEmptySubsequences: true) ?? []
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return respond(connection, 400, "Bad Request", body: Array("bad request\n".utf8), keepAlive: false)
        }
        let method = requestLine[0], target = String(requestLine[1]), version = requestLine[2]
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                return respond(connection, 400, "Bad Request", body: Array("bad header\n".utf8), keepAlive: false)
            }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let connectionHeader = headers["connection"]?.lowercased() ?? ""
        let keepAlive =
            version == "HTTP/1.1" ? !connectionHeader.contains("close") : connectionHeader.contains("keep-alive")
        // DNS rebinding: a page elsewhere that points its own name at 127.0.0.1 still sends its own Host.
        guard let host = headers["host"], isLoopbackHost(host) else {
            return respond(
                connection, 403, "Forbidden",
                body: Array("this preview answers only to 127.0.0.1:\(port) and localhost:\(port)\n".utf8),
                keepAlive: false)
        }
        guard method == "GET" || method == "HEAD" else {
            return respond(
                connection, 405, "Method Not Allowed", body: Array("only GET and HEAD\n".utf8), keepAlive: keepAlive,
                extra: "Allow: GET, HEAD\r\n")
        }
        let head = method == "HEAD"
        switch resolve(target) {
        case .file(let path):
            let file = open(path, O_RDONLY | O_CLOEXEC)
            var info = stat()
            guard file >= 0, fstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                if file >= 0 { close(file) }
                return respond(
                    connection, 404, "Not Found", body: Array("not found\n".utf8), keepAlive: keepAlive, head: head)
            }
            let size = Int(info.st_size)
            connection.output = Array(
                Self.header(200, "OK", type: Self.contentType(path), length: size, keepAlive: keepAlive).utf8)
            connection.outputOffset = 0
            connection.keepAlive = keepAlive
            if head || size == 0 {
                close(file)
            } else {
                connection.file = file
                connection.fileRemaining = size
            }
        case .redirect(let location):
            respond(
                connection, 301, "Moved Permanently", body: [], keepAlive: keepAlive, head: head,
                extra: "Location: \(location)\r\n")
        case .notFound:
            respond(connection, 404, "Not Found", body: Array("not found\n".utf8), keepAlive: keepAlive, head: head)
        case .forbidden:
            respond(connection, 403, "Forbidden", body: Array("forbidden\n".utf8), keepAlive: keepAlive, head: head)
        }
    }

    /// `127.0.0.1:PORT`, `localhost:PORT` (and `[::1]`), with the port this server listens on.
    func isLoopbackHost(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return ["127.0.0.1", "localhost"].contains { lowered == "\($0):\(port)" }
            || (port == 80 && ["127.0.0.1", "localhost"].contains(lowered))
    }

    private func respond(
        _ connection: Connection, _ status: Int, _ reason: String, body: [UInt8], keepAlive: Bool, head: Bool = false,
        extra: String = ""
    ) {
        connection.finishFile()
        connection.keepAlive = keepAlive
        connection.output = Array(
            Self.header(
                status, reason, type: "text/plain; charset=utf-8", length: body.count, keepAlive: keepAlive,
                extra: extra
            ).utf8)
        if !head { connection.output += body }
        connection.outputOffset = 0
    }

    static func header(
        _ status: Int, _ reason: String, type: String, length: Int, keepAlive: Bool, extra: String = ""
    ) -> String {
        "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(length)\r\nCache-Control: no-cache\r\n"
            + "X-Content-Type-Options: nosniff\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\(extra)\r\n"
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }
}
