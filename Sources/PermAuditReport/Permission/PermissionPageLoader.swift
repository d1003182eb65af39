import PermAuditStore

/// Loads the pages of many permissions (the static site: every name in the catalog), reading what pages share
/// once: the catalog's permissions, the metadata's date, each resource type's properties, and every tenant's
/// current holdings. Each page
/// equals `PermissionPage.load`'s.
public final class PermissionPageLoader {
    private let database: AppDatabase
    private let metadataAsOf: String?
    private let holders: [HolderKey: [PermissionHolding]]
    private let permissions: [String: [CatalogPermission]]
    private var properties: [String: [ResourceProperty]] = [:]

    public init(_ database: AppDatabase) throws {
        self.database = database
        metadataAsOf = try database.metadataSnapshots().last { $0.apiVersion == "v1.0" }?.asOf
        holders = try database.currentHoldersByPermission()
        permissions = try database.currentCatalogPermissions()
    }

    public func page(named name: String, propertyLimit: Int?) throws -> PermissionPage {
        let sources = PermissionPage.Sources(
            details: { [database, permissions] in try database.permissionDetails(of: permissions[name] ?? []) },
            metadataAsOf: metadataAsOf,
            properties: { [unowned self] type in try self.properties(of: type) },
            holders: { [holders] in holders[HolderKey(resourceAppId: $0.resourceAppId, kind: $0.kind, permission: $0.permission)] ?? [] })
        return try PermissionPage.load(from: database, named: name, propertyLimit: propertyLimit, sources: sources)
    }

    /// The kinds the current catalog has of a name (none when it has no such name).
    public func kinds(of name: String) -> Set<PermissionKind> {
        Set((permissions[name] ?? []).map(\.kind))
    }

    private func properties(of type: String) throws -> [ResourceProperty] {
        if let cached = properties[type] { return cached }
        let read = try database.resourceProperties(of: type)
        properties[type] = read
        return read
    }
}
