import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The transport over AsyncHTTPClient: one client for the process, redirects refused (a redirect would carry
/// the token to a host the Graph client never checked), gzip accepted with a bounded expansion.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    /// The largest body read; a bigger one is an error rather than unbounded memory.
    private let maxBodyBytes: Int

    public init(maxBodyBytes: Int = 256 << 20) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            decompression: .enabled(limit: .ratio(100)))
        configuration.httpVersion = .automatic
        // A refused connection fails the attempt at once; the Graph client's backoff decides when to try again
        // (by default the pool would keep reconnecting until the request's deadline).
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maxBodyBytes = maxBodyBytes
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        outgoing.headers.add(name: "Accept-Encoding", value: "gzip")
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        let milliseconds = request.deadline.components.seconds * 1000 + request.deadline.components.attoseconds / 1_000_000_000_000_000
        let response = try await client.execute(outgoing, deadline: .now() + .milliseconds(milliseconds))
        let body = try await response.body.collect(upTo: maxBodyBytes)
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name.lowercased()] = value }
        return TransportResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
    }

    /// Closes the client's connections; call once, when the sync is over.
    public func shutdown() async {
        try? await client.shutdown()
    }
}
