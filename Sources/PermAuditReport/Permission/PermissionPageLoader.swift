import PermAuditStore

/// Loads the pages of many permissions (the static site: every name in the catalog), reading what pages share
/// once: the catalog's permissions with their sources and API paths, the metadata's date, the resources and
/// unresolved paths of every permission, each resource type's properties, and every tenant's current holdings.
/// Each page equals `PermissionPage.load`'s.
public struct PermissionPageLoader: Sendable {
    private let metadataAsOf: String?
    private let betaPaths: Set<String>
    private let holders: [HolderKey: [PermissionHolding]]
    private let permissions: [String: [CatalogPermission]]
    private let details: [String: [PermissionDetails]]
    private let properties: [String: [ResourceProperty]]
    private let resources: [HolderKey: [PermissionResource]]
    private let unresolved: [HolderKey: [PathResolutionRow]]

    public init(_ database: AppDatabase) throws {
        metadataAsOf = try database.metadataSnapshots().last { $0.apiVersion == "v1.0" }?.asOf
        betaPaths = try database.betaOnlyPaths()
        holders = try database.currentHoldersByPermission()
        permissions = try database.currentCatalogPermissions()
        details = Dictionary(grouping: try database.allPermissionDetails(of: permissions.values.flatMap { $0 }), by: \.permission.permission)
        properties = try database.allResourceProperties()
        resources = try database.allPermissionResources()
        unresolved = try database.allUnresolvedPaths()
    }

    public func page(named name: String, propertyLimit: Int?) throws -> PermissionPage {
        let sources = PermissionPage.Sources(
            details: { [details] in details[name] ?? [] },
            resources: { [resources] in resources[Self.key($0)] ?? [] },
            unresolved: { [unresolved] in unresolved[Self.key($0)] ?? [] },
            metadataAsOf: metadataAsOf,
            betaPaths: betaPaths,
            properties: { [properties] in properties[$0] ?? [] },
            holders: { [holders] in holders[Self.key($0)] ?? [] })
        return try PermissionPage.load(named: name, propertyLimit: propertyLimit, sources: sources)
    }

    private static func key(_ permission: CatalogPermission) -> HolderKey {
        HolderKey(resourceAppId: permission.resourceAppId, kind: permission.kind, permission: permission.permission)
    }

    /// The kinds the current catalog has of a name (none when it has no such name).
    public func kinds(of name: String) -> Set<PermissionKind> {
        Set((permissions[name] ?? []).map(\.kind))
    }
}
