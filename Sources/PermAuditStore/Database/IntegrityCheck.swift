import GRDB

/// One finding of `AppDatabase.check()`.
public struct IntegrityCheck: Sendable, Equatable {
    public var name: String
    public var passed: Bool
    public var detail: String
}

/// The checks behind `permaudit check`: SQLite's own, the schema version, and that every snapshot still
/// has the content its stored hash says (so a hand edit or a torn copy shows up).
struct IntegrityChecker {
    let db: Database
    let migrator: DatabaseMigrator

    func run() throws -> [IntegrityCheck] {
        [try integrity(), try foreignKeys(), try schemaVersion(), try catalogSnapshots(), try tenantSnapshots(),
         try tenantVersions(), try tenantKeys(), try scopeSets(), try holdings(), try holdingImages(), try currentCatalog(), try pathResolutions(), try searchIndex(),
         try activityTotals()]
    }

    private func integrity() throws -> IntegrityCheck {
        let messages = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        return IntegrityCheck(name: "integrity_check", passed: messages == ["ok"], detail: messages.prefix(5).joined(separator: "; "))
    }

    private func foreignKeys() throws -> IntegrityCheck {
        let rows = try Row.fetchAll(db, sql: "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 5")
        let detail = rows.isEmpty ? "every reference resolves"
            : rows.map { "\($0["table"] as String) row \($0["rowid"] as Int64? ?? 0) points to a missing \($0["parent"] as String)" }.joined(separator: "; ")
        return IntegrityCheck(name: "foreign_key_check", passed: rows.isEmpty, detail: detail)
    }

    private func schemaVersion() throws -> IntegrityCheck {
        let applied = try migrator.appliedMigrations(db)
        let known = migrator.migrations
        let missing = known.filter { !applied.contains($0) }
        let detail = missing.isEmpty ? "\(applied.last ?? "none") (\(Plural.count(applied.count, "migration")))" : "not applied: " + missing.joined(separator: ", ")
        return IntegrityCheck(name: "schema", passed: missing.isEmpty, detail: detail)
    }

