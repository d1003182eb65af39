import GRDB

/// Stores a new snapshot's holdings, which HoldingTally added up while the sink received the export: apps and
/// permissions get their integer keys, and the holdings are compared with the latest snapshot's (after it)
/// or found and added in key order (any other date), then their presence runs are kept (PresenceRuns).
struct HoldingWriter {
    let db: Database
    let tenantId: String

    func record(_ tally: inout HoldingTally, asOf date: String, after previous: String?, before next: String?) throws {
        let holdings = try keyed(&tally)
        let presence = PresenceRuns.holdings(db, tenantId: tenantId)
        try presence.prepare()
        if let previous, next == nil {
            let (added, closed) = try changes(from: latestHoldings(), to: holdings)
            try presence.stage(try versionKeys(of: added), as: .opened)
            try presence.stage(closed, as: .closed)
            try presence.append(asOf: date, after: previous)
        } else {
            try presence.stage(try versionKeys(of: holdings), as: .staged)
            try presence.record(asOf: date)
        }
    }

    /// The tally's holdings with the keys of their apps and permissions, sorted as the holding table's index.
    private func keyed(_ tally: inout HoldingTally) throws -> [KeyedHolding] {
        let numbered = tally.holdings()
        var used = Array(repeating: false, count: tally.objectIds.values.count)
        for holding in numbered { used[Int(holding.client)] = true; used[Int(holding.resource)] = true }
        let objectKeys = try keys(ofObjects: tally.objectIds.values, used: used)
        let permissionKeys = try keys(ofPermissions: tally.permissions.values)
        return numbered.map {
            KeyedHolding(client: objectKeys[Int($0.client)], resource: objectKeys[Int($0.resource)], permission: permissionKeys[Int($0.permission)],
                         consentType: $0.consentType, principalCount: Int64($0.principalCount))
        }.sorted()
    }

    /// The tenant's object keys of these ids (those `used`), new ones added in id order.
    private func keys(ofObjects ids: [String], used: [Bool]) throws -> [Int64] {
        var stored = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, objectKey FROM tenantObject WHERE tenantId = ?",
                                                                       arguments: [tenantId]).map { ($0[0] as String, $0[1] as Int64) })
        let insert = try db.makeStatement(sql: "INSERT INTO tenantObject (tenantId, id) VALUES (?, ?)")
        for id in Set(ids.indices.filter { used[$0] && stored[ids[$0]] == nil }.map { ids[$0] }).sorted() {
            try insert.execute(wholeText: [tenantId, id])
            stored[id] = db.lastInsertedRowID
        }
        return ids.map { stored[$0] ?? 0 }
    }

    private func keys(ofPermissions names: [HeldPermissionName]) throws -> [Int64] {
        var stored = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT kind, name, permissionKey FROM heldPermission").map {
            (HeldPermissionName(kind: $0[0], name: $0[1]), $0[2] as Int64)
        })
        let insert = try db.makeStatement(sql: "INSERT INTO heldPermission (kind, name) VALUES (?, ?)")
        for name in names.filter({ stored[$0] == nil }).sorted(by: { ($0.kind, $0.name) < ($1.kind, $1.name) }) {
            try insert.execute(wholeText: [name.kind, name.name])
            stored[name] = db.lastInsertedRowID
        }
        return names.map { stored[$0]! }
    }

    /// The holdings of the tenant's latest snapshot (their runs are open), sorted, with their version keys.
    private func latestHoldings() throws -> [(holding: KeyedHolding, key: Int64)] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT h.clientKey, h.resourceKey, h.permissionKey, h.consentType, h.principalCount, h.holdingKey
            FROM holdingPresence p JOIN holding h ON h.holdingKey = p.holdingKey
            WHERE p.tenantId = ? AND p.lastSeen = ?
            """, arguments: [tenantId, PresenceRuns.open])
        var latest: [(holding: KeyedHolding, key: Int64)] = []
        while let row = try rows.next() {
            guard let consentType = HoldingConsentType(rawValue: row[3]) else { throw StoreError.brokenHolding(key: row[5]) }
            latest.append((KeyedHolding(client: row[0], resource: row[1], permission: row[2], consentType: consentType, principalCount: row[4]), row[5]))
        }
        return latest.sorted { $0.holding < $1.holding }
    }

    /// What differs between the latest snapshot's holdings and this one's (both sorted): the holdings to add
    /// and the version keys whose runs close.
    private func changes(from latest: [(holding: KeyedHolding, key: Int64)], to holdings: [KeyedHolding]) throws -> (added: [KeyedHolding], closed: [Int64]) {
        var added: [KeyedHolding] = [], closed: [Int64] = []
        var old = 0, new = 0
        while old < latest.count || new < holdings.count {
            if new == holdings.count || (old < latest.count && latest[old].holding < holdings[new]) {
                closed.append(latest[old].key); old += 1
            } else if old == latest.count || holdings[new] < latest[old].holding {
                added.append(holdings[new]); new += 1
            } else {
                old += 1; new += 1
            }
        }
        return (added, closed.sorted())
    }

    /// The version keys of these holdings (sorted), each found or added.
    private func versionKeys(of holdings: [KeyedHolding]) throws -> [Int64] {
        let insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO holding (clientKey, resourceKey, permissionKey, consentType, principalCount) VALUES (?, ?, ?, ?, ?)
            """)
        let find = try db.makeStatement(sql: """
            SELECT holdingKey FROM holding
            WHERE clientKey = ? AND resourceKey = ? AND permissionKey = ? AND consentType = ? AND principalCount = ?
            """)
        var keys: [Int64] = []
        keys.reserveCapacity(holdings.count)
        for holding in holdings {
            let values: [DirectValue] = [
                .integer(holding.client), .integer(holding.resource), .integer(holding.permission), .text(holding.consentType.rawValue),
                .integer(holding.principalCount),
            ]
            try insert.run(direct: values)
            if db.changesCount > 0 {
                keys.append(db.lastInsertedRowID)
            } else if let key = try find.run(direct: values) {
                keys.append(key)
            }
        }
        return keys.sorted()
    }

    /// The holdings (snapshotKey, clientId, resourceId, kind, name, consentType, principalCount) of the grants
    /// and app role assignments two queries give, each row with its snapshotKey: grants grouped by scope
    /// string, split into scopes and summed per (client, resource, consentType, scope), as `permissionHolding`
    /// counts them; assignments to service principals as they are. `check` recomputes every snapshot's
    /// holdings with it, independently of HoldingTally, which the import adds them up with.
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

/// A holding with the keys of its app, resource and permission, ordered as the holding table's unique index.
struct KeyedHolding: Comparable {
    let client: Int64
    let resource: Int64
    let permission: Int64
    let consentType: HoldingConsentType
    let principalCount: Int64

    static func < (a: Self, b: Self) -> Bool {
        (a.client, a.resource, a.permission, a.consentType, a.principalCount) < (b.client, b.resource, b.permission, b.consentType, b.principalCount)
    }
}
