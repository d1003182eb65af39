import GRDB

/// Stores a new snapshot's holdings, which HoldingTally added up while the sink received the export:
/// permissions get their integer keys; after every other snapshot, the holdings are compared with the
/// latest snapshot's and only the differences are written (when the tally counted only the changes, those
/// are applied to the latest snapshot's holdings); before the latest, all are found or added in key order and
/// staged. Presence runs are kept by PresenceRuns; each run carries the holding's number of users (0030).
/// A snapshot that becomes the tenant's latest also gets its holdings packed (HoldingImage, 0033).
struct HoldingWriter {
    let db: Database
    let tenantId: String

    func record(_ tally: inout HoldingTally, asOf date: String, after previous: String?, before next: String?) throws {
        let presence = try PresenceRuns.holdings(db, tenantId: tenantId)
        if let deltas = tally.deltas {
            precondition(next == nil, "a snapshot before the latest stages all its holdings")
            return try record(deltas, permissionKeys: try keys(ofPermissions: tally.permissions.values), presence: presence, asOf: date, after: previous)
        }
        var holdings = try keyed(&tally)
        if let next {
            try presence.prepare()
            let keys = try self.keys(of: holdings)
            try presence.stage(keys.map(\.key), counts: keys.map(\.count))
            try presence.record(asOf: date, after: previous, before: next)
        } else {
            // Packed first, while they are all the snapshot's: keepChanges keeps only the changes, in place.
            // Not an image (the same holding twice): the runs are packed once written.
            let image = HoldingImage(holdings)
            if let image { try store(image, tenantKey: presence.tenantKey, asOf: date) }
            // A small cache for the scan, as for StoredVersions': its pages are read once.
            let closed = try db.withCache(mainKiB: 2048, tempKiB: 2048) { try keepChanges(&holdings, tenantKey: presence.tenantKey) }
            try append(holdings, closed: closed, to: presence, asOf: date, after: previous)
            if image == nil { try storePackedRuns(tenantKey: presence.tenantKey, asOf: date) }
        }
    }

    /// The image of the tenant's holdings now that the snapshot of `date` is its latest (HoldingImage).
    private func store(_ image: HoldingImage, tenantKey: Int64, asOf date: String) throws {
        try image.write(db, tenantKey: tenantKey, day: try PresenceRuns.day(date))
    }

    /// The image made from the open runs just written: when the holdings or the changes made none.
    private func storePackedRuns(tenantKey: Int64, asOf date: String) throws {
        try store(try HoldingImage.ofOpenRuns(db, tenantKey: tenantKey), tenantKey: tenantKey, asOf: date)
    }

    /// The tally's holdings with the keys of their permissions (their apps came with theirs), sorted as the
    /// holding table's index.
    private func keyed(_ tally: inout HoldingTally) throws -> [KeyedHolding] {
        let permissionKeys = try keys(ofPermissions: tally.permissions.values)
        var holdings = tally.holdings(permissionKeys: permissionKeys)
        holdings.sort()
        return holdings
    }

    private func keys(ofPermissions names: [HeldPermissionName]) throws -> [UInt32] {
        var stored: [HeldPermissionName: Int64] = [:]
        // Names read whole: the import stores a scope's name with its NUL bytes (DelegatedNames).
        try db.forEachRow(sql: "SELECT kind, name, permissionKey FROM heldPermission") { row in
            stored[HeldPermissionName(kind: row.text(0) ?? "", name: row.text(1) ?? "")] = row.int64(2)
        }
        let insert = try db.makeStatement(sql: "INSERT INTO heldPermission (kind, name) VALUES (?, ?)")
        for name in names.filter({ stored[$0] == nil }).sorted(by: { ($0.kind, $0.name) < ($1.kind, $1.name) }) {
            try insert.run(direct: [.text(name.kind), .text(name.name)])
            stored[name] = db.lastInsertedRowID
        }
        return try names.map { try narrowKey(stored[$0]!, in: "heldPermission") }
    }

