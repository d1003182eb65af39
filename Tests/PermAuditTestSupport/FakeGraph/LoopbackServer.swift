import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request as the fake server read it: method, target (path and query, as sent) and headers (names lower-cased).
public struct FakeRequest: Sendable {
    public var method: String
    public var target: String
    public var headers: [String: String]
    public var body = Data()

    public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
    public var query: [String: String] {
        guard let components = URLComponents(string: "http://x" + target) else { return [:] }
        var values: [String: String] = [:]
        for item in components.queryItems ?? [] { values[item.name] = item.value ?? "" }
        return values
    }
}

/// What the fake server does with a request: answer it, or fail at the byte level.
public enum FakeReply: Sendable {
    case respond(status: Int, headers: [String: String], body: Data)
    /// Declares the whole body's length, sends `sending` bytes of it, then closes.
    case cut(status: Int, body: Data, sending: Int)
    /// Closes with a TCP reset before any answer.
    case reset
    /// Says nothing for `seconds`, then closes.
    case stall(seconds: Double)

    public static func json(_ status: Int, _ body: Data, headers: [String: String] = [:]) -> FakeReply {
        .respond(status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: body)
    }
}

/// A bare HTTP/1.1 server on 127.0.0.1 (never another address), one thread per connection, one request per
/// connection: small enough to fail in exactly the ways a test asks.
public final class LoopbackServer: @unchecked Sendable {
    public let port: UInt16
    private let socket: Int32
    private let handler: @Sendable (FakeRequest) -> FakeReply
    private let stopping = NSLock()
    private var stopped = false

    public init(handler: @escaping @Sendable (FakeRequest) -> FakeReply) throws {
        self.handler = handler
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 64) == 0 else { close(socket); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then closed without listening): connections to it are refused.
    public static func closedPort() -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 ? getsockname(socket, $0, &length) : -1 }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Stops accepting; connections being answered finish on their own.
    public func stop() {
        stopping.lock(); defer { stopping.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let connection = accept(socket, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = Self.readRequest(connection) else { return }
        switch handler(request) {
        case .respond(let status, let headers, let body):
            Self.write(connection, Self.head(status, headers, length: body.count) + body)
        case .cut(let status, let body, let sending):
            Self.write(connection, Self.head(status, ["Content-Type": "application/json"], length: body.count) + body.prefix(sending))
        case .reset:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        case .stall(let seconds):
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    private static func head(_ status: Int, _ headers: [String: String], length: Int) -> Data {
        var text = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\nContent-Length: \(length)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private static func readRequest(_ connection: Int32) -> FakeRequest? {
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.range(of: Data("\r\n\r\n".utf8)) == nil {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0, bytes.count < 65536 else { return nil }
            bytes.append(contentsOf: buffer[0..<count])
        }
        let headEnd = bytes.range(of: Data("\r\n\r\n".utf8))!
        let lines = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let first = lines[0].split(separator: " ")
        guard first.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(bytes[headEnd.upperBound...])
        let length = min(Int(headers["content-length"] ?? "0") ?? 0, 65536)
        while body.count < length {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return nil }
            body.append(contentsOf: buffer[0..<count])
        }
        return FakeRequest(method: String(first[0]), target: String(first[1]), headers: headers, body: body)
    }

    private static func write(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(connection, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}

extension FakeReply {
    /// The same answer with one more header.
    public func withHeader(_ name: String, _ value: String) -> FakeReply {
        guard case .respond(let status, var headers, let body) = self else { return self }
        headers[name] = value
        return .respond(status: status, headers: headers, body: body)
    }
}
