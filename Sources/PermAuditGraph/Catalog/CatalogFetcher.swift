import Foundation

/// Conditional GETs of public files, no token sent: `If-None-Match` and `If-Modified-Since` from the last
/// answer, so an unchanged file costs one small request (304). Throttling, server errors and network failures
/// are retried as the Graph client retries them.
struct CatalogFetcher: Sendable {
    enum Answer: Sendable {
        case notModified
        case body(Data, etag: String?, lastModified: String?)
    }

    let transport: any HTTPTransport
    let policy: RetryPolicy
    let sleeper: ThrottleGate.Sleeper
    var deadline: Duration = .seconds(120)

    func fetch(_ url: URL, etag: String?, lastModified: String?) async throws -> Answer {
        var headers: [(name: String, value: String)] = []
        if let etag { headers.append((name: "If-None-Match", value: etag)) }
        if let lastModified { headers.append((name: "If-Modified-Since", value: lastModified)) }
        var lastProblem = ""
        for attempt in 1...max(1, policy.maxAttempts) {
            var retryAfter: Duration?
            do {
                let response = try await transport.send(TransportRequest(url: url, headers: headers, deadline: deadline))
                switch response.status {
                case 304 where etag != nil || lastModified != nil:
                    return .notModified
                case 200 where !response.body.isEmpty:
                    return .body(response.body, etag: response.headers["etag"], lastModified: response.headers["last-modified"])
                case let status where RetryPolicy.isRetryable(status: status):
                    lastProblem = "HTTP \(status)"
                    if [429, 503].contains(status) { retryAfter = RetryPolicy.retryAfter(response.headers["retry-after"]) }
                default:
                    throw SyncError(.remote, "HTTP \(response.status)" + (response.status == 200 ? " with an empty body" : ""))
                }
            } catch let error as SyncError {
                throw error
            } catch {
                lastProblem = "network error: \(GraphClient.oneLine(error))"
            }
            if attempt < policy.maxAttempts { try await sleeper(retryAfter ?? policy.backoff(afterAttempt: attempt)) }
        }
        throw SyncError(.remote, "no answer after \(policy.maxAttempts) attempts (last: \(lastProblem))")
    }
}
