import GRDB

/// The stored current catalog (`currentCatalogPermission`, migration 0021), behind the `catalogPermission`
/// view: computed once by the import that changes it rather than at every read.
struct CurrentCatalog {
    let db: Database

    /// Rewrites the stored rows when one of `changedSnapshots` (created or extended by an import) is now the
    /// latest of its series; a change to an older snapshot leaves the current catalog as it was.
    func refresh(changedSnapshots: [Int64]) throws {
        let request: SQLRequest<Bool> = "SELECT EXISTS (SELECT 1 FROM latestCatalogSnapshot WHERE id IN \(changedSnapshots))"
        guard try request.fetchOne(db) == true else { return }
        try rebuild()
    }

    /// Rewrites the stored rows from the latest catalog snapshots.
    func rebuild() throws {
        try db.execute(sql: """
            DELETE FROM currentCatalogPermission;
            INSERT INTO currentCatalogPermission SELECT * FROM catalogPermissionComputed ORDER BY permissionKey;
            """)
    }

    /// The stored rows that differ from a fresh computation, both ways: 0 when they agree.
    func mismatchedRows() throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (
                SELECT * FROM (SELECT * FROM currentCatalogPermission EXCEPT SELECT * FROM catalogPermissionComputed)
                UNION ALL
                SELECT * FROM (SELECT * FROM catalogPermissionComputed EXCEPT SELECT * FROM currentCatalogPermission))
            """) ?? 0
    }
}
