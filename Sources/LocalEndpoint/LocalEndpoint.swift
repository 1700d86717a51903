import FoundationEssentials
import Glibc
import PostDeckCore
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 that records every request and answers as its
/// script says: the "network" that the worker's tests and `postdeck bench` publish to.
/// Keep-alive, `Content-Length` bodies and `Expect: 100-continue` are handled; nothing
/// else of HTTP is (no chunked bodies, no TLS). Never for production use.
///
/// One thread accepts, one thread serves each connection; a response may be delayed to
/// play a slow network.
public final class LocalEndpoint: Sendable {
    /// Decides the answer to a request; called on the connection's thread.
    public typealias Script = @Sendable (Request) -> Response

    /// The port the server listens on (chosen by the kernel).
    public let port: UInt16
    private let listener: Int32
    private let script: Script
    private let state = Mutex(State())

    private struct State {
        var requests: [Request] = []
        var connections: Set<Int32> = []
        var stopped = false
    }

    /// Starts listening on an ephemeral port of 127.0.0.1.
    public init(script: @escaping Script) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure("socket: \(String(cString: strerror(errno)))") }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 512) == 0 else {
            let message = String(cString: strerror(errno))
            close(socket)
            throw Failure("bind/listen: \(message)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = socket
        self.script = script
        // Without a thread, deinit closes the socket.
        guard DetachedThread.start({ [self] in acceptLoop() }) else { throw Failure("no thread to accept connections on") }
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received so far, in the order they were read.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Waits (polling every 10 ms) until the recorded requests satisfy `condition`, or
    /// `timeout` passes; returns whether they did.
    @discardableResult
    public func wait(timeout: Duration = .seconds(10), until condition: ([Request]) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if condition(requests) { return true }
            if ContinuousClock.now >= deadline { return false }
            usleep(10_000)
        }
    }

    /// Stops accepting and closes every open connection. Safe to call twice.
    public func stop() {
        let open: Set<Int32>? = state.withLock { state in
            guard !state.stopped else { return nil }
            state.stopped = true
            return state.connections
        }
        guard let open else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
    }

    // MARK: Serving

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            var noDelay: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connections.insert(connection)
                return true
            }
            guard accepted else { close(connection); return }
            if !DetachedThread.start({ [self] in serve(connection) }) {
                state.withLock { _ = $0.connections.remove(connection) }
                close(connection)
            }
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            state.withLock { _ = $0.connections.remove(connection) }
            close(connection)
        }
        var reader = RequestReader(socket: connection)
        while let request = reader.next() {
            state.withLock { $0.requests.append(request) }
            let response = script(request)
            if let delay = response.delay {
                usleep(UInt32(clamping: delay.components.seconds * 1_000_000 + delay.components.attoseconds / 1_000_000_000_000))
            }
            guard writeAll(connection, response.encoded(keepAlive: request.keepAlive)) else { return }
            if !request.keepAlive { return }
        }
    }

    private func writeAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Why the server could not start.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}

extension LocalEndpoint {
    /// One request as it arrived.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        /// Header names in lower case.
        public let headers: [String: String]
        public let body: [UInt8]

        public var keepAlive: Bool { headers["connection"]?.lowercased() != "close" }

        /// The body parsed as a JSON object, or nil.
        public var json: [String: Any]? {
            JSONAny.parse(String(decoding: body, as: UTF8.self)) as? [String: Any]
        }
    }

    /// What to answer.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Waits this long before answering (a slow network).
        public var delay: Duration?

        public init(status: Int, headers: [(String, String)] = [], body: String = "", delay: Duration? = nil) {
            self.status = status
            self.headers = headers
            self.body = Array(body.utf8)
            self.delay = delay
        }

        /// A 200 with a JSON body.
        public static func json(_ text: String, status: Int = 200, delay: Duration? = nil) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")], body: text, delay: delay)
        }

        func encoded(keepAlive: Bool) -> [UInt8] {
            var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Length: \(body.count)\r\n"
            head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            return Array((head + "\r\n").utf8) + body
        }

        private static func reason(_ status: Int) -> String {
            switch status {
            case 200: "OK"
            case 201: "Created"
            case 400: "Bad Request"
            case 401: "Unauthorized"
            case 404: "Not Found"
            case 422: "Unprocessable Entity"
            case 429: "Too Many Requests"
            case 500: "Internal Server Error"
            case 502: "Bad Gateway"
            case 503: "Service Unavailable"
            default: "Status"
            }
        }
    }
}

/// Reads requests one after another from a kept-alive connection.
private struct RequestReader {
    let socket: Int32
    private var buffer: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    /// The next request, or nil when the peer closed the connection or sent garbage.
    mutating func next() -> LocalEndpoint.Request? {
        guard let headerEnd = readUntilHeaderEnd() else { return nil }
        let head = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        buffer.removeFirst(headerEnd + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingSpaces()
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        if headers["expect"]?.lowercased() == "100-continue" {
            let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
            _ = continueLine.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return .init(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
    }

    private mutating func readUntilHeaderEnd() -> Int? {
        var searchFrom = 0
        while true {
            if buffer.count >= 4 {
                for index in searchFrom...(buffer.count - 4)
                where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                    return index
                }
                searchFrom = buffer.count - 3
            }
            guard fill() else { return nil }
        }
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }
}