    /// What differs between the latest snapshot's holdings and this one's (sorted): `holdings` keeps only the
    /// ones to add, in place (a first import's millions are not copied), and the holding keys whose runs close
    /// are returned (a holding whose users changed is both). The latest ones (their runs are open) are read in
    /// the order of the holding table's unique index, which is this one's, and merged as they come: none are
    /// held in memory.
    private func keepChanges(_ holdings: inout [KeyedHolding], tenantKey: Int64) throws -> [Int64] {
        var closed: [Int64] = []
        var new = 0, kept = 0
        func keep(_ index: Int) {
            holdings[kept] = holdings[index]
            kept += 1
        }
        try db.forEachRow(sql: Self.openHoldingsInOrder, arguments: [tenantKey, PresenceRuns.open]) { row in
            let (old, key) = try Self.holding(row)
            while new < holdings.count && holdings[new] < old {
                keep(new); new += 1
            }
            if new < holdings.count && holdings[new] == old { new += 1 } else { closed.append(key) }
        }
        while new < holdings.count { keep(new); new += 1 }
        holdings.removeLast(holdings.count - kept)
        closed.sort()
        return closed
    }

    /// The latest snapshot's holdings with the changes applied: each changed one is read by the holding table's
    /// unique index; one whose users or presence differ has its run closed, and a run with its users now opened.
    private func record(_ deltas: [HoldingDelta], permissionKeys: [UInt32], presence: PresenceRuns, asOf date: String, after previous: String?) throws {
        // The unary + keeps SQLite on the run's primary key: by its (tenantKey, lastDay) index it walked every open run.
        let read = try db.makeStatement(sql: """
            SELECT h.holdingKey, p.principalCount FROM holding h
            JOIN holdingRun p ON p.holdingKey = h.holdingKey AND +p.tenantKey = ? AND +p.lastDay = ?
            WHERE h.resourceKey = ? AND h.permissionKey = ? AND h.clientKey = ? AND h.consentType = ?
            """)
        var (added, removed, closed): ([KeyedHolding], [KeyedHolding], [Int64]) = ([], [], [])
        for change in deltas {
            let permission = permissionKeys[Int(change.permission)]
            let rows = try Row.fetchAll(read, arguments: [presence.tenantKey, PresenceRuns.open, change.resource, permission, change.client,
                                                          change.consentType.rawValue])
            guard rows.count <= 1 else { throw StoreError.holdingsNotTheGrants(holdingKey: rows[1]["holdingKey"]) }
            let old: (key: Int64, users: Int64)? = rows.first.map { ($0[0], $0[1]) }
            if let old { guard old.users >= 0 && old.users < KeyedHolding.countLimit else { throw StoreError.brokenHolding(key: old.key) } }
            // Its users now, nil when it is not held (a tenant-wide or application holding has none: 0).
            let now: Int64?
            switch change.outcome {
            case .users(let change):
                let users = (old?.users ?? 0) + Int64(change)
                guard users >= 0 else { throw StoreError.holdingsNotTheGrants(holdingKey: old?.key) }
                now = users > 0 ? users : nil
            case .held(let held):
                now = held ? 0 : nil
            }
            guard old?.users != now else { continue }
            if let old {
                closed.append(old.key)
                removed.append(KeyedHolding(client: change.client, resource: change.resource, permission: permission,
                                            consentType: change.consentType, principalCount: UInt32(old.users)))
            }
            if let now {
                added.append(KeyedHolding(client: change.client, resource: change.resource, permission: permission, consentType: change.consentType,
                                          principalCount: UInt32(now)))
            }
        }
        added.sort()
        removed.sort()
        closed.sort()
        try append(added, closed: closed, to: presence, asOf: date, after: previous)
        let previousImage = try previous.flatMap { try HoldingImage.stored(db, tenantKey: presence.tenantKey, day: try PresenceRuns.day($0)) }
        // The changes applied to the previous image; when they do not fit it, or there was none, the runs packed.
        if let image = previousImage?.applying(removed: removed, added: added) {
            try store(image, tenantKey: presence.tenantKey, asOf: date)
        } else {
            try storePackedRuns(tenantKey: presence.tenantKey, asOf: date)
        }
    }

