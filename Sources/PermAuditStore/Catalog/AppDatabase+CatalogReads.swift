import GRDB

extension AppDatabase {
    /// Every catalog snapshot, oldest first within each source.
    public func catalogSnapshots() throws -> [CatalogSnapshotSummary] {
        try writer.read { db in
            try CatalogSnapshotSummary.fetchAll(db, sql: """
                SELECT s.id, s.source, s.resourceAppId, s.asOf, s.contentHash, s.importedAt,
                       group_concat(p.part, ',') AS parts, total(p.entryCount) AS entryCount
                FROM catalogSnapshot s
                LEFT JOIN (SELECT * FROM catalogSnapshotPart ORDER BY part) p ON p.snapshotKey = s.id
                GROUP BY s.id
                ORDER BY s.source, s.asOf, s.id
                """)
        }
    }

    /// The current catalog's page data for a permission name (exact, case-sensitive), one per kind and resource.
    public func permissionDetails(named name: String, kind: PermissionKind? = nil) throws -> [PermissionDetails] {
        try writer.read { db in
            let permissions = try CatalogPermission.fetchAll(db, sql: """
                SELECT * FROM catalogPermission
                WHERE permission = ? AND (? IS NULL OR kind = ?)
                ORDER BY resourceAppId, kind
                """, arguments: [name, kind?.rawValue, kind?.rawValue])
            return try permissions.map { try Self.details(db, of: $0) }
        }
    }

    /// Every permission of the current catalog, by name, each name's in `permissionDetails`' order: the
    /// catalogPermission view read once, for a site that shows them all (reading it per name costs as much).
    public func currentCatalogPermissions() throws -> [String: [CatalogPermission]] {
        let all = try writer.read { db in
            try CatalogPermission.fetchAll(db, sql: "SELECT * FROM catalogPermission ORDER BY permission, resourceAppId, kind")
        }
        return Dictionary(grouping: all, by: \.permission)
    }

    /// `permissionDetails` for permissions already read.
    public func permissionDetails(of permissions: [CatalogPermission]) throws -> [PermissionDetails] {
        try writer.read { db in try permissions.map { try Self.details(db, of: $0) } }
    }

    private static func details(_ db: Database, of permission: CatalogPermission) throws -> PermissionDetails {
        let sources = try SourceStatement.fetchAll(db, sql: """
            SELECT s.source, s.asOf, v.scheme, v.permissionId, v.requiresAdminConsent, v.type,
                   v.privilegeLevel, v.isEnabled
            FROM latestCatalogSnapshot s
            JOIN catalogSnapshotEntry e ON e.snapshotKey = s.id
            JOIN permissionVersion v ON v.id = e.versionKey
            WHERE v.permissionKey = ?
            ORDER BY s.source, v.scheme
            """, arguments: [permission.permissionKey])
        let paths = try PermissionApiPath.fetchAll(db, sql: """
            SELECT DISTINCT scheme, method, path, schemeKeys, leastPrivilegeSchemes, alsoRequires
            FROM permissionApiPath
            WHERE resourceAppId = ? AND kind = ? AND permission = ?
            ORDER BY path, method, scheme
            """, arguments: [permission.resourceAppId, permission.kind.rawValue, permission.permission])
        return PermissionDetails(permission: permission, sources: sources, apiPaths: paths)
    }

    /// The names of every permission in the current catalog, for suggestions.
    public func currentPermissionNames() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT permission FROM catalogPermission ORDER BY permission")
        }
    }
}
