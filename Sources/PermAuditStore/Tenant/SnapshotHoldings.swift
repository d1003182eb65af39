import GRDB

/// One tenant snapshot's holdings: the rows of the `permissionHolding` view for that snapshot, computed in
/// steps whose cost does not depend on SQLite's planner. The view joins every holding to
/// `servicePrincipalAt` and `catalogPermission`, both views; on a tenant with 50,000 apps the planner scans
/// them once per holding, which took over 15 minutes for 250,000 grants. Here SQL only reads the holdings
/// stored at import (HoldingWriter) as integers; the apps, their published scopes and roles and the catalog
/// are read once into dictionaries, and each holding is resolved by lookups, by the view's own rules.
/// The test suite checks that both give the same rows.
struct SnapshotHoldings {
    let db: Database
    let snapshotId: Int64
    /// Only these holding versions, and every holding on these resources; all when nil.
    var subset: HoldingSubset?
    /// Only the holdings of these permissions as granted; all when nil.
    var held: HeldPermissions?
    /// The catalog, when the caller reads it once for several snapshots; else read here.
    var catalog: CatalogLookup?
    /// How a whole snapshot's admin-consent holdings are read: by their pairs when HeldPairs finds it pays,
    /// else by the snapshot's runs. Tests force either.
    var pairRead = PairRead.whenFewer
    /// Whether a tenant's latest snapshot is read from its packed image (HoldingImage) when it has one; tests
    /// read the runs instead.
    var imageRead = true

    enum PairRead { case whenFewer, always, never }

    /// With `adminConsentOnly`, only the holdings whose permission required an administrator's consent or
    /// whose requirement is unknown (the report's, a tenth of all); the others are never built.
    func fetch(adminConsentOnly: Bool = false) throws -> [PermissionHolding] {
        Array(try fetchRows(adminConsentOnly: adminConsentOnly))
    }

    /// `fetch`'s holdings as a table of rows. A whole snapshot's holdings (millions, for a report) go to
    /// the builder as they are read; a subset's or some permissions' are read first, to read only their apps.
    func fetchRows(adminConsentOnly: Bool = false) throws -> HoldingRows {
        guard let snapshot = try Row.fetchOne(db, sql: "SELECT tenantId, asOf FROM tenantSnapshot WHERE id = ?",
                                              arguments: [snapshotId]) else { return HoldingRows() }
        let tenantId: String = snapshot[0], asOf: String = snapshot[1]
        // With adminConsentOnly, a pair that did not need an admin's consent resolves to nothing, and its
        // holdings (nine in ten on most tenants) are skipped on their integer keys.
        let resolver = PermissionResolver(published: try PublishedPermissions(db: db), catalog: try self.catalog ?? CatalogLookup(db: db),
                                          keep: { !adminConsentOnly || $0.requiresAdminConsent != false })
        func builder(_ ids: KeyedValues<String>) throws -> HoldingRowsBuilder {
            HoldingRowsBuilder(tenantId: tenantId, asOf: asOf, ids: ids, apps: try appsPresent(tenantId: tenantId, asOf: asOf, only: subset.map { _ in Set(ids.values) }),
                               permissions: try heldPermissions(), resolver: resolver)
        }
        guard subset != nil || held != nil else {
            // Resolved on this thread while the next holdings are read on another: what the held resources
            // publish is read first, so that resolving needs no query.
            var rows = try builder(try objectIds(tenantId: tenantId, only: nil))
            let resources = try HeldPairs(db: db).resources()
            try rows.resolver.loadHeldResources(resources, present: PresentServicePrincipals(db: db, tenantId: tenantId, asOf: asOf))
            if let image = try latestImage(tenantId: tenantId, asOf: asOf) {
                for holding in image { try rows.add(StoredHolding(holding)) }
                return rows.finish()
            }
            if adminConsentOnly, let kept = try pairsWorthReadingAlone(on: resources, &rows) {
                try readHoldings(of: kept, tenantId: tenantId, asOf: asOf) { try rows.add($0) }
                return rows.finish()
            }
            try db.forEachBatch(sql: storedSelect, arguments: try storedReadArguments(tenantId: tenantId, asOf: asOf), read: StoredHolding.init) { batch in
                for holding in batch { try rows.add(holding) }
            }
            return rows.finish()
        }
        let stored = try storedHoldings(tenantId: tenantId, asOf: asOf)
        // A subset's holdings name a few thousand of the tenant's apps: only those are read.
        var rows = try builder(try objectIds(tenantId: tenantId, only: Set(stored.flatMap { [$0.clientKey, $0.resourceKey] })))
        for holding in stored { try rows.add(holding) }
        return rows.finish()
    }

