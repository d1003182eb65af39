import GRDB

/// How the holdings of one permission on one resource resolve, by the `permissionHolding` view's rules: the
/// resource's own published scope or role first, then the catalog. Every holding of the pair resolves the
/// same way, so callers resolve each pair once (a report reads millions of holdings of a few thousand pairs).
struct PermissionResolver {
    private(set) var published: PublishedPermissions
    let catalog: CatalogLookup
    /// Which resolutions to give: the others are dropped.
    let keep: (Resolution) -> Bool

    init(published: PublishedPermissions, catalog: CatalogLookup, keep: @escaping (Resolution) -> Bool = { _ in true }) {
        self.published = published
        self.catalog = catalog
        self.keep = keep
    }

    /// Reads what every held resource of the snapshot publishes at once: `resolve` then runs no query.
    mutating func loadHeldResources(_ resources: [Int64], present: PresentServicePrincipals) throws {
        try published.loadHeldResources(resources, present: present)
    }

    /// The rows the view gives for this permission (a scope's value or an app role's id, as granted) on
    /// this resource, those that `keep` keeps.
    mutating func resolve(_ permission: (kind: PermissionKind, name: String), on resource: PresentApp?) throws -> [Resolution] {
        if let resource { try published.load(versionKey: resource.versionKey) }
        return (permission.kind == .application ? application(permission.name, on: resource) : delegated(permission.name, on: resource))
            .filter(keep)
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

extension HoldingRows.Entry {
    init(resource: Int, _ resolution: Resolution) {
        self.init(resource: resource, permission: resolution.permission, permissionId: resolution.permissionId, kind: resolution.kind,
                  requiresAdminConsent: resolution.requiresAdminConsent, resolvedBy: resolution.resolvedBy, privilegeLevel: resolution.privilegeLevel)
    }
}
