import Foundation
import PermAuditGraph

/// A checked connection: makes the one HTTP client of the run and always shuts it down.
struct SyncSettings: Sendable {
    let endpoint: GraphEndpoint
    let token: AccessToken
    let concurrency: Int
    let maxAttempts: Int

    func withClient<T: Sendable>(_ work: (GraphClient) async throws -> T) async throws -> T {
        let transport = AsyncHTTPTransport()
        let client = GraphClient(endpoint: endpoint, transport: transport, token: token, policy: RetryPolicy(maxAttempts: maxAttempts),
                                 concurrency: concurrency)
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
