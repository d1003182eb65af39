import PermAuditStore

extension PermissionPage {
    /// The page for a permission name (exact, case-sensitive), one entry per kind and resource; no entries
    /// when the current catalog has no such name. `propertyLimit` caps each resource's listed properties
    /// (nil lists them all); the full count is always given.
    public static func load(from database: AppDatabase, named name: String, kind: PermissionKind? = nil,
                            propertyLimit: Int? = 15) throws -> PermissionPage {
        try load(named: name, propertyLimit: propertyLimit, sources: Sources(
            details: { try database.permissionDetails(named: name, kind: kind) },
            resources: { try database.permissionResources(resourceAppId: $0.resourceAppId, kind: $0.kind, permission: $0.permission) },
            unresolved: { try database.unresolvedPaths(resourceAppId: $0.resourceAppId, kind: $0.kind, permission: $0.permission) },
            metadataAsOf: try database.metadataSnapshots().last { $0.apiVersion == "v1.0" }?.asOf,
            betaPaths: try database.betaOnlyPaths(),
            properties: database.resourceProperties(of:),
            holders: { try database.currentHolders(resourceAppId: $0.resourceAppId, kind: $0.kind, permission: $0.permission, catalogEntry: $0) }))
    }

    /// Where a page's shared parts come from: the database each time, or a cache that reads them once for
    /// many pages (PermissionPageLoader).
    struct Sources {
        /// The named permission's catalog entries.
        var details: () throws -> [PermissionDetails]
        var resources: (CatalogPermission) throws -> [PermissionResource]
        var unresolved: (CatalogPermission) throws -> [PathResolutionRow]
        var metadataAsOf: String?
        /// The paths only the beta metadata resolves (AppDatabase.betaOnlyPaths).
        var betaPaths: Set<String>
        var properties: (String) throws -> [ResourceProperty]
        var holders: (CatalogPermission) throws -> [PermissionHolding]
    }

    static func load(named name: String, propertyLimit: Int?, sources: Sources) throws -> PermissionPage {
        let entries = try sources.details().map { details in
            let permission = details.permission
            let resources = try sources.resources(permission).map { resource in
                Resource(resource, properties: try sources.properties(resource.resourceType), limit: propertyLimit,
                         metadataAsOf: sources.metadataAsOf)
            }
            return Entry(details, resources: resources, unresolved: try sources.unresolved(permission), betaPaths: sources.betaPaths,
                         holders: try sources.holders(permission))
        }
        return PermissionPage(permission: name, metadataAsOf: sources.metadataAsOf, entries: entries)
    }
}
