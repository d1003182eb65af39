import Foundation

/// `sync --check`: what a sync would read, at the cost of a few requests, writing nothing.
public struct SyncPreflight: Sendable {
    let client: GraphClient
    let tenant: String?

    public init(client: GraphClient, tenant: String?) {
        self.client = client
        self.tenant = tenant
    }

    /// Lines for stdout: the tenant, the token's permissions when readable, the counts and the request estimate.
    public func lines() async throws -> [String] {
        let organization = CollectionSpec.organization(client.endpoint)
        let identity = try TenantIdentity(page: try await client.page(organization.firstURL, eventual: false, permission: organization.permission))
        try identity.check(given: tenant, token: client.token)
        let principals = CollectionSpec.servicePrincipals(client.endpoint)
        let grants = CollectionSpec.grants(client.endpoint)
        let principalCount = try await client.count(principals.countURL!, permission: principals.permission)
        let grantCount = try await client.count(grants.countURL!, permission: grants.permission)
        let pages = Self.pages(principalCount) + Self.pages(grantCount)
        let permissions = client.token.grantedPermissions
        return [
            "graph: \(client.endpoint.base.absoluteString)",
            "tenant: \(identity.id)",
            "token permissions: " + (permissions.isEmpty ? "(not readable: the token is not a JWT)" : permissions.joined(separator: " ")),
            "service principals: \(principalCount)",
            "delegated grants: \(grantCount)",
            "estimated requests: \(pages + 5) + one per service principal that publishes app roles (at most \(principalCount))",
        ]
    }

    /// Pages of 999.
    static func pages(_ count: Int) -> Int {
        max(1, (count + 998) / 999)
    }
}