    /// A catalog snapshot's hash covers its parts' hashes (see CatalogWriter).
    private func catalogSnapshots() throws -> IntegrityCheck {
        var broken: [String] = []
        let snapshots = try Row.fetchAll(db, sql: "SELECT id, source, asOf, contentHash FROM catalogSnapshot ORDER BY id")
        for snapshot in snapshots {
            let parts = try String.fetchAll(db, sql: """
                SELECT part || ':' || contentHash FROM catalogSnapshotPart WHERE snapshotKey = ? ORDER BY part
                """, arguments: [snapshot["id"]])
            let hash = SHA256.hex(parts.joined(separator: "\n"))
            if parts.isEmpty || hash != snapshot["contentHash"] as String {
                broken.append("#\(snapshot["id"] as Int64) \(snapshot["source"] as String) \(snapshot["asOf"] as String)")
            }
        }
        let entriesWithoutVersion = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM catalogSnapshotEntry e WHERE NOT EXISTS (SELECT 1 FROM permissionVersion v WHERE v.id = e.versionKey)
            """) ?? 0
        if entriesWithoutVersion > 0 { broken.append(Plural.count(entriesWithoutVersion, "entry") + " without their version") }
        return IntegrityCheck(name: "catalog snapshots", passed: broken.isEmpty,
                              detail: broken.isEmpty ? Self.matchHashes(snapshots.count, "snapshot") : "do not match: " + broken.joined(separator: ", "))
    }

    /// A tenant snapshot's hash is the multiset hash of the versions present in it (see TenantSink).
    private func tenantSnapshots() throws -> IntegrityCheck {
        var broken: [String] = []
        let snapshots = try Row.fetchAll(db, sql: "SELECT id, tenantId, asOf, contentHash FROM tenantSnapshot ORDER BY id")
        for snapshot in snapshots {
            var hash = MultisetHash()
            let hashes = try String.fetchCursor(db, sql: """
                SELECT contentHash FROM servicePrincipalAt WHERE snapshotKey = :snapshot
                UNION ALL SELECT contentHash FROM oauth2PermissionGrantAt WHERE snapshotKey = :snapshot
                UNION ALL SELECT contentHash FROM appRoleAssignmentAt WHERE snapshotKey = :snapshot
                """, arguments: ["snapshot": snapshot["id"]])
            // A stored hash edited into something that is no digest breaks the snapshot, not the check.
            var malformed = false
            while let digest = try hashes.next() {
                if MultisetHash.isDigest(digest) { hash.add(digest: digest) } else { malformed = true }
            }
            if malformed || hash.hex != snapshot["contentHash"] as String {
                broken.append("#\(snapshot["id"] as Int64) \(snapshot["tenantId"] as String) \(snapshot["asOf"] as String)")
            }
        }
        return IntegrityCheck(name: "tenant snapshots", passed: broken.isEmpty,
                              detail: broken.isEmpty ? Self.matchHashes(snapshots.count, "snapshot") : "do not match: " + broken.joined(separator: ", "))
    }

    /// Each grant and assignment version still has the content its hash was made from (an edited row shows).
    private func tenantVersions() throws -> IntegrityCheck {
        var broken: [String] = []
        var checked = 0
        let names = try DelegatedNames(db)
        let grants = try Row.fetchCursor(db, sql: """
            SELECT g.id, g.clientId, g.consentType, g.principalId, g.resourceId, s.scope, s.permissionKeys, g.contentHash
            FROM oauth2PermissionGrant g JOIN scopeSet s ON s.scopeSetKey = g.scopeSetKey
            """)
        while let row = try grants.next() {
            // Read whole: a NUL in a stored string is data, not an edit.
            guard let scope = names.scope(stored: try row.wholeText("scope"), permissionKeys: try text(row, "permissionKeys")) else {
                broken.append("grant \(try text(row, "id"))'s scope set is broken")
                continue
            }
            let grant = TenantGrant(id: try text(row, "id"), clientId: try text(row, "clientId"), consentType: try text(row, "consentType"),
                                    principalId: try row.wholeText("principalId"), resourceId: try text(row, "resourceId"), scope: scope)
            if SHA256.hex(grant.contentBytes) != row["contentHash"] as String { broken.append("grant \(grant.id) edited since import") }
            checked += 1
        }
        let assignments = try Row.fetchCursor(db, sql: "SELECT * FROM appRoleAssignment")
        while let row = try assignments.next() {
            let assignment = TenantAssignment(
                id: try text(row, "id"), appRoleId: try text(row, "appRoleId"), principalId: try text(row, "principalId"),
                principalType: try text(row, "principalType"), principalDisplayName: try row.wholeText("principalDisplayName"),
                resourceId: try text(row, "resourceId"), resourceDisplayName: try row.wholeText("resourceDisplayName"),
                createdDateTime: try row.wholeText("createdDateTime"))
            if SHA256.hex(assignment.contentBytes) != row["contentHash"] as String { broken.append("assignment \(assignment.id) edited since import") }
            checked += 1
        }
        // A content is one version: stored twice, it would be counted twice in a snapshot.
        broken += try String.fetchAll(db, sql: """
            SELECT 'grant ' || min(id) || ' stored twice' FROM oauth2PermissionGrantVersion
            GROUP BY tenantKey, digest0, digest1, digest2, digest3 HAVING count(*) > 1
            UNION ALL
            SELECT 'assignment ' || min(id) || ' stored twice' FROM appRoleAssignment GROUP BY tenantId, contentHash HAVING count(*) > 1
            """)
        let detail = broken.isEmpty ? Self.matchHashes(checked, "grant and assignment version")
            : "\(broken.count) broken: " + broken.prefix(5).joined(separator: ", ")
        return IntegrityCheck(name: "tenant versions", passed: broken.isEmpty, detail: detail)
    }

    /// The keys the tenant tables that an import writes for every grant declare no foreign keys for
    /// (migrations 0025 and 0026): each names a stored row, of the row's own tenant where it has one.
    private func tenantKeys() throws -> IntegrityCheck {
        let broken = try String.fetchAll(db, sql: """
            SELECT 'grant ' || g.id || ' names keys that are not stored' FROM oauth2PermissionGrantVersion g
            WHERE NOT EXISTS (SELECT 1 FROM tenant t
                              JOIN tenantObject c ON c.tenantId = t.tenantId AND c.objectKey = g.clientKey
                              JOIN tenantObject r ON r.tenantId = t.tenantId AND r.objectKey = g.resourceKey
                              WHERE t.tenantKey = g.tenantKey)
               OR (g.principalKey IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tenantUser u WHERE u.userKey = g.principalKey AND u.tenantKey = g.tenantKey))
               OR NOT EXISTS (SELECT 1 FROM scopeSet s WHERE s.scopeSetKey = g.scopeSetKey)
            UNION ALL
            SELECT 'holding ' || h.holdingKey || ' names an app, resource or permission that is not stored' FROM holding h
            WHERE NOT EXISTS (SELECT 1 FROM tenantObject c JOIN tenantObject r ON r.tenantId = c.tenantId
                              WHERE c.objectKey = h.clientKey AND r.objectKey = h.resourceKey)
               OR NOT EXISTS (SELECT 1 FROM heldPermission p WHERE p.permissionKey = h.permissionKey)
            UNION ALL
            SELECT 'a run of holding ' || p.holdingKey || ' names no stored holding of its tenant' FROM holdingRun p
            WHERE NOT EXISTS (SELECT 1 FROM holding h JOIN tenant t ON t.tenantKey = p.tenantKey
                              JOIN tenantObject c ON c.objectKey = h.clientKey AND c.tenantId = t.tenantId
                              WHERE h.holdingKey = p.holdingKey)
            UNION ALL
            \(Self.runsNameVersions(runs: "servicePrincipalRun", versions: "servicePrincipal", of: "service principal"))
            UNION ALL
            SELECT 'a run of grant version ' || p.versionKey || ' names no stored version of its tenant' FROM oauth2PermissionGrantRun p
            WHERE NOT EXISTS (SELECT 1 FROM oauth2PermissionGrantVersion v WHERE v.versionKey = p.versionKey AND v.tenantKey = p.tenantKey)
            UNION ALL
            \(Self.runsNameVersions(runs: "appRoleAssignmentRun", versions: "appRoleAssignment", of: "assignment"))
            UNION ALL
            SELECT 'the remembered element of service principal version ' || e.versionKey || ' names no stored version'
            FROM servicePrincipalElement e WHERE NOT EXISTS (SELECT 1 FROM servicePrincipal v WHERE v.versionKey = e.versionKey)
            UNION ALL
            SELECT 'the remembered element of grant version ' || e.versionKey || ' names no stored version'
            FROM oauth2PermissionGrantElement e WHERE NOT EXISTS (SELECT 1 FROM oauth2PermissionGrantVersion v WHERE v.versionKey = e.versionKey)
            UNION ALL
            SELECT 'the remembered element of assignment version ' || e.versionKey || ' names no stored version'
            FROM appRoleAssignmentElement e WHERE NOT EXISTS (SELECT 1 FROM appRoleAssignment v WHERE v.versionKey = e.versionKey)
            UNION ALL
            SELECT 'user ' || u.userKey || ' names no stored tenant' FROM tenantUser u
            WHERE NOT EXISTS (SELECT 1 FROM tenant t WHERE t.tenantKey = u.tenantKey)

