import Foundation

/// An application's token from its client secret (OAuth 2.0 client credentials, Microsoft identity platform v2.0):
/// the secret goes only to the sign-in host, the token only to Graph.
public struct ClientSecretCredential: Sendable {
    let tokenURL: URL
    let clientId: String
    let secret: String
    /// `{graph}/.default`: the application permissions granted to the app on that Graph.
    let scope: String

    /// `login`: the sign-in origin (checked like the Graph URL); `tenant`: its id or a verified domain.
    public init(login: GraphEndpoint, tenant: String, clientId: String, secret: String, graph: GraphEndpoint) throws {
        let tenant = try SignIn.tenantSegment(tenant)
        let secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw SyncError(.configuration, "the client secret is empty") }
        tokenURL = URL(string: login.base.absoluteString + "/\(tenant)/oauth2/v2.0/token")!
        self.clientId = clientId
        self.secret = secret
        scope = graph.base.absoluteString + "/.default"
    }

    /// A new token; a refusal is one line with Microsoft's AADSTS code, never the secret.
    public func token(using transport: any HTTPTransport) async throws -> AccessToken {
        try await SignIn.applicationToken(transport, tokenURL, clientId: clientId, [("scope", scope), ("client_secret", secret)])
    }
}
