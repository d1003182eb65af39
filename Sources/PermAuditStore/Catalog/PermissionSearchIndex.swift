import GRDB

/// The FTS5 index behind `permaudit search`, rebuilt from `catalogPermission` so it follows the
/// latest catalog snapshots. A few thousand rows: rebuilding whole is simpler than patching.
struct PermissionSearchIndex {
    let db: Database

    /// Rebuilds when one of `changedSnapshots` (created or extended by an import) is now the latest of its
    /// series, or when the index is empty but a catalog is stored (a database that migration 0007 just gave
    /// the index). A change to an older snapshot leaves `catalogPermission`, over the latest ones, as it was.
    func rebuild(changedSnapshots: [Int64]) throws {
        let request: SQLRequest<Bool> = """
            SELECT EXISTS (SELECT 1 FROM latestCatalogSnapshot WHERE id IN \(changedSnapshots))
                OR (NOT EXISTS (SELECT 1 FROM permissionSearch) AND EXISTS (SELECT 1 FROM catalogSnapshot))
            """
        guard try request.fetchOne(db) == true else { return }
        try db.execute(sql: "DELETE FROM permissionSearch")
        let rows = try Row.fetchAll(db, sql: """
            SELECT permissionKey, resourceAppId, kind, permission, permissionId, requiresAdminConsent, privilegeLevel,
                   adminConsentDisplayName, userConsentDisplayName, adminConsentDescription, userConsentDescription
            FROM catalogPermission
            """)
        for row in rows {
            let permission: String = row["permission"]
            try db.cachedStatement(sql: """
                INSERT INTO permissionSearch (permission, nameWords, displayName, description, permissionKey, resourceAppId,
                    kind, permissionId, requiresAdminConsent, privilegeLevel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    permission, NameWords.split(permission).joined(separator: " "),
                    Self.distinct(row["adminConsentDisplayName"], row["userConsentDisplayName"]),
                    Self.distinct(row["adminConsentDescription"], row["userConsentDescription"]),
                    row["permissionKey"], row["resourceAppId"], row["kind"], row["permissionId"],
                    row["requiresAdminConsent"], row["privilegeLevel"],
                ])
        }
    }

    private static func distinct(_ first: String?, _ second: String?) -> String {
        [first, second].compactMap { $0 }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: "\n")
    }
}