            """)
        let detail = broken.isEmpty ? "every stored key names a row of its tenant"
            : "\(broken.count) broken: " + broken.prefix(5).joined(separator: ", ")
        return IntegrityCheck(name: "tenant keys", passed: broken.isEmpty, detail: detail)
    }

    /// The broken runs of a run table whose versions name their tenant by id (service principals, assignments).
    private static func runsNameVersions(runs: String, versions: String, of label: String) -> String {
        """
        SELECT 'a run of \(label) version ' || p.versionKey || ' names no stored version of its tenant' FROM \(runs) p
        WHERE NOT EXISTS (SELECT 1 FROM \(versions) v JOIN tenant t ON t.tenantId = v.tenantId
                          WHERE v.versionKey = p.versionKey AND t.tenantKey = p.tenantKey)
        """
    }

    /// Each scope string is stored once, with the hash the import finds it by, and with its values, each once,
    /// as the keys of delegated held permissions (migration 0029).
    private func scopeSets() throws -> IntegrityCheck {
        let names = try DelegatedNames(db)
        var broken: [String] = []
        var checked = 0
        // Equal strings have equal hashes: only scope sets whose hashes collide are compared by their text.
        var firstByHash: [Int64: Int64] = [:]
        var collided: [Int64: [Int64]] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT scopeSetKey, permissionKeys, scope, scopeHash FROM scopeSet")
        while let row = try rows.next() {
            let (key, hash): (Int64, Int64) = (row["scopeSetKey"], row["scopeHash"])
            checked += 1
            if let problem = try scopeSetProblem(row, names: names) {
                broken.append("scope set \(key) \(problem)")
            }
            if let first = firstByHash[hash] { collided[hash, default: [first]].append(key) } else { firstByHash[hash] = key }
        }
        for keys in collided.values {
            var seen = Set<ByteText>()
            for key in keys.sorted() {
                if let scope = try scope(of: key, names: names), !seen.insert(scope).inserted { broken.append("scope set \(key) stored twice") }
            }
        }
        let detail = broken.isEmpty ? "\(Plural.count(checked, "scope string")), each once, with its hash and its values"
            : "\(broken.count) broken: " + broken.prefix(5).joined(separator: ", ")
        return IntegrityCheck(name: "scope sets", passed: broken.isEmpty, detail: detail)
    }

    /// What is wrong with a stored scope set, if anything.
    private func scopeSetProblem(_ row: Row, names: DelegatedNames) throws -> String? {
        guard let values = names.names(ofStored: try text(row, "permissionKeys")) else {
            return "names values by keys that are not delegated held permissions"
        }
        let stored = try row.wholeText("scope")
        let scope = stored ?? values.joined(separator: " ")
        if stored == nil, values.isEmpty { return "has neither a scope string nor values" }
        let split = TenantGrant.values(ofScope: scope)
        if Set(split.map(ByteText.init)) != Set(values.map(ByteText.init)) || split.count != values.count {
            return "has values that are not its scope string's"
        }
        if Int64(ScopeSetHash.of(scope)) != row["scopeHash"] as Int64 { return "has the wrong hash" }
        return nil
    }

    /// A stored scope set's string, by its bytes (nil for a broken one).
    private func scope(of key: Int64, names: DelegatedNames) throws -> ByteText? {
        // A cursor's row: a copied one would hold the string cut at its first NUL.
        let rows = try Row.fetchCursor(db, sql: "SELECT permissionKeys, scope FROM scopeSet WHERE scopeSetKey = ?", arguments: [key])
        guard let row = try rows.next(),
              let scope = names.scope(stored: try row.wholeText("scope"), permissionKeys: try text(row, "permissionKeys"))
        else { return nil }
        return ByteText(scope)
    }

    /// A NOT NULL text column of a cursor's row, whole.
    private func text(_ row: Row, _ column: String) throws -> String {
        try row.wholeText(column) ?? ""
    }

    private func holdings() throws -> IntegrityCheck {
        // The holdings are recomputed through scopeSetValue, whose json_each stops at keys that are no JSON.
        if let key = try Int64.fetchOne(db, sql: "SELECT min(scopeSetKey) FROM scopeSet WHERE NOT json_valid(permissionKeys)") {
            return IntegrityCheck(name: "holdings", passed: false, detail: "not compared: scope set \(key)'s permissionKeys are no JSON")
        }
        let mismatched = try HoldingAudit(db: db).mismatchedSnapshots()
        return IntegrityCheck(name: "holdings", passed: mismatched.isEmpty,
                              detail: mismatched.isEmpty ? "every snapshot's stored holdings match its grants and assignments"
                                  : "do not match their grants and assignments: " + mismatched.map { "#\($0)" }.joined(separator: ", "))
    }

    /// Each tenant's packed latest holdings (HoldingImage), which the report reads, are its open runs'.
    private func holdingImages() throws -> IntegrityCheck {
        let (mismatched, images, without) = try HoldingAudit(db: db).mismatchedImages()
        let unpacked = without == 0 ? "" : "; \(Plural.count(without, "tenant")) without one, read from the runs"
        return IntegrityCheck(name: "holding images", passed: mismatched.isEmpty,
                              detail: mismatched.isEmpty ? "\(Plural.count(images, "tenant's latest holdings", "tenants' latest holdings")) match their runs" + unpacked
                                  : "do not match the runs of their latest snapshot: " + mismatched.joined(separator: ", "))
    }

    /// The stored current catalog (CurrentCatalog) equals the catalog computed from the latest snapshots.
    private func currentCatalog() throws -> IntegrityCheck {
        let mismatched = try CurrentCatalog(db: db).mismatchedRows()
        let current = try Int.fetchOne(db, sql: "SELECT count(*) FROM currentCatalogPermission") ?? 0
        return IntegrityCheck(name: "current catalog", passed: mismatched == 0,
                              detail: mismatched == 0 ? "\(Plural.count(current, "stored permission")) match the latest catalog snapshots"
                                  : Plural.count(mismatched, "row") + " differ from the latest catalog snapshots")
    }

    private func pathResolutions() throws -> IntegrityCheck {
        let missing = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM metadataSnapshot m JOIN (SELECT DISTINCT path FROM apiPath) a
            WHERE NOT EXISTS (SELECT 1 FROM apiPathResolution r WHERE r.metadataSnapshotKey = m.id AND r.path = a.path)
            """) ?? 0
        return IntegrityCheck(name: "path resolutions", passed: missing == 0,
                              detail: missing == 0 ? "every API path is resolved against every metadata document" : Plural.count(missing, "(document, path) pair") + " missing")
    }

    private func searchIndex() throws -> IntegrityCheck {
        let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM permissionSearch") ?? 0
        let current = try Int.fetchOne(db, sql: "SELECT count(*) FROM catalogPermission") ?? 0
        return IntegrityCheck(name: "search index", passed: indexed == current,
                              detail: "\(indexed) of \(Plural.count(current, "current permission")) indexed")
    }

    /// graphCallTotal adds up each import's graphCall rows (ActivityWriter writes both).
    private func activityTotals() throws -> IntegrityCheck {
        let columns = "importKey, appId, scheme, method, template, matchKind, statusClass, firstDay, apiVersion, calls, firstSeen, lastSeen"
        let mismatched = try Int64.fetchAll(db, sql: """
            WITH summed AS (
                SELECT importKey, appId, scheme, method, template, matchKind, statusClass, min(day) AS firstDay, min(apiVersion) AS apiVersion,
                       sum(calls) AS calls, min(firstSeen) AS firstSeen, max(lastSeen) AS lastSeen
                FROM graphCall GROUP BY importKey, appId, scheme, method, template, matchKind, statusClass),
            total AS (SELECT \(columns) FROM graphCallTotal)
            SELECT importKey FROM (SELECT * FROM summed EXCEPT SELECT * FROM total)
            UNION SELECT importKey FROM (SELECT * FROM total EXCEPT SELECT * FROM summed)
            ORDER BY importKey LIMIT 5
            """)
        let imports = try Int.fetchOne(db, sql: "SELECT count(*) FROM activityImport") ?? 0
        return IntegrityCheck(name: "activity totals", passed: mismatched.isEmpty,
                              detail: mismatched.isEmpty ? "every activity import's totals match its calls (\(Plural.count(imports, "import")))"
                                  : "do not match their calls: " + mismatched.map { "import #\($0)" }.joined(separator: ", "))
    }

    /// "1 snapshot matches its content hash", "3 snapshots match their content hashes".
    private static func matchHashes(_ count: Int, _ noun: String) -> String {
        Plural.count(count, noun) + (count == 1 ? " matches its content hash" : " match their content hashes")
    }
}

extension AppDatabase {
    /// `permaudit check`: every check, passed or not.
    public func check() throws -> [IntegrityCheck] {
        try writer.read { db in try IntegrityChecker(db: db, migrator: Self.migrator).run() }
    }
}
