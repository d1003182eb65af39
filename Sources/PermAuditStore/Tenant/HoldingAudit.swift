import GRDB

/// Checks the stored holdings (HoldingWriter) against the grants and assignments they were made from, for
/// every snapshot: what `permaudit check` runs, since report, diff and show read the stored holdings.
struct HoldingAudit {
    let db: Database

    /// The snapshots whose stored holdings differ from their grants' and assignments' (a hand edit, or a bug).
    func mismatchedSnapshots() throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            WITH
                recomputed AS (\(HoldingWriter.holdings(grants: "SELECT * FROM oauth2PermissionGrantAt",
                                                        assignments: "SELECT * FROM appRoleAssignmentAt"))),
                stored AS (
                    SELECT s.snapshotKey, c.id AS clientId, r.id AS resourceId, p.kind, p.name, h.consentType, hp.principalCount
                    FROM tenantSnapshotDay s
                    JOIN holdingRun hp ON hp.tenantKey = s.tenantKey AND hp.firstDay <= s.day AND s.day <= hp.lastDay
                    JOIN holding h ON h.holdingKey = hp.holdingKey
                    JOIN tenantObject c ON c.objectKey = h.clientKey
                    JOIN tenantObject r ON r.objectKey = h.resourceKey
                    JOIN heldPermission p ON p.permissionKey = h.permissionKey),
                difference AS (
                    SELECT * FROM (SELECT * FROM recomputed EXCEPT SELECT * FROM stored)
                    UNION ALL
                    SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM recomputed))
            SELECT DISTINCT snapshotKey FROM difference ORDER BY snapshotKey
            """)
    }

    /// The tenants whose packed latest holdings (HoldingImage) are not their open runs' holdings, or not of
    /// their latest snapshot's day, or do not unpack; how many images there are, and how many tenants with
    /// snapshots have none (their runs are read).
    func mismatchedImages() throws -> (mismatched: [String], images: Int, without: Int) {
        let images = try Row.fetchAll(db, sql: """
            SELECT i.tenantKey, t.tenantId, i.day, i.day IS (SELECT max(s.day) FROM tenantSnapshotDay s WHERE s.tenantKey = i.tenantKey)
            FROM latestHoldingImage i JOIN tenant t ON t.tenantKey = i.tenantKey ORDER BY t.tenantId
            """)
        var mismatched: [String] = []
        for image in images {
            let (tenantKey, isLatest): (Int64, Bool) = (image[0], image[3])
            let packed = try HoldingImage.stored(db, tenantKey: tenantKey, day: image[2])?.holdings()
            // Runs that cannot be an image (a broken holding) match no image; the holdings check names them.
            let runs = try? HoldingImage.ofOpenRuns(db, tenantKey: tenantKey).holdings()
            if !isLatest || packed == nil || packed != runs { mismatched.append(image[1]) }
        }
        return (mismatched, images.count, try HoldingImage.missing(db).count)
    }
}
