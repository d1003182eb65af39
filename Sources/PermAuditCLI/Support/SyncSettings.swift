import Foundation
import PermAuditGraph

/// A checked connection: makes the one HTTP client of the run and always shuts it down.
struct SyncSettings: Sendable {
    let endpoint: GraphEndpoint
    let token: AccessToken
    /// A token file read again when Graph refuses the token (another program may renew it); nil for stdin or the environment.
    let tokenFile: String?
    let concurrency: Int
    let maxAttempts: Int

    func withClient<T: Sendable>(_ work: (GraphClient) async throws -> T) async throws -> T {
        let transport = AsyncHTTPTransport()
        var renew: (@Sendable () async -> AccessToken?)?
        if let path = tokenFile {
            renew = { @Sendable in (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { try? AccessToken($0) } }
        }
        let client = GraphClient(endpoint: endpoint, transport: transport, token: token, renewToken: renew,
                                 policy: RetryPolicy(maxAttempts: maxAttempts), concurrency: concurrency)
        do {
            let result = try await work(client)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