    /// The snapshot's holdings from the tenant's image, when the snapshot is its latest and the image unpacks;
    /// else nil, and the runs are read (a broken image is `check`'s to report; the runs are the truth).
    private func latestImage(tenantId: String, asOf: String) throws -> [KeyedHolding]? {
        guard imageRead, let tenantKey = try TenantKey.existing(db, tenantId: tenantId) else { return nil }
        return try HoldingImage.stored(db, tenantKey: tenantKey, day: try PresenceRuns.day(asOf))?.holdings()
    }

    /// The pairs whose holdings give rows, when they name fewer holdings than the others (HeldPairs); nil
    /// when scanning the snapshot's runs costs less.
    private func pairsWorthReadingAlone(on resources: [Int64], _ rows: inout HoldingRowsBuilder) throws -> [HeldPair]? {
        guard pairRead != .never else { return nil }
        let pairs = HeldPairs(db: db)
        var (kept, others): ([HeldPair], [HeldPair]) = ([], [])
        for pair in try pairs.all(on: resources) {
            switch try rows.keeps(pair) {
            case true?: kept.append(pair)
            case false?: others.append(pair)
            case nil:
                // Another tenant's resource, unless no tenant has that object: then the holdings are broken,
                // as `add` says of every holding the scan reads; none is left out unsaid.
                guard try pairs.namesStoredObject(pair.resourceKey) else { throw StoreError.brokenHolding(key: pair.resourceKey) }
            }
        }
        return try pairRead == .always || pairs.fewerHoldings(kept, than: others) ? kept : nil
    }

