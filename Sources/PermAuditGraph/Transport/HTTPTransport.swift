import Foundation

/// One HTTP exchange, whole: the seam between the Graph client and the network, so tests can swap it.
public protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// A request (GETs to Graph; a POST to the sign-in host for a token) with its headers and the time it may take
/// from first byte sent to last received.
public struct TransportRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: Data?
    public var deadline: Duration

    public init(method: String = "GET", url: URL, headers: [(name: String, value: String)], body: Data? = nil, deadline: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.deadline = deadline
    }
}

public struct TransportResponse: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
