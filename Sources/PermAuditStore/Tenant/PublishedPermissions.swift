import GRDB

/// The scopes and app roles the resource service principals publish, by version: each version read the
/// first time a holding on it is resolved.
struct PublishedPermissions {
    private let scopeStatement: Statement
    private let roleStatement: Statement
    private var scopesByKey: [Int64: [String: [PublishedScope]]] = [:]
    private var rolesByKey: [Int64: [String: PublishedRole]] = [:]
    /// Whether every version that can be asked for is read (`loadHeldResources`): `load` then reads nothing.
    private var complete = false

    init(db: Database) throws {
        scopeStatement = try db.makeStatement(sql: "SELECT value, id, type FROM servicePrincipalScope WHERE versionKey = ?")
        roleStatement = try db.makeStatement(sql: "SELECT id, value FROM servicePrincipalAppRole WHERE versionKey = ?")
    }

    /// Reads what this version publishes, unless it was read already.
    mutating func load(versionKey key: Int64) throws {
        guard !complete && scopesByKey[key] == nil else { return }
        var byValue: [String: [PublishedScope]] = [:]
        for row in try Row.fetchAll(scopeStatement, arguments: [key]) {
            byValue[row[0], default: []].append(PublishedScope(id: row[1], type: row[2]))
        }
        scopesByKey[key] = byValue
        rolesByKey[key] = Dictionary(try Row.fetchAll(roleStatement, arguments: [key]).map { ($0[0], PublishedRole(value: $0[1])) },
                                     uniquingKeysWith: { first, _ in first })
    }

    /// Reads what `resources`, every resource that stored holdings name (`HeldPairs.resources`), publish as
    /// present in the snapshot, in one query for the scopes and one for the roles, in the order `load` reads
    /// them. Holdings name a few resources (4 APIs on a tenant of 50,000 apps); reading what every app of the
    /// snapshot publishes took an eighth of a report's time. Holdings name nothing else, so `load` then reads
    /// nothing.
    mutating func loadHeldResources(_ resources: [Int64], present: PresentServicePrincipals) throws {
        let db = present.db
        var versions: [Int64] = []
        try present.forEach("v.versionKey", where: "v.id IN (SELECT id FROM tenantObject WHERE objectKey IN (SELECT value FROM json_each(:resources)))",
                            ["resources": HoldingSubset.jsonArray(resources)]) { versions.append($0.int64(0)) }
        let keys = HoldingSubset.jsonArray(versions)
        for row in try Row.fetchAll(db, sql: """
            SELECT versionKey, value, id, type FROM servicePrincipalScope WHERE versionKey IN (SELECT value FROM json_each(?)) ORDER BY versionKey, value, id
            """, arguments: [keys]) {
            scopesByKey[row[0], default: [:]][row[1], default: []].append(PublishedScope(id: row[2], type: row[3]))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT versionKey, id, value FROM servicePrincipalAppRole WHERE versionKey IN (SELECT value FROM json_each(?)) ORDER BY versionKey, id
            """, arguments: [keys]) where rolesByKey[row[0]]?[row[1]] == nil {
            rolesByKey[row[0], default: [:]][row[1]] = PublishedRole(value: row[2])
        }
        complete = true
    }

    func scopes(versionKey: Int64, value: String) -> [PublishedScope] {
        scopesByKey[versionKey]?[value] ?? []
    }

    func role(versionKey: Int64, id: String) -> PublishedRole? {
        rolesByKey[versionKey]?[id]
    }
}

/// A scope a resource publishes: its GUID and who may consent (`Admin`, `User`).
struct PublishedScope {
    var id: String
    var type: String?
}

/// An app role a resource publishes: its value (the name a token carries).
struct PublishedRole {
    var value: String?
}
