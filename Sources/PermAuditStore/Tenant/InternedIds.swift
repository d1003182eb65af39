import GRDB

/// A tenant's object ids (`tenantObject`: apps and resources) and user ids (`tenantUser`) with their integer
/// keys, for an import: grant versions store the keys (migration 0025), and the holdings are counted by them.
/// Ids are looked up as they come and kept in memory once found; an id that is not stored yet is added.
/// Nothing is read ahead: the grants an export repeats come with their keys (StoredVersions), so a weekly
/// import looks up only the ids of what changed and of the app role assignments, and a tenant's hundreds of
/// thousands of users are not all held. Ids are told apart by their bytes, as the tables' unique indexes tell them.
struct InternedIds {
    let tenantKey: Int64
    private let tenantId: String
    private var objects: [ByteText: UInt32] = [:]
    private var users: [ByteText: UInt32] = [:]
    private let findObject: Statement
    private let findUser: Statement
    private let insertObject: Statement
    private let insertUser: Statement
    private let db: Database
    /// False for a tenant with no ids stored yet (its first import): nothing to look up.
    private let hasStoredIds: Bool

    init(_ db: Database, tenantId: String) throws {
        self.db = db
        self.tenantId = tenantId
        tenantKey = try TenantKey.interned(db, tenantId: tenantId)
        findObject = try db.makeStatement(sql: "SELECT objectKey FROM tenantObject WHERE tenantId = ? AND id = ?")
        findUser = try db.makeStatement(sql: "SELECT userKey FROM tenantUser WHERE tenantKey = ? AND id = ?")
        insertObject = try db.makeStatement(sql: "INSERT INTO tenantObject (tenantId, id) VALUES (?, ?)")
        insertUser = try db.makeStatement(sql: "INSERT INTO tenantUser (tenantKey, id) VALUES (?, ?)")
        hasStoredIds = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tenantObject WHERE tenantId = ?)", arguments: [tenantId]) ?? false
    }

    /// An app's or resource's key.
    mutating func object(_ id: String) throws -> UInt32 {
        let id = ByteText(id)
        if let key = objects[id] { return key }
        let key = try find(findObject, [.text(tenantId), .text(id.text)], in: "tenantObject")
            ?? insert(insertObject, [.text(tenantId), .text(id.text)], in: "tenantObject")
        objects[id] = key
        return key
    }

    /// A user's key (from 1: 0 is no user, as a tenant-wide grant has).
    mutating func user(_ id: String) throws -> UInt32 {
        let id = ByteText(id)
        if let key = users[id] { return key }
        let key = try find(findUser, [.integer(tenantKey), .text(id.text)], in: "tenantUser")
            ?? insert(insertUser, [.integer(tenantKey), .text(id.text)], in: "tenantUser")
        users[id] = key
        return key
    }

    private func find(_ statement: Statement, _ arguments: [DirectValue], in table: String) throws -> UInt32? {
        guard hasStoredIds, let key = try statement.run(direct: arguments) else { return nil }
        return try narrowKey(key, in: table)
    }

    private func insert(_ statement: Statement, _ arguments: [DirectValue], in table: String) throws -> UInt32 {
        _ = try statement.run(direct: arguments)
        return try narrowKey(db.lastInsertedRowID, in: table)
    }

    /// Frees the ids once the export is stored: the holdings that follow need the memory.
    mutating func release() {
        (objects, users) = ([:], [:])
    }
}
