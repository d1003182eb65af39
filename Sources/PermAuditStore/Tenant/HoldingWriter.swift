import GRDB

/// Stores a new snapshot's holdings, set-wise, after TenantSink has staged its objects: the grants are
/// grouped by scope string, split into scopes and summed per (client, resource, consentType, scope), as the
/// `permissionHolding` view groups them; app role assignments to service principals are holdings as they
/// are. Apps and permissions get their integer keys, holding versions are found or added in key order, and
/// the presence runs are extended (PresenceRuns).
struct HoldingWriter {
    let db: Database
    let tenantId: String

    /// With an 8 MiB cache: the grouping sorts a row per grant and scope (3.5 million for a million grants of
    /// incremental consent), and the import's 64 MiB cache let each of its sorters take as much.
    func record(asOf date: String) throws {
        try db.withCache(mainKiB: 8192, tempKiB: 8192) { try write(asOf: date) }
    }

    private func write(asOf date: String) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS importedHolding (
                clientId TEXT NOT NULL, resourceId TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                consentType TEXT NOT NULL, principalCount INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS stagedHolding (holdingKey INTEGER PRIMARY KEY);
            DELETE FROM temp.importedHolding;
            DELETE FROM temp.stagedHolding;
            """)
        try computeHoldings()
        try db.execute(sql: """
            INSERT OR IGNORE INTO tenantObject (tenantId, id)
            SELECT ?, clientId FROM temp.importedHolding UNION SELECT ?, resourceId FROM temp.importedHolding ORDER BY 2;
            INSERT OR IGNORE INTO heldPermission (kind, name) SELECT DISTINCT kind, name FROM temp.importedHolding ORDER BY 1, 2;
            """, arguments: [tenantId, tenantId])
        // Keyed once, in key order: the versions are found or added from it, then staged.
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS keyedHolding (
                clientKey INTEGER NOT NULL, resourceKey INTEGER NOT NULL, permissionKey INTEGER NOT NULL,
                consentType TEXT NOT NULL, principalCount INTEGER NOT NULL);
            DELETE FROM temp.keyedHolding;
            INSERT INTO temp.keyedHolding
            SELECT c.objectKey, r.objectKey, p.permissionKey, h.consentType, h.principalCount
            FROM temp.importedHolding h
            JOIN tenantObject c ON c.tenantId = :tenant AND c.id = h.clientId
            JOIN tenantObject r ON r.tenantId = :tenant AND r.id = h.resourceId
            JOIN heldPermission p ON p.kind = h.kind AND p.name = h.name
            ORDER BY 1, 2, 3, 4, 5;
            INSERT OR IGNORE INTO holding (clientKey, resourceKey, permissionKey, consentType, principalCount)
            SELECT * FROM temp.keyedHolding;
            INSERT INTO temp.stagedHolding (holdingKey)
            SELECT h.holdingKey FROM temp.keyedHolding k
            JOIN holding h ON h.clientKey = k.clientKey AND h.resourceKey = k.resourceKey AND h.permissionKey = k.permissionKey
                          AND h.consentType = k.consentType AND h.principalCount = k.principalCount
            ORDER BY 1;
            """, arguments: ["tenant": tenantId])
        try PresenceRuns.holdings(db, tenantId: tenantId).record(asOf: date)
    }

    /// This snapshot's holdings, unresolved, from its staged grants and assignments.
    private func computeHoldings() throws {
        try db.execute(sql: """
            INSERT INTO temp.importedHolding (clientId, resourceId, kind, name, consentType, principalCount)
            SELECT clientId, resourceId, kind, name, consentType, principalCount FROM (\(Self.holdings(
                grants: """
                    SELECT 0 AS snapshotKey, g.* FROM temp.stagedObject s JOIN oauth2PermissionGrant g ON g.versionKey = s.versionKey
                    WHERE s.collection = 'oauth2PermissionGrant'
                    """,
                assignments: """
                    SELECT 0 AS snapshotKey, a.* FROM temp.stagedObject s JOIN appRoleAssignment a ON a.versionKey = s.versionKey
                    WHERE s.collection = 'appRoleAssignment'
                    """)))
            """)
    }

    /// The holdings (snapshotKey, clientId, resourceId, kind, name, consentType, principalCount) of the grants
    /// and app role assignments two queries give, each row with its snapshotKey: grants grouped by scope
    /// string, split into scopes and summed per (client, resource, consentType, scope), as `permissionHolding`
    /// counts them; assignments to service principals as they are. Import and `check` both use it.
    static func holdings(grants: String, assignments: String) -> String {
        """
        WITH groups AS (
            SELECT snapshotKey, clientId, resourceId, consentType, scopeSetKey, count(DISTINCT principalId) AS users
            FROM (\(grants)) GROUP BY snapshotKey, clientId, resourceId, consentType, scopeSetKey)
        SELECT g.snapshotKey, g.clientId, g.resourceId, 'delegated' AS kind, v.value AS name, g.consentType,
               sum(g.users) AS principalCount
        FROM groups g JOIN scopeSetValue v ON v.scopeSetKey = g.scopeSetKey
        GROUP BY g.snapshotKey, g.clientId, g.resourceId, g.consentType, v.value
        UNION ALL
        SELECT DISTINCT snapshotKey, principalId, resourceId, 'application', appRoleId, 'Application', 0
        FROM (\(assignments))
        WHERE principalType = 'ServicePrincipal' AND appRoleId <> '00000000-0000-0000-0000-000000000000'
        """
    }
}
