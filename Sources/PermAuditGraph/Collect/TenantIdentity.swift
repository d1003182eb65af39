import Foundation

/// The tenant Graph says the token reads (GET /organization), checked against `--tenant` and the token's `tid`.
struct TenantIdentity: Sendable {
    var id: String
    var domains: [String]

    init(page: GraphPage) throws {
        let object = (try? JSONSerialization.jsonObject(with: page.body)) as? [String: Any]
        let organizations = object?["value"] as? [[String: Any]] ?? []
        guard organizations.count == 1, let id = organizations[0]["id"] as? String, !id.isEmpty else {
            throw SyncError(.remote, "GET /v1.0/organization gave \(organizations.count) organizations, not the token's one tenant")
        }
        self.id = id
        domains = (organizations[0]["verifiedDomains"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    /// Throws when `--tenant` or the token's `tid` names another tenant.
    func check(given: String?, token: AccessToken) throws {
        if let tid = token.tenantId, tid.lowercased() != id.lowercased() {
            throw SyncError(.configuration, "the token was issued for tenant \(tid), but Graph answers for tenant \(id)")
        }
        if let given, given.lowercased() != id.lowercased(), !domains.contains(where: { $0.lowercased() == given.lowercased() }) {
            throw SyncError(.configuration, "--tenant \(given): the token reads tenant \(id), which has no such id or verified domain")
        }
    }
}
