import GRDB

extension AppDatabase {
    /// Every imported metadata document, by API version then date.
    public func metadataSnapshots() throws -> [MetadataSnapshotSummary] {
        try writer.read { db in
            try MetadataSnapshotSummary.fetchAll(db, sql: """
                SELECT id, apiVersion, asOf, fileName, importedAt FROM metadataSnapshot ORDER BY apiVersion, asOf, id
                """)
        }
    }

    /// The resource types one permission's API paths reach in the latest v1.0 metadata, most paths first.
    public func permissionResources(resourceAppId: String, kind: PermissionKind, permission: String) throws -> [PermissionResource] {
        try writer.read { db in
            try PermissionResource.fetchAll(db, sql: """
                SELECT \(Self.resourceColumns)
                WHERE r.resourceAppId = ? AND r.kind = ? AND r.permission = ?
                ORDER BY r.pathCount DESC, r.resourceType
                """, arguments: [resourceAppId, kind.rawValue, permission])
        }
    }

    /// Every property of a type in the latest v1.0 metadata, inherited ones included: structural properties
    /// before navigation properties, the base type's first, each in document order.
    /// The `resourceProperty` view's rows, with its lineage started at this one type: the view walks every
    /// type's lineage before it filters (0.2 s of every `show`).
    public func resourceProperties(of type: String) throws -> [ResourceProperty] {
        // Cached: a page asks for each of its resource types (20 for User.Read), and preparing this query cost
        // more than running it.
        try writer.read { db in
            try ResourceProperty.fetchAll(db.cachedStatement(sql: """
                WITH RECURSIVE
                    current AS (SELECT * FROM latestMetadataSnapshot WHERE apiVersion = 'v1.0'),
                    lineage (typeKey, resourceType, declaringKey, depth) AS (
                        SELECT t.id, t.qualifiedName, t.id, 0
                        FROM metadataType t JOIN current c ON t.metadataSnapshotKey = c.id
                        WHERE t.kind IN ('entityType', 'complexType') AND t.qualifiedName = :type
                        UNION ALL
                        SELECT l.typeKey, l.resourceType, b.id, l.depth + 1
                        FROM lineage l
                        JOIN metadataType d ON d.id = l.declaringKey
                        JOIN metadataType b ON b.metadataSnapshotKey = d.metadataSnapshotKey AND b.qualifiedName = d.baseType
                        WHERE l.depth < 32)
                SELECT p.name, p.kind, p.type, p.isCollection, p.nullable, d.qualifiedName AS declaringType, l.depth,
                       coalesce(p.description, (
                           SELECT op.description FROM metadataType ot
                           JOIN metadataProperty op ON op.typeKey = ot.id AND op.name = p.name
                           JOIN metadataSnapshot os ON os.id = ot.metadataSnapshotKey
                           WHERE ot.qualifiedName = d.qualifiedName AND op.description IS NOT NULL
                           ORDER BY os.asOf DESC LIMIT 1)) AS description,
                       CASE WHEN p.description IS NOT NULL THEN c.asOf ELSE (
                           SELECT os.asOf FROM metadataType ot
                           JOIN metadataProperty op ON op.typeKey = ot.id AND op.name = p.name
                           JOIN metadataSnapshot os ON os.id = ot.metadataSnapshotKey
                           WHERE ot.qualifiedName = d.qualifiedName AND op.description IS NOT NULL
                           ORDER BY os.asOf DESC LIMIT 1) END AS descriptionAsOf
                FROM lineage l
                JOIN metadataType d ON d.id = l.declaringKey
                JOIN metadataProperty p ON p.typeKey = d.id
                CROSS JOIN current c
                ORDER BY p.kind = 'navigationProperty', l.depth DESC, p.position
                """), arguments: ["type": type])
        }
    }

    /// A PermissionResource's columns and the joins they come from (the type's description, else the latest
    /// older document's).
    private static let resourceColumns = """
        r.resourceType, t.kind, t.baseType,
               coalesce(t.description, (
                   SELECT o.description FROM metadataType o JOIN metadataSnapshot os ON os.id = o.metadataSnapshotKey
                   WHERE o.qualifiedName = r.resourceType AND o.description IS NOT NULL
                   ORDER BY os.asOf DESC LIMIT 1)) AS description,
               r.pathCount, r.methods
        FROM permissionResource r
        JOIN latestMetadataSnapshot m ON m.apiVersion = 'v1.0'
        LEFT JOIN metadataType t ON t.metadataSnapshotKey = m.id AND t.qualifiedName = r.resourceType
        """

