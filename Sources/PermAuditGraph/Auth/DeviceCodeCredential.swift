import Foundation

/// A signed-in user's token by the device code flow (Microsoft identity platform v2.0): the user opens the
/// page shown and enters the code; permaudit polls until the sign-in is done, refused or expired.
public struct DeviceCodeCredential: Sendable {
    let login: GraphEndpoint
    let tenant: String
    let clientId: String
    let scope: String

    /// `tenant`: an id or domain, or `organizations` for any work account.
    public init(login: GraphEndpoint, tenant: String?, clientId: String, graph: GraphEndpoint) throws {
        self.login = login
        self.tenant = try SignIn.tenantSegment(tenant ?? "organizations")
        self.clientId = clientId
        scope = graph.base.absoluteString + "/.default"
    }

    /// Asks for a code, hands Microsoft's instructions to `show`, then polls at the interval Graph sets
    /// (longer after `slow_down`) until the user has signed in.
    public func token(using transport: any HTTPTransport, show: @Sendable (String) -> Void,
                      sleeper: ThrottleGate.Sleeper = { try await Task.sleep(for: $0) }) async throws -> AccessToken {
        let start = try await post(transport, "devicecode", ["client_id": clientId, "scope": scope])
        guard start.status == 200, let deviceCode = start.object["device_code"] as? String else {
            throw refusal(start)
        }
        show(start.object["message"] as? String ?? "sign in at \(start.object["verification_uri"] as? String ?? "?") with the code \(start.object["user_code"] as? String ?? "?")")
        var interval = Duration.seconds((start.object["interval"] as? NSNumber)?.intValue ?? 5)
        while true {
            try await sleeper(interval)
            let poll = try await post(transport, "token", [
                "grant_type": "urn:ietf:params:oauth:grant-type:device_code", "client_id": clientId, "device_code": deviceCode,
            ])
            if poll.status == 200, let token = poll.object["access_token"] as? String { return try AccessToken(token) }
            switch poll.object["error"] as? String {
            case "authorization_pending": continue
            case "slow_down": interval += .seconds(5)
            default: throw refusal(poll)
            }
        }
    }

    private func post(_ transport: any HTTPTransport, _ endpoint: String, _ form: [String: String]) async throws -> (status: Int, object: [String: Any]) {
        let url = URL(string: login.base.absoluteString + "/\(tenant)/oauth2/v2.0/\(endpoint)")!
        return try await SignIn.post(transport, url, form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// `expired_token`, `authorization_declined` and the like: one line, exit 2.
    private func refusal(_ answer: (status: Int, object: [String: Any])) -> SyncError {
        SignIn.refusal("device code sign-in ended", status: answer.status, answer: answer.object)
    }
}
