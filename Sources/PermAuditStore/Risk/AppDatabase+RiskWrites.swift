import GRDB

/// The steps of one risk list import, inside the transaction `importExports` opened.
struct RiskWriter {
    let db: Database
    let importedAt: String

    /// Records each file as an import of its content (stored once), then says which import is in effect.
    func record(_ batches: [RiskListBatch]) throws -> [RiskImportOutcome] {
        var outcomes = try batches.map(record)
        for index in outcomes.indices {
            let row = try Row.fetchOne(db, sql: "SELECT id, asOf, importId FROM latestRiskList WHERE source = ?",
                                       arguments: [outcomes[index].source.rawValue])
            outcomes[index].inEffect = row?["importId"] == outcomes[index].importId
            outcomes[index].listInEffect = row?["id"]
            outcomes[index].listInEffectAsOf = row?["asOf"]
        }
        return outcomes
    }

    /// Content already stored is not stored again, but the import is recorded: a policy put back is in effect again.
    private func record(_ batch: RiskListBatch) throws -> RiskImportOutcome {
        let hash = batch.contentHash
        let stored = try Int64.fetchOne(db, sql: "SELECT id FROM riskList WHERE source = ? AND contentHash = ?",
                                        arguments: [batch.source.rawValue, hash])
        let id: Int64
        if let stored {
            id = stored
        } else {
            try db.execute(sql: """
                INSERT INTO riskList (source, asOf, fileName, fileSha256, contentHash, entryCount, importedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [batch.source.rawValue, batch.asOf, batch.fileName, batch.fileSha256, hash, batch.entryCount, importedAt])
            id = db.lastInsertedRowID
            try insertEntries(batch.entries, listKey: id, matchesRoots: batch.source == .msIdentityTools)
            try insertPolicy(batch.policy, listKey: id)
        }
        try db.execute(sql: "INSERT INTO riskImport (listKey, asOf, fileName, fileSha256, importedAt) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, batch.asOf, batch.fileName, batch.fileSha256, importedAt])
        var outcome = RiskImportOutcome(listId: id, importId: db.lastInsertedRowID, source: batch.source, asOf: batch.asOf,
                                        created: stored == nil, entryCount: batch.entryCount, notInCatalog: try notInCatalog(id))
        outcome.warnings = try warnings(batch.policy)
        return outcome
    }

    /// A policy's rules and exceptions that can match nothing: a pattern, kind and resource no catalog permission
    /// has, an exception's permission the catalog does not know, an exception's app that is not an id (a GUID).
    /// Kept (the catalog may be older than the policy), and named in the import's note.
    private func warnings(_ policy: RiskPolicy) throws -> [String] {
        var warnings: [String] = []
        for (position, rule) in policy.rules.enumerated() where try !known(rule.permission.map(Self.glob), rule.kind, rule.resourceAppId) {
            warnings.append("rules[\(position)] matches no permission in the catalog")
        }
        for (position, exception) in policy.exceptions.enumerated() {
            if try !known(Self.glob(exception.permission), exception.kind, exception.resourceAppId) {
                warnings.append("exceptions[\(position)]: \(exception.permission) is not in the catalog")
            }
            if exception.app.range(of: #"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$"#, options: .regularExpression) == nil {
                warnings.append("exceptions[\(position)]: app \(exception.app) is not an appId or service principal id, so it matches no app")
            }
        }
        return warnings
    }

    private func known(_ pattern: String?, _ kind: PermissionKind?, _ resourceAppId: String?) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM permission WHERE (?1 IS NULL OR value GLOB ?1) AND (?2 IS NULL OR kind = ?2)
                                                    AND (?3 IS NULL OR lower(resourceAppId) = lower(?3)))
            """, arguments: [pattern, kind?.rawValue, resourceAppId]) ?? false
    }

    /// The policy's name pattern as a GLOB: `*` and `?` mean the same; `[` is literal.
    private static func glob(_ pattern: String) -> String {
        pattern.replacingOccurrences(of: "[", with: "[[]")
    }

    /// inCatalog: the catalog knows a permission the entry matches: by id when it has one, else by name or
    /// (MSIdentityTools) by name root. The name is looked up in three parts so that an entry with a resource
    /// finds its name through the permission table's unique index (one OR over both cases scanned the whole
    /// table for each of EntraOps' 615 entries); a part whose condition on the entry is false reads nothing.
    private func insertEntries(_ entries: [RiskEntry], listKey: Int64, matchesRoots: Bool) throws {
        for (position, entry) in entries.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO riskEntry (listKey, position, location, resourceAppId, kind, permission, permissionId, level, tier, category, inCatalog)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                        CASE WHEN ?7 IS NULL
                            THEN EXISTS (SELECT 1 FROM permission p WHERE p.resourceAppId = ?4 AND p.kind = ?5 AND p.value = ?6)
                              OR EXISTS (SELECT 1 FROM permission p WHERE ?4 IS NULL AND p.kind = ?5 AND p.value = ?6)
                              OR EXISTS (SELECT 1 FROM permission p
                                         WHERE ?11 AND p.kind = ?5 AND (?4 IS NULL OR p.resourceAppId = ?4)
                                           AND substr(p.value, 1, length(?6) + 1) = ?6 || '.')
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