    /// `permissionResources` of every permission at once, by permission: one read for a site that shows them all.
    public func allPermissionResources() throws -> [HolderKey: [PermissionResource]] {
        try grouped(sql: """
            SELECT r.resourceAppId AS forAppId, r.kind AS forKind, r.permission AS forPermission, \(Self.resourceColumns)
            ORDER BY r.resourceAppId, r.kind, r.permission, r.pathCount DESC, r.resourceType
            """)
    }

    /// `unresolvedPaths` of every permission at once, by permission.
    public func allUnresolvedPaths() throws -> [HolderKey: [PathResolutionRow]] {
        try grouped(sql: """
            SELECT DISTINCT pa.resourceAppId AS forAppId, pa.kind AS forKind, pa.permission AS forPermission,
                   r.path, r.resourceType, r.operation, r.returnType, r.note, r.unresolvedSegment, r.problem, 1 AS permissionCount
            FROM permissionApiPath pa
            JOIN latestMetadataSnapshot m ON m.apiVersion = 'v1.0'
            JOIN apiPathResolution r ON r.metadataSnapshotKey = m.id AND r.path = pa.path
            WHERE r.resourceType IS NULL
            ORDER BY pa.resourceAppId, pa.kind, pa.permission, r.path
            """)
    }

    /// Rows of a query whose first columns name a permission (forAppId, forKind, forPermission), by permission.
    private func grouped<Record: FetchableRecord>(sql: String) throws -> [HolderKey: [Record]] {
        let rows = try writer.read { db in try Row.fetchAll(db, sql: sql) }
        var result: [HolderKey: [Record]] = [:]
        for row in rows {
            guard let kind = PermissionKind(rawValue: row["forKind"]) else { continue }
            result[HolderKey(resourceAppId: row["forAppId"], kind: kind, permission: row["forPermission"]), default: []]
                .append(try Record(row: row))
        }
        return result
    }

    /// `resourceProperties` of every type at once, by type: one read of the view for a site that shows them
    /// all (per type, each read costs nearly as much as all of them).
    public func allResourceProperties() throws -> [String: [ResourceProperty]] {
        let rows = try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT resourceType, name, kind, type, isCollection, nullable, declaringType, depth, description, descriptionAsOf
                FROM resourceProperty
                ORDER BY resourceType, kind = 'navigationProperty', depth DESC, position
                """)
        }
        return try Dictionary(grouping: rows) { $0["resourceType"] as String }.mapValues { try $0.map(ResourceProperty.init(row:)) }
    }

    /// The catalog's API paths that only the latest beta metadata resolves (the latest v1.0 one does not):
    /// Graph beta paths. None when no beta document is imported.
    public func betaOnlyPaths() throws -> Set<String> {
        try writer.read { db in
            try Set(String.fetchAll(db, sql: """
                SELECT b.path
                FROM latestMetadataSnapshot mb
                JOIN apiPathResolution b ON b.metadataSnapshotKey = mb.id AND b.resourceType IS NOT NULL
                WHERE mb.apiVersion = 'beta' AND NOT EXISTS (
                    SELECT 1 FROM latestMetadataSnapshot mv
                    JOIN apiPathResolution v ON v.metadataSnapshotKey = mv.id AND v.path = b.path AND v.resourceType IS NOT NULL
                    WHERE mv.apiVersion = 'v1.0')
                """))
        }
    }

    /// One permission's API paths that do not resolve against the latest v1.0 metadata, and why.
    public func unresolvedPaths(resourceAppId: String, kind: PermissionKind, permission: String) throws -> [PathResolutionRow] {
        try writer.read { db in
            try PathResolutionRow.fetchAll(db, sql: """
                SELECT DISTINCT r.path, r.resourceType, r.operation, r.returnType, r.note, r.unresolvedSegment, r.problem,
                       1 AS permissionCount
                FROM permissionApiPath pa
                JOIN latestMetadataSnapshot m ON m.apiVersion = 'v1.0'
                JOIN apiPathResolution r ON r.metadataSnapshotKey = m.id AND r.path = pa.path
                WHERE pa.resourceAppId = ? AND pa.kind = ? AND pa.permission = ? AND r.resourceType IS NULL
                ORDER BY r.path
                """, arguments: [resourceAppId, kind.rawValue, permission])
        }
    }

    /// The current catalog's API paths and how they resolve: all, or only those that do not.
    public func pathResolutions(unresolvedOnly: Bool) throws -> [PathResolutionRow] {
        try writer.read { db in
            try PathResolutionRow.fetchAll(db, sql: """
                SELECT path, resourceType, operation, returnType, note, unresolvedSegment, problem, permissionCount
                FROM currentApiPathResolution
                WHERE NOT ? OR resourceType IS NULL
                ORDER BY path
                """, arguments: [unresolvedOnly])
        }
    }
}