    /// After the latest snapshot: the runs of `closed` end, and those of `added` (found, or added in key order)
    /// begin, each with its users.
    private func append(_ added: [KeyedHolding], closed: [Int64], to presence: PresenceRuns, asOf date: String, after previous: String?) throws {
        let opened = try keys(of: added)
        try presence.append(asOf: date, after: previous, opened: opened.map(\.key), counts: opened.map(\.count), closed: closed)
    }

    /// The holdings of a tenant's open runs (arguments: tenantKey, PresenceRuns.open) in KeyedHolding's order,
    /// which is the holding table's unique index's; columns as `holding(_:)` reads them.
    static let openHoldingsInOrder = """
        SELECT h.clientKey, h.resourceKey, h.permissionKey, h.consentType, p.principalCount, h.holdingKey
        FROM holding h JOIN holdingRun p ON p.holdingKey = h.holdingKey AND +p.tenantKey = ? AND +p.lastDay = ?
        ORDER BY h.resourceKey, h.permissionKey, h.clientKey, h.consentType
        """

    /// A row of `openHoldingsInOrder`: the holding and its key.
    static func holding(_ row: DirectRow) throws -> (KeyedHolding, Int64) {
        let key = row.int64(5)
        guard let consentType = row.consentType(3), let count = UInt32(exactly: row.int64(4)), count < KeyedHolding.countLimit else {
            throw StoreError.brokenHolding(key: key)
        }
        let holding = KeyedHolding(client: try narrowKey(row.int64(0), in: "tenantObject"), resource: try narrowKey(row.int64(1), in: "tenantObject"),
                                   permission: try narrowKey(row.int64(2), in: "heldPermission"), consentType: consentType, principalCount: count)
        return (holding, key)
    }

    /// The keys of these holdings (ascending), each found or added, with their users.
    private func keys(of holdings: [KeyedHolding]) throws -> [(key: Int64, count: Int64)] {
        let insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO holding (clientKey, resourceKey, permissionKey, consentType) VALUES (?, ?, ?, ?)
            """)
        let find = try db.makeStatement(sql: """
            SELECT holdingKey FROM holding WHERE clientKey = ? AND resourceKey = ? AND permissionKey = ? AND consentType = ?
            """)
        var keys: [(key: Int64, count: Int64)] = []
        keys.reserveCapacity(holdings.count)
        for holding in holdings {
            let values: [DirectValue] = [
                .integer(Int64(holding.client)), .integer(Int64(holding.resource)), .integer(Int64(holding.permission)),
                .text(holding.consentType.rawValue),
            ]
            try insert.run(direct: values)
            let count = Int64(holding.principalCount)
            if db.changesCount > 0 {
                keys.append((db.lastInsertedRowID, count))
            } else if let key = try find.run(direct: values) {
                keys.append((key, count))
            } else {
                // Neither added nor there: OR IGNORE also skips a failed constraint, which must not drop a holding.
                throw StoreError.missingRow(table: "holding", detail: "client \(holding.client), permission \(holding.permission)")
            }
        }
        keys.sort { $0.key < $1.key }
        return keys
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

/// A holding with the keys of its app, resource and permission, ordered as the holding table's unique index
/// (resource, permission, client, consent type, users), so that new holdings are appended to it.
/// Its consent type and user count share 32 bits: 16 bytes a holding, with four million of them in memory
/// while a two-million-grant export is stored.
struct KeyedHolding: Comparable {
    let client: UInt32
    let resource: UInt32
    let permission: UInt32
    /// The consent type's rank (its text's order) in the top 2 bits, the user count below.
    private let typeAndCount: UInt32

    static let countLimit: UInt32 = 1 << 30

    init(client: UInt32, resource: UInt32, permission: UInt32, consentType: HoldingConsentType, principalCount: UInt32) {
        precondition(principalCount < Self.countLimit, "a holding's user count fits 30 bits")
        (self.client, self.resource, self.permission) = (client, resource, permission)
        typeAndCount = consentType.rank << 30 | principalCount
    }

    var consentType: HoldingConsentType { HoldingConsentType(rank: typeAndCount >> 30) }
    var principalCount: UInt32 { typeAndCount & (Self.countLimit - 1) }

    static func < (a: Self, b: Self) -> Bool {
        (a.resource, a.permission, a.client, a.typeAndCount) < (b.resource, b.permission, b.client, b.typeAndCount)
    }
}
