import Foundation
import PermAuditGraph

/// A checked connection: makes the one HTTP client of the run and always shuts it down.
struct SyncSettings: Sendable {
    enum Credential: Sendable {
        /// A token given as is; a token file is read again when Graph refuses the token (another program may renew it).
        case token(AccessToken, file: String?)
        /// An application's client secret: a token fetched at the start and again when Graph refuses it.
        case clientSecret(ClientSecretCredential)
        /// An application's certificate: a signed client assertion buys each token.
        case certificate(CertificateCredential)
        /// A user signed in by the device code flow; not renewed (a refused token ends the run, resumable).
        case deviceCode(DeviceCodeCredential)
    }

    let endpoint: GraphEndpoint
    let credential: Credential
    let concurrency: Int
    let maxAttempts: Int

    func withClient<T: Sendable>(_ work: (GraphClient) async throws -> T) async throws -> T {
        try await Self.withTransport { transport in try await work(try await client(using: transport)) }
    }

    /// Signs in over `transport` and makes the Graph client of the run.
    func client(using transport: AsyncHTTPTransport) async throws -> GraphClient {
        let (token, renew) = try await signIn(transport)
        return GraphClient(endpoint: endpoint, transport: transport, token: token, renewToken: renew,
                           policy: RetryPolicy(maxAttempts: maxAttempts), concurrency: concurrency)
    }

    /// The one HTTP client of the run, shut down however `work` ends.
    static func withTransport<T: Sendable>(_ work: (AsyncHTTPTransport) async throws -> T) async throws -> T {
        let transport = AsyncHTTPTransport()
        do {
            let result = try await work(transport)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    private func signIn(_ transport: AsyncHTTPTransport) async throws -> (AccessToken, (@Sendable () async -> AccessToken?)?) {
        switch credential {
        case .token(let token, let file):
            guard let file else { return (token, nil) }
            return (token, { @Sendable in (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { try? AccessToken($0) } })
        case .clientSecret(let credential):
            return (try await credential.token(using: transport), { @Sendable in try? await credential.token(using: transport) })
        case .certificate(let credential):
            return (try await credential.token(using: transport), { @Sendable in try? await credential.token(using: transport) })
        case .deviceCode(let credential):
            // Shown whatever --quiet says: the user must act on it.
            return (try await credential.token(using: transport, show: { Console.note($0) }), nil)
        }
    }
}
