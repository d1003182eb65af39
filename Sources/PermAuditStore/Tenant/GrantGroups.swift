import GRDB

/// Keeps `grantGroup`: a snapshot's delegated grants grouped by (client, resource, consentType, scope
/// set), counted once at import so that reports and diffs read tens of thousands of groups instead of a
/// million grants. The grouping is the `permissionHolding` view's first step.
struct GrantGroups {
    let db: Database

    /// Groups the grants staged by this import (TenantSink) as the new snapshot's.
    func record(snapshotId: Int64) throws {
        try db.execute(sql: """
            INSERT INTO grantGroup (snapshotKey, clientId, resourceId, consentType, scopeSetKey, principalCount)
            SELECT ?, g.clientId, g.resourceId, g.consentType, g.scopeSetKey, count(DISTINCT g.principalId)
            FROM temp.stagedObject s
            JOIN oauth2PermissionGrant g ON g.versionKey = s.versionKey
            WHERE s.collection = 'oauth2PermissionGrant'
            GROUP BY g.clientId, g.resourceId, g.consentType, g.scopeSetKey
            """, arguments: [snapshotId])
    }

    /// The snapshots whose groups differ from their grants' (a hand edit, or a bug): `permaudit check`.
    func mismatchedSnapshots() throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            WITH recomputed AS (
                SELECT snapshotKey, clientId, resourceId, consentType, scopeSetKey, count(DISTINCT principalId) AS principalCount
                FROM oauth2PermissionGrantAt
                GROUP BY snapshotKey, clientId, resourceId, consentType, scopeSetKey),
            stored AS (
                SELECT snapshotKey, clientId, resourceId, consentType, scopeSetKey, principalCount FROM grantGroup),
            difference AS (
                SELECT * FROM (SELECT * FROM recomputed EXCEPT SELECT * FROM stored)
                UNION ALL
                SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM recomputed))
            SELECT DISTINCT snapshotKey FROM difference ORDER BY snapshotKey
            """)
    }
}
