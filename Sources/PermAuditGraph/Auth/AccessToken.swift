import Foundation

/// A pre-acquired bearer token, used as given. Microsoft documents access tokens as opaque to clients, so its
/// claims are read only when it parses as a JWT, and only for the tenant cross-check and the preflight.
public struct AccessToken: Sendable {
    public let value: String

    /// Refuses an empty token or one with characters no header may carry.
    public init(_ text: String) throws {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw SyncError(.configuration, "the access token is empty") }
        guard value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else {
            throw SyncError(.configuration, "the access token holds spaces or characters outside ASCII: give the token alone")
        }
        self.value = value
    }

    /// The JWT's claims, when it is one.
    public var claims: [String: Any]? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The tenant the token was issued for (`tid`), when readable.
    public var tenantId: String? { claims?["tid"] as? String }

    /// Application permissions (`roles`) and delegated scopes (`scp`), when readable.
    public var grantedPermissions: [String] {
        let roles = claims?["roles"] as? [String] ?? []
        let scopes = (claims?["scp"] as? String)?.split(separator: " ").map(String.init) ?? []
        return roles + scopes
    }
}
