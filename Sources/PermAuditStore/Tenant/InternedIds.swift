import GRDB

/// A tenant's object ids (`tenantObject`: apps and resources) and user ids (`tenantUser`) with their integer
/// keys, in memory for an import: grant versions store the keys (migration 0025), and the holdings are
/// counted by them. An id that is not stored yet is added when it first comes. Ids are told apart by their
/// bytes, as the tables' unique indexes tell them.
struct InternedIds {
    let tenantKey: Int64
    private let tenantId: String
    private var objects: [ByteText: UInt32] = [:]
    private var users: [ByteText: UInt32] = [:]
    private let insertObject: Statement
    private let insertUser: Statement
    private let db: Database

    init(_ db: Database, tenantId: String) throws {
        self.db = db
        self.tenantId = tenantId
        tenantKey = try TenantKey.interned(db, tenantId: tenantId)
        insertObject = try db.makeStatement(sql: "INSERT INTO tenantObject (tenantId, id) VALUES (?, ?)")
        insertUser = try db.makeStatement(sql: "INSERT INTO tenantUser (tenantKey, id) VALUES (?, ?)")
        try db.forEachRow(sql: "SELECT id, objectKey FROM tenantObject WHERE tenantId = ?", arguments: [tenantId]) { row in
            objects[ByteText(row.text(0) ?? "")] = try narrowKey(row.int64(1), in: "tenantObject")
        }
        try db.forEachRow(sql: "SELECT id, userKey FROM tenantUser WHERE tenantKey = ?", arguments: [tenantKey]) { row in
            users[ByteText(row.text(0) ?? "")] = try narrowKey(row.int64(1), in: "tenantUser")
        }
    }

    /// An app's or resource's key.
    mutating func object(_ id: String) throws -> UInt32 {
        let id = ByteText(id)
        if let key = objects[id] { return key }
        try insertObject.run(direct: [.text(tenantId), .text(id.text)])
        let key = try narrowKey(db.lastInsertedRowID, in: "tenantObject")
        objects[id] = key
        return key
    }

    /// A user's key (from 1: 0 is no user, as a tenant-wide grant has).
    mutating func user(_ id: String) throws -> UInt32 {
        let id = ByteText(id)
        if let key = users[id] { return key }
        try insertUser.run(direct: [.integer(tenantKey), .text(id.text)])
        let key = try narrowKey(db.lastInsertedRowID, in: "tenantUser")
        users[id] = key
        return key
    }

    /// Frees the ids once the export is stored: the holdings that follow need the memory.
    mutating func release() {
        (objects, users) = ([:], [:])
    }
}
