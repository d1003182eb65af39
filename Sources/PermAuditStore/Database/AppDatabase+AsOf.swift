import GRDB

extension AppDatabase {
    /// The database as it stood on `date` (YYYY-MM-DD): an in-memory copy without what is dated after it, so
    /// that every read of a series' latest snapshot (the `latest…` views of the migrations) reads the latest
    /// on or before the date, and a permission's history stops there. Removed: catalog, metadata and tenant
    /// snapshots and risk list imports dated after it, activity imports with events after it, sign-in imports
    /// after it; the foreign keys' cascades take their rows. What stays is keyed to a snapshot that stays or
    /// is dated (a tenant object's presence is a range of dates, read against a snapshot's date), so it reads
    /// the same as it did on that date. The file itself is not touched.
    public func asOf(_ date: String) throws -> AppDatabase {
        let copy = try inMemoryCopy()
        try copy.writer.write { db in
            for table in ["catalogSnapshot", "metadataSnapshot", "tenantSnapshot", "riskImport", "signInActivityImport"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE asOf > ?", arguments: [date])
            }
            try db.execute(sql: "DELETE FROM activityImport WHERE substr(lastEventAt, 1, 10) > ?", arguments: [date])
            // The stored current catalog and its search index follow the latest catalog snapshots that remain.
            try CurrentCatalog(db: db).rebuild()
            try db.execute(sql: "DELETE FROM permissionSearch")
            try PermissionSearchIndex(db: db).rebuild(changedSnapshots: [])
        }
        return copy
    }
}
