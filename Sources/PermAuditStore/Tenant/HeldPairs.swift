import GRDB

/// The (resource, permission) pairs that stored holdings name. Every holding of a pair resolves the same way,
/// so a report of the holdings that needed an administrator's consent can resolve the pairs first and read
/// only the holdings of the pairs it keeps, through the holdings' unique index (resourceKey, permissionKey,
/// …). That read costs about twice a row what the scan of a snapshot's runs does, so it is chosen only when
/// the kept pairs name fewer holdings than the others: a tenth of them on the realistic model, where a
/// few scopes such as User.Read are most of the holdings; most of them under incremental consent.
struct HeldPairs {
    let db: Database

    /// The resources that stored holdings name (all tenants, all snapshots), each found by one seek in the
    /// index: a few, however many holdings.
    func resources() throws -> [Int64] {
        let next = try db.cachedStatement(sql: "SELECT min(resourceKey) FROM holding WHERE resourceKey > ?")
        var resources: [Int64] = []
        while let found = try Int64.fetchOne(next, arguments: [resources.last ?? Int64.min]) { resources.append(found) }
        return resources
    }

    /// Every pair of these resources' holdings, each found by one seek in the index: a few thousand seeks
    /// however many holdings. (A row-value seek past the last pair seeks on the resource alone and then walks
    /// its holdings: 0.1 s.)
    func all(on resources: [Int64]) throws -> [HeldPair] {
        let nextPermission = try db.cachedStatement(sql: "SELECT min(permissionKey) FROM holding WHERE resourceKey = ? AND permissionKey > ?")
        var pairs: [HeldPair] = []
        for resource in resources {
            var permission = Int64.min
            while let next = try Int64.fetchOne(nextPermission, arguments: [resource, permission]) {
                permission = next
                pairs.append(HeldPair(resourceKey: resource, permissionKey: permission))
            }
        }
        return pairs
    }

    /// Whether a tenant has an object of this key.
    func namesStoredObject(_ objectKey: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tenantObject WHERE objectKey = ?)", arguments: [objectKey]) ?? false
    }

    /// Whether `kept` name fewer stored holdings than `others` (of every snapshot: an index count, as cheap
    /// as reading the keys). The kept side is counted up to `limit`, and the others only as far as the kept
    /// count, so that deciding costs a bounded part of either read: past the limit, the kept pairs hold too
    /// many holdings for the index read to pay.
    func fewerHoldings(_ kept: [HeldPair], than others: [HeldPair], limit: Int = 250_000) throws -> Bool {
        let keptCount = try count(kept, upTo: limit)
        guard keptCount < limit else { return false }
        return try keptCount < count(others, upTo: keptCount + 1)
    }

    /// The pairs' stored holdings, counted up to `limit`.
    private func count(_ pairs: [HeldPair], upTo limit: Int) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM holding WHERE resourceKey = ? AND permissionKey = ? LIMIT ?)
            """)
        var total = 0
        for pair in pairs where total < limit {
            total += try Int.fetchOne(statement, arguments: [pair.resourceKey, pair.permissionKey, limit - total]) ?? 0
        }
        return total
    }
}