    /// The snapshot's holdings of these pairs, pair by pair through the holdings' unique index, each checked
    /// against its runs (the `+` keeps SQLite from looking the runs up by date instead).
    private func readHoldings(of pairs: [HeldPair], tenantId: String, asOf: String,
                              _ body: (StoredHolding) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT h.clientKey, h.resourceKey, h.permissionKey, h.consentType, p.principalCount
            FROM holding h CROSS JOIN holdingRun p ON p.holdingKey = h.holdingKey
            WHERE h.resourceKey = :resource AND h.permissionKey = :permission AND +p.tenantKey = :tenant AND +p.lastDay >= :day AND p.firstDay <= :day
            """)
        var arguments = try storedReadArguments(tenantId: tenantId, asOf: asOf)
        for pair in pairs {
            _ = arguments.append(contentsOf: ["resource": pair.resourceKey, "permission": pair.permissionKey])
            try db.forEachRow(statement, arguments: arguments) { try body(StoredHolding($0)) }
        }
    }

    /// The service principals present in the snapshot (those with these object ids, when given), by object id.
    private func appsPresent(tenantId: String, asOf: String, only ids: Set<String>?) throws -> [String: PresentApp] {
        var apps: [String: PresentApp] = [:]
        func add(_ row: DirectRow) {
            // Texts whole, NUL included: a name cut at its NUL could pass for another app's.
            apps[row.text(0) ?? ""] = PresentApp(versionKey: row.int64(1), appId: row.text(2), displayName: row.text(3), publisher: row.text(4) ?? "",
                                                 verifiedPublisherName: row.text(5))
        }
        let columns = "id, versionKey, appId, displayName, publisher, verifiedPublisherName"
        guard let ids else {
            try db.forEachRow(sql: "SELECT \(columns) FROM servicePrincipalAt WHERE snapshotKey = ?", arguments: [snapshotId], add)
            return apps
        }
        try PresentServicePrincipals(db: db, tenantId: tenantId, asOf: asOf)
            .forEach(columns, where: "v.id IN (SELECT value FROM json_each(:ids))", ["ids": HoldingSubset.jsonArray(ids)], add)
        return apps
    }

    /// The snapshot's holdings before resolution, as stored at import (HoldingWriter): the holdings present on
    /// the snapshot's date, as integers; a subset or held permissions are chosen by key in SQL, through the
    /// holdings' indexes.
    private func storedHoldings(tenantId: String, asOf: String) throws -> [StoredHolding] {
        var stored: [StoredHolding] = []
        try db.forEachRow(sql: storedSelect, arguments: try storedReadArguments(tenantId: tenantId, asOf: asOf)) { stored.append(StoredHolding($0)) }
        return stored
    }

    private var storedSelect: String {
        "SELECT h.clientKey, h.resourceKey, h.permissionKey, h.consentType, p.principalCount " + storedRead
    }

    /// The permissions holdings name, by key: a scope's value or an app role's id.
    private func heldPermissions() throws -> KeyedValues<(kind: PermissionKind, name: String)> {
        var permissions = KeyedValues<(kind: PermissionKind, name: String)>()
        let names = try Row.fetchCursor(db, sql: "SELECT permissionKey, kind, name FROM heldPermission")
        while let row = try names.next() {
            permissions.insert((PermissionKind(rawValue: row[1]) ?? .delegated, try row.wholeText(at: 2) ?? ""), key: row[0])
        }
        return permissions
    }

    /// The tenant's object ids by key: every one, or only these keys (a page's few thousand of 50,000).
    private func objectIds(tenantId: String, only keys: Set<Int64>?) throws -> KeyedValues<String> {
        var ids = KeyedValues<String>()
        let (sql, arguments): (String, StatementArguments) = keys.map {
            ("SELECT objectKey, id FROM tenantObject WHERE objectKey IN (SELECT value FROM json_each(?))", [HoldingSubset.jsonArray(Array($0))])
        } ?? ("SELECT objectKey, id FROM tenantObject WHERE tenantId = ?", [tenantId])
        try db.forEachRow(sql: sql, arguments: arguments) { row in ids.insert(row.text(1) ?? "", key: row.int64(0)) }
        return ids
    }

    /// The FROM and WHERE of the stored read. All of a snapshot is read through its presence runs; a
    /// subset or some permissions through the holdings' indexes first (the `+` keeps SQLite from looking the
    /// runs up by date, which would visit every run of the tenant once per holding).
    private var storedRead: String {
        guard subset != nil || held != nil else {
            return """
                FROM holdingRun p JOIN holding h ON h.holdingKey = p.holdingKey
                WHERE p.tenantKey = :tenant AND p.lastDay >= :day AND p.firstDay <= :day
                """
        }
        var conditions = ["+p.tenantKey = :tenant", "+p.lastDay >= :day", "p.firstDay <= :day"]
        if let subset {
            // Each side alone when the other is empty, so that SQLite uses the index with the permission too.
            let byVersion = "h.holdingKey IN (SELECT value FROM json_each(:versions))", byResource = "h.resourceKey IN (SELECT value FROM json_each(:resources))"
            conditions.append(subset.versions.isEmpty ? byResource : subset.resources.isEmpty ? byVersion : "(\(byVersion) OR \(byResource))")
        }
        if let held { conditions.append("h.permissionKey IN (\(held.keysSQL))") }
        return "FROM holding h CROSS JOIN holdingRun p ON p.holdingKey = h.holdingKey WHERE " + conditions.joined(separator: " AND ")
    }

    private func storedReadArguments(tenantId: String, asOf: String) throws -> StatementArguments {
        // A tenant without a key has no runs: key 0 matches none.
        var arguments: [String: any DatabaseValueConvertible] = [
            "tenant": try TenantKey.existing(db, tenantId: tenantId) ?? 0, "day": try PresenceRuns.day(asOf),
        ]
        if let subset {
            let resourceKeys = try Int64.fetchAll(db, sql: "SELECT objectKey FROM tenantObject WHERE tenantId = ? AND id IN (SELECT value FROM json_each(?))",
                                                  arguments: [tenantId, HoldingSubset.jsonArray(subset.resources)])
            arguments["versions"] = HoldingSubset.jsonArray(Array(subset.versions))
            arguments["resources"] = HoldingSubset.jsonArray(resourceKeys)
        }
        if let held { arguments.merge(held.arguments) { _, new in new } }
        return StatementArguments(arguments)
    }
}

/// Permissions as granted: every one of a kind, or those of these names (a scope's value, an app role's id).
struct HeldPermissions {
    var kind: PermissionKind
    var names: [String]?

    var keysSQL: String {
        "SELECT permissionKey FROM heldPermission WHERE kind = :heldKind" + (names == nil ? "" : " AND name IN (SELECT value FROM json_each(:heldNames))")
    }

    var arguments: [String: any DatabaseValueConvertible] {
        var values: [String: any DatabaseValueConvertible] = ["heldKind": kind.rawValue]
        if let names { values["heldNames"] = HoldingSubset.jsonArray(Set(names)) }
        return values
    }
}

/// A service principal present in the snapshot.
struct PresentApp {
    var versionKey: Int64
    var appId: String?
    var displayName: String?
    var publisher: String
    var verifiedPublisherName: String?
}

/// A holding as stored: integer keys, resolved to ids and names by `HoldingRowsBuilder`.
struct StoredHolding: Sendable {
    var clientKey: Int64
    var resourceKey: Int64
    var permissionKey: Int64
    /// Nil for text the holding table's CHECK allows no more: the builder refuses the holding.
    var consentType: HoldingConsentType?
    var principalCount: Int

    /// Columns clientKey, resourceKey, permissionKey, consentType, principalCount.
    init(_ row: DirectRow) {
        (clientKey, resourceKey, permissionKey) = (row.int64(0), row.int64(1), row.int64(2))
        (consentType, principalCount) = (row.consentType(3), Int(row.int64(4)))
    }
}
