import GRDB

/// How the holdings of one permission on one resource resolve, by the `permissionHolding` view's rules: the
/// resource's own published scope or role first, then the catalog. Every holding of the pair resolves the
/// same way, so each pair is resolved once (a report reads half a million holdings of a few thousand pairs).
struct PermissionResolver {
    let published: PublishedPermissions
    let catalog: CatalogLookup
    /// Which resolutions to give: the others are dropped once, for every holding of their pair.
    let keep: (Resolution) -> Bool
    private var resolved: [Pair: [Resolution]] = [:]

    private struct Pair: Hashable {
        var resourceKey: Int64
        var permissionKey: Int64
    }

    init(published: PublishedPermissions, catalog: CatalogLookup, keep: @escaping (Resolution) -> Bool = { _ in true }) {
        self.published = published
        self.catalog = catalog
        self.keep = keep
    }

    /// The rows the view gives for this permission on this resource, those that `keep` keeps. `details` (the
    /// permission as granted, a scope's value or an app role's id, and the resource) is read only the first
    /// time the pair is seen.
    mutating func resolve(resourceKey: Int64, permissionKey: Int64,
                          details: () throws -> (permission: (kind: PermissionKind, name: String), resource: PresentApp?)) rethrows -> [Resolution] {
        let pair = Pair(resourceKey: resourceKey, permissionKey: permissionKey)
        if let known = resolved[pair] { return known }
        let (permission, resource) = try details()
        let resolutions = (permission.kind == .application ? application(permission.name, on: resource) : delegated(permission.name, on: resource))
            .filter(keep)
        resolved[pair] = resolutions
        return resolutions
    }

    private func delegated(_ scope: String, on resource: PresentApp?) -> [Resolution] {
        let scopes = resource.map { published.scopes(versionKey: $0.versionKey, value: scope) } ?? []
        let entries = resource?.appId.map { catalog.delegated(resourceAppId: $0, permission: scope) } ?? []
        return Self.optionalRows(scopes).flatMap { published in
            Self.optionalRows(entries).map { Resolution.delegated(scope, scope: published, catalog: $0) }
        }
    }

    private func application(_ appRoleId: String, on resource: PresentApp?) -> [Resolution] {
        let role = resource.flatMap { published.role(versionKey: $0.versionKey, id: appRoleId) }
        let entries = resource?.appId.map { catalog.application(resourceAppId: $0, permissionId: appRoleId) } ?? []
        return Self.optionalRows(entries).map { Resolution.application(appRoleId, role: role, catalog: $0) }
    }

    /// A LEFT JOIN's rows: each match, or one row of NULLs when nothing matches.
    private static func optionalRows<T>(_ matches: [T]) -> [T?] {
        matches.isEmpty ? [nil] : matches.map { $0 }
    }
}

/// How one permission on one resource resolved.
struct Resolution {
    var permission: String?
    var permissionId: String?
    var kind: PermissionKind
    var requiresAdminConsent: Bool?
    var resolvedBy: String?
    var privilegeLevel: Int?

    static func delegated(_ scopeValue: String, scope: PublishedScope?, catalog entry: CatalogEntry?) -> Resolution {
        Resolution(
            permission: scopeValue, permissionId: scope?.id ?? entry?.permissionId, kind: .delegated,
            requiresAdminConsent: scope.map { $0.type.map { $0 == "Admin" } } ?? entry?.requiresAdminConsent,
            resolvedBy: scope != nil ? "resourceServicePrincipal" : entry?.requiresAdminConsentSource,
            privilegeLevel: entry?.privilegeLevel)
    }

    static func application(_ appRoleId: String, role: PublishedRole?, catalog entry: CatalogEntry?) -> Resolution {
        Resolution(
            permission: role?.value ?? entry?.permission, permissionId: appRoleId, kind: .application,
            requiresAdminConsent: role != nil || entry != nil ? true : nil,
            resolvedBy: role != nil ? "resourceServicePrincipal" : entry != nil ? "catalog" : nil,
            privilegeLevel: entry?.privilegeLevel)
    }
}
