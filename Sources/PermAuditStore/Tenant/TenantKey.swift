import GRDB

/// A tenant id's integer key (the `tenant` table, migration 0023), which the presence runs store instead of
/// the 36-byte id.
enum TenantKey {
    /// The key of a tenant the database has runs of; nil for a tenant it has none of.
    static func existing(_ db: Database, tenantId: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT tenantKey FROM tenant WHERE tenantId = ?", arguments: [tenantId])
    }

    /// The tenant's key, added on its first import.
    static func interned(_ db: Database, tenantId: String) throws -> Int64 {
        if let key = try existing(db, tenantId: tenantId) { return key }
        try db.execute(sql: "INSERT INTO tenant (tenantId) VALUES (?)", arguments: [tenantId])
        return db.lastInsertedRowID
    }
}
