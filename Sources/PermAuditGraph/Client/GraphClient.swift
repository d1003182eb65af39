import Foundation

/// GETs against Graph with the token, only on the configured origin, retried as Graph asks: `Retry-After` as
/// one pause shared by all workers, else backoff with jitter; bounded attempts and a deadline per request.
public struct GraphClient: Sendable {
    public let endpoint: GraphEndpoint
    let transport: any HTTPTransport
    /// The token the run started with: its tenant is checked against Graph's.
    let token: AccessToken
    let tokens: TokenHolder
    let policy: RetryPolicy
    let gate: ThrottleGate
    let sleeper: ThrottleGate.Sleeper
    let deadline: Duration
    let slots: ConcurrencyLimit
    public let tally = RequestTally()

    /// `renewToken`: where a new token comes from when Graph refuses the current one (a token file read
    /// again); without it a refused token ends the run.
    public init(endpoint: GraphEndpoint, transport: any HTTPTransport, token: AccessToken, renewToken: (@Sendable () async -> AccessToken?)? = nil,
                policy: RetryPolicy = RetryPolicy(), concurrency: Int = 4, deadline: Duration = .seconds(120),
                sleeper: @escaping ThrottleGate.Sleeper = { try await Task.sleep(for: $0) }) {
        self.endpoint = endpoint
        self.transport = transport
        self.token = token
        self.tokens = TokenHolder(token, renew: renewToken)
        self.policy = policy
        self.sleeper = sleeper
        self.gate = ThrottleGate(sleeper: sleeper)
        self.deadline = deadline
        self.slots = ConcurrencyLimit(concurrency)
    }

    /// One page of a collection. `permission` names what a 403 lacks.
    public func page(_ url: URL, eventual: Bool, permission: String) async throws -> GraphPage {
        try await get(url, eventual: eventual, permission: permission) { body in GraphPage(body: body) }
    }

    /// One object (not a listing): a 200 whose body is a JSON object other than an error.
    public func object(_ url: URL, permission: String) async throws -> Data {
        try await get(url, eventual: false, permission: permission) { body in
            (try? JSONSerialization.jsonObject(with: body)) is [String: Any] && GraphErrorBody(body) == nil ? body : nil
        }
    }

    /// A `/$count` answer: a bare integer.
    public func count(_ url: URL, permission: String) async throws -> Int {
        try await get(url, eventual: true, permission: permission) { body in
            Int(String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Sends until a 200 whose body `parse` accepts; a 200 it refuses (not JSON, an error object, cut short)
    /// is retried like a 503.
    private func get<T>(_ url: URL, eventual: Bool, permission: String, parse: (Data) -> T?) async throws -> T {
        guard endpoint.owns(url) else {
            throw SyncError(.remote, "Graph sent a link to another host (\(url.host ?? "?")): refused, the token goes only to \(endpoint.base.absoluteString)")
        }
        var headers = [(name: "Accept", value: "application/json")]
        if eventual { headers.append((name: "ConsistencyLevel", value: "eventual")) }
        var lastProblem = ""
        for attempt in 1...max(1, policy.maxAttempts) {
            await gate.waitIfPaused()
            let token = await tokens.current
            let request = TransportRequest(url: url, headers: headers + [(name: "Authorization", value: "Bearer " + token.value)], deadline: deadline)
            await tally.request(retry: attempt > 1)
            let response: TransportResponse
            do {
                response = try await send(request)
            } catch {
                lastProblem = "network error: \(Self.oneLine(error))"
                try await backOff(after: attempt, retryAfter: nil)
                continue
            }
            if response.status == 200 {
                await tally.answered()
                if let value = parse(response.body) { return value }
                lastProblem = GraphErrorBody(response.body).map { "200 with an error: \($0.summary)" } ?? "200 with a body that is not a Graph answer"
                try await backOff(after: attempt, retryAfter: nil)
                continue
            }
            if response.status == 401, attempt < policy.maxAttempts, await tokens.renewed(after: token) {
                lastProblem = "HTTP 401"
                continue
            }
            try refuse(response, url: url, permission: permission, tokenWasAccepted: await tally.accepted)
            lastProblem = "HTTP \(response.status)" + (GraphErrorBody(response.body).map { " \($0.summary)" } ?? "")
            let retryAfter = [429, 503].contains(response.status) ? RetryPolicy.retryAfter(response.headers["retry-after"]) : nil
            try await backOff(after: attempt, retryAfter: retryAfter)
        }
        throw SyncError(.remote, "GET \(Self.shown(url)): no answer after \(policy.maxAttempts) attempts (last: \(lastProblem))")
    }

    /// One exchange inside a concurrency slot.
    private func send(_ request: TransportRequest) async throws -> TransportResponse {
        await slots.acquire()
        do {
            let response = try await transport.send(request)
            await slots.release()
            return response
        } catch {
            await slots.release()
            throw error
        }
    }

    /// Throws for a status no retry can fix; returns for one worth retrying.
    private func refuse(_ response: TransportResponse, url: URL, permission: String, tokenWasAccepted: Bool) throws {
        let error = GraphErrorBody(response.body)
        let detail = error.map { " (\($0.summary))" } ?? ""
        switch response.status {
        case _ where RetryPolicy.isRetryable(status: response.status):
            return
        case 401 where tokenWasAccepted:
            // A pre-acquired token cannot be renewed here; the pages read so far stay for --resume.
            throw SyncError(.remote, "Graph refused the token during the sync (401)\(detail): it has expired; get a new one and run permaudit sync --resume")
        case 401:
            throw SyncError(.configuration, "Graph refused the token (401)\(detail): it has expired or is not for \(endpoint.base.absoluteString); get a new one")
        case 403:
            throw SyncError(.configuration, "Graph denied GET \(Self.shown(url)) (403)\(detail): the token needs the \(permission) permission")
        case 400 where error?.isPageTokenLoss == true:
            throw SyncError(.pageTokenExpired, "GET \(Self.shown(url)): Graph no longer knows the page token\(detail)")
        case 404:
            throw SyncError(.notFound, "GET \(Self.shown(url)): not found (404)\(detail)")
        default:
            throw SyncError(.remote, "GET \(Self.shown(url)): HTTP \(response.status)\(detail)")
        }
    }

    /// Waits before the next attempt; throws nothing itself, the caller gives up after the last attempt.
    private func backOff(after attempt: Int, retryAfter: Duration?) async throws {
        guard attempt < policy.maxAttempts else { return }
        if let retryAfter {
            await tally.throttled(retryAfter)
            await gate.pause(for: retryAfter)
        } else {
            try await sleeper(policy.backoff(afterAttempt: attempt))
        }
    }

    /// The path without its query: skip tokens are long and say nothing to the reader.
    static func shown(_ url: URL) -> String {
        url.path
    }

    static func oneLine(_ error: any Error) -> String {
        String(String(describing: error).prefix(200))
    }
}
