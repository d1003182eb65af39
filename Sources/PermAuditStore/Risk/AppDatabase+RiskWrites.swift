import GRDB

/// The steps of one risk list import, inside the transaction `importExports` opened.
struct RiskWriter {
    let db: Database
    let importedAt: String

    func record(_ batch: RiskListBatch) throws -> RiskImportOutcome {
        let hash = batch.contentHash
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM riskList WHERE source = ? AND contentHash = ?",
                                       arguments: [batch.source.rawValue, hash]) {
            return RiskImportOutcome(listId: id, source: batch.source, asOf: batch.asOf, created: false,
                                     entryCount: batch.entryCount, notInCatalog: try notInCatalog(id))
        }
        try db.execute(sql: """
            INSERT INTO riskList (source, asOf, fileName, fileSha256, contentHash, entryCount, importedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [batch.source.rawValue, batch.asOf, batch.fileName, batch.fileSha256, hash, batch.entryCount, importedAt])
        let id = db.lastInsertedRowID
        try insertEntries(batch.entries, listKey: id, matchesRoots: batch.source == .msIdentityTools)
        try insertPolicy(batch.policy, listKey: id)
        return RiskImportOutcome(listId: id, source: batch.source, asOf: batch.asOf, created: true,
                                 entryCount: batch.entryCount, notInCatalog: try notInCatalog(id))
    }

    /// inCatalog: the catalog knows a permission the entry matches: by id when it has one, else by name or
    /// (MSIdentityTools) by name root.
    private func insertEntries(_ entries: [RiskEntry], listKey: Int64, matchesRoots: Bool) throws {
        for (position, entry) in entries.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO riskEntry (listKey, position, location, resourceAppId, kind, permission, permissionId, level, tier, category, inCatalog)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                        CASE WHEN ?7 IS NULL
                            THEN EXISTS (SELECT 1 FROM permission p
                                         WHERE p.kind = ?5 AND (?4 IS NULL OR p.resourceAppId = ?4)
                                           AND (p.value = ?6 OR (?11 AND substr(p.value, 1, length(?6) + 1) = ?6 || '.')))
                            ELSE EXISTS (SELECT 1 FROM permissionVersion v JOIN permission p ON p.id = v.permissionKey
                                         WHERE v.permissionId = ?7 AND p.kind = ?5 AND (?4 IS NULL OR p.resourceAppId = ?4))
                        END)
                """).execute(arguments: [
                    listKey, position, entry.location, entry.resourceAppId, entry.kind.rawValue, entry.permission, entry.permissionId,
                    entry.level?.rawValue, entry.tier, entry.category, matchesRoots,
                ])
        }
    }

    private func insertPolicy(_ policy: RiskPolicy, listKey: Int64) throws {
        for (position, rule) in policy.rules.enumerated() {
            try db.execute(sql: """
                INSERT INTO riskPolicyRule (listKey, position, permission, kind, resourceAppId, publisher, level, tier, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [listKey, position, rule.permission, rule.kind?.rawValue, rule.resourceAppId, rule.publisher,
                                 rule.level?.rawValue, rule.tier, rule.reason])
        }
        for (position, exception) in policy.exceptions.enumerated() {
            try db.execute(sql: """
                INSERT INTO riskException (listKey, position, app, permission, kind, resourceAppId, reason, owner, expires)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [listKey, position, exception.app, exception.permission, exception.kind?.rawValue,
                                 exception.resourceAppId, exception.reason, exception.owner, exception.expires])
        }
    }

    /// The entries the catalog does not know, as `name (kind)` or `id (kind)`.
    private func notInCatalog(_ listKey: Int64) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT coalesce(permission, permissionId) || ' (' || kind || ')' FROM riskEntry
            WHERE listKey = ? AND NOT inCatalog ORDER BY position
            """, arguments: [listKey])
    }
}
