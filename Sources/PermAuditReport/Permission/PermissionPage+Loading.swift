import PermAuditStore

extension PermissionPage {
    /// The page for a permission name (exact, case-sensitive), one entry per kind and resource; no entries
    /// when the current catalog has no such name. `propertyLimit` caps each resource's listed properties
    /// (nil lists them all); the full count is always given.
    public static func load(from database: AppDatabase, named name: String, kind: PermissionKind? = nil,
                            propertyLimit: Int? = 15) throws -> PermissionPage {
        let metadataAsOf = try database.metadataSnapshots().last { $0.apiVersion == "v1.0" }?.asOf
        let entries = try database.permissionDetails(named: name, kind: kind).map { details in
            let permission = details.permission
            let resources = try database.permissionResources(
                resourceAppId: permission.resourceAppId, kind: permission.kind, permission: permission.permission
            ).map { resource in
                Resource(resource, properties: try database.resourceProperties(of: resource.resourceType),
                         limit: propertyLimit, metadataAsOf: metadataAsOf)
            }
            let holders = try database.currentHolders(
                resourceAppId: permission.resourceAppId, kind: permission.kind, permission: permission.permission)
            let unresolved = try database.unresolvedPaths(
                resourceAppId: permission.resourceAppId, kind: permission.kind, permission: permission.permission)
            return Entry(details, resources: resources, unresolved: unresolved, holders: holders)
        }
        return PermissionPage(permission: name, metadataAsOf: metadataAsOf, entries: entries)
    }
}
