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

    private static func details(_ db: Database, of permission: CatalogPermission) throws -> PermissionDetails {
        let sources = try SourceStatement.fetchAll(db, sql: """
            SELECT \(sourceColumns)
            WHERE v.permissionKey = ?
            ORDER BY s.source, v.scheme
            """, arguments: [permission.permissionKey])
        let paths = try PermissionApiPath.fetchAll(db, sql: """
            SELECT DISTINCT \(pathColumns)
            WHERE resourceAppId = ? AND kind = ? AND permission = ?
            ORDER BY path, method, scheme
            """, arguments: [permission.resourceAppId, permission.kind.rawValue, permission.permission])
        return PermissionDetails(permission: permission, sources: sources, apiPaths: paths)
    }

    private static let sourceColumns = """
        s.source, s.asOf, v.scheme, v.permissionId, v.requiresAdminConsent, v.type, v.privilegeLevel, v.isEnabled
        FROM latestCatalogSnapshot s
        JOIN catalogSnapshotEntry e ON e.snapshotKey = s.id
        JOIN permissionVersion v ON v.id = e.versionKey
        """

    private static let pathColumns = "scheme, method, path, schemeKeys, leastPrivilegeSchemes, alsoRequires FROM permissionApiPath"

    /// `permissionDetails` of every permission already read, in two reads instead of two per permission.
    public func allPermissionDetails(of permissions: [CatalogPermission]) throws -> [PermissionDetails] {
        try writer.read { db in
            var sources: [Int64: [SourceStatement]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT v.permissionKey AS forKey, \(Self.sourceColumns) ORDER BY v.permissionKey, s.source, v.scheme") {
                sources[row["forKey"], default: []].append(try SourceStatement(row: row))
            }
            var paths: [HolderKey: [PermissionApiPath]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT resourceAppId AS forAppId, kind AS forKind, permission AS forPermission, \(Self.pathColumns)
                ORDER BY resourceAppId, kind, permission, path, method, scheme
                """) {
                guard let kind = PermissionKind(rawValue: row["forKind"]) else { continue }
                paths[HolderKey(resourceAppId: row["forAppId"], kind: kind, permission: row["forPermission"]), default: []]
                    .append(try PermissionApiPath(row: row))
            }
            return permissions.map { permission in
                PermissionDetails(permission: permission, sources: sources[permission.permissionKey] ?? [],
                                  apiPaths: paths[HolderKey(resourceAppId: permission.resourceAppId, kind: permission.kind,
                                                            permission: permission.permission)] ?? [])
            }
        }
    }

    /// The names of every permission in the current catalog, for suggestions.
    public func currentPermissionNames() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT permission FROM catalogPermission ORDER BY permission")
        }
    }
}
