import Foundation
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

/// Migration 0025 stores grant versions by interned keys (tenant, apps, resources, users) with their content
/// hash as four integers, and keeps `oauth2PermissionGrant` as a view: a database with grants from before
/// reads the same byte for byte, `check` finds every hash still made from its content, and an import of the
/// same grants finds them stored.
@Suite struct GrantKeysUpgradeTests {
    /// Two users whose ids are canonically equal ("é" composed and decomposed), ids with a NUL, and one client
    /// id in two tenants: each its own key.
    static let grants = [
        ("contoso", TenantGrant(id: "g1", clientId: "app-1", consentType: "AllPrincipals", principalId: nil, resourceId: "graph",
                                scope: "User.Read Mail.Read")),
        ("contoso", TenantGrant(id: "g2", clientId: "app-1", consentType: "Principal", principalId: "caf\u{E9}", resourceId: "graph",
                                scope: "User.Read")),
        ("contoso", TenantGrant(id: "g3", clientId: "app-1", consentType: "Principal", principalId: "cafe\u{301}", resourceId: "graph",
                                scope: "User.Read")),
        ("contoso", TenantGrant(id: "g4", clientId: "app\u{0}2", consentType: "Principal", principalId: "user\u{0}x", resourceId: "graph",
                                scope: "User.Read Mail.Read")),
        ("fabrikam", TenantGrant(id: "g5", clientId: "app-1", consentType: "Principal", principalId: "caf\u{E9}", resourceId: "graph",
                                 scope: "User.Read")),
    ]

    /// The grants as 0024 stored them, present from 2026-11-01 on, with the hashes an import made.
    static var history: String {
        func text(_ value: String?) -> String {
            guard let value else { return "NULL" }
            // A NUL cannot be in an SQL literal: char(0) joins the pieces.
            return value.split(separator: "\u{0}", omittingEmptySubsequences: false).map { "'\($0)'" }.joined(separator: " || char(0) || ")
        }
        let day = AsOfDate.dayNumber("2026-11-01")!
        let rows = grants.enumerated().map { index, entry in
            let (tenant, grant) = entry
            let scopeSet = grant.scope == "User.Read" ? 2 : 1
            return "(\(index + 1), '\(tenant)', '\(grant.id)', \(text(grant.clientId)), '\(grant.consentType)', \(text(grant.principalId)), "
                + "'\(grant.resourceId)', \(scopeSet), '\(SHA256.hex(grant.contentBytes))')"
        }
        return """
            INSERT INTO tenant VALUES (1, 'contoso'), (2, 'fabrikam');
            INSERT INTO tenantObject (tenantId, id) VALUES ('contoso', 'graph');
            INSERT INTO tenantSnapshot (id, tenantId, asOf, contentHash, importedAt) VALUES
                (1, 'contoso', '2026-11-01', 'c1', '2026-11-01T00:00:00Z'), (2, 'fabrikam', '2026-11-01', 'c2', '2026-11-01T00:00:00Z');
            INSERT INTO scopeSet VALUES (1, 'User.Read Mail.Read', \(ScopeSetHash.of("User.Read Mail.Read"))), (2, 'User.Read', \(ScopeSetHash.of("User.Read")));
            INSERT INTO scopeSetValue VALUES (1, 'Mail.Read'), (1, 'User.Read'), (2, 'User.Read');
            INSERT INTO oauth2PermissionGrant VALUES \(rows.joined(separator: ", "));
            INSERT INTO oauth2PermissionGrantRun SELECT versionKey, CASE tenantId WHEN 'contoso' THEN 1 ELSE 2 END, \(day), \(PresenceRuns.open)
                FROM oauth2PermissionGrant;
            """
    }

    /// What the upgrade must keep, each as the sqlite3 shell prints it (ids in hex: a NUL ends the shell's text).
    static let reads = [
        """
        SELECT versionKey, hex(tenantId), hex(id), hex(clientId), consentType, hex(principalId), hex(resourceId), scopeSetKey, contentHash
        FROM oauth2PermissionGrant ORDER BY versionKey
        """,
        "SELECT snapshotKey, asOf, hex(id), hex(principalId), scope, contentHash FROM oauth2PermissionGrantAt ORDER BY snapshotKey, versionKey",
        "SELECT snapshotKey, hex(clientId), permission, consentType, principalCount FROM permissionHolding ORDER BY 1, 2, 3, 4",
    ]

    @Test func grantsBeforeInternedKeysReadTheSameAndAreFoundByTheNextImport() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let upTo0024 = Array(EmbeddedFiles.migrations.prefix { $0.name != "0025_key_grants_by_interned_ids.sql" })
        #expect(upTo0024.count == 24)
        try UpgradeTests.sqlite3(path, "BEGIN;\n" + upTo0024.map(\.text).joined(separator: "\n") + Self.history
            + "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);"
            + upTo0024.map { "INSERT INTO grdb_migrations VALUES ('\($0.name)');" }.joined() + "COMMIT;")
        let readsBefore = try Self.reads.map { try AppendKeysUpgradeTests.rows(path, $0) }
        #expect(readsBefore[0].split(separator: "\n").count == 5)
        #expect(readsBefore[2].split(separator: "\n").count == 6)

        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        for (sql, rows) in zip(Self.reads, readsBefore) {
            #expect(try AppendKeysUpgradeTests.rows(path, sql) == rows, "\(sql)")
        }
        // Each tenant's users and objects apart, by their bytes.
        #expect(try database.query("SELECT tenantKey, hex(id) FROM tenantUser ORDER BY userKey").rows.count == 4)
        #expect(try database.query("SELECT count(*) FROM tenantObject").rows == [[.integer(5)]])
        let checks = try database.check()
        for name in ["tenant versions", "foreign_key_check", "integrity_check"] {
            #expect(checks.first { $0.name == name }?.passed == true, "\(name): \(checks)")
        }

        // The next week's export of contoso holds the same four grants: found by their stored digests, none added.
        let contoso = Self.grants.filter { $0.0 == "contoso" }.map(\.1)
        let outcome = try database.importExports(catalog: [], tenant: TenantStream(tenantId: "contoso", asOf: "2026-11-08", fileSetHash: { "f" }) { sink in
            for grant in contoso { try sink.add(TenantRecord(.grant(grant))) }
        })
        #expect(outcome.tenant?.grantCount == 4)
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrantVersion").rows == [[.integer(5)]])
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrantAt WHERE asOf = '2026-11-08'").rows == [[.integer(4)]])
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT principalCount FROM permissionHolding WHERE asOf = '2026-11-08' AND consentType = 'Principal' ORDER BY 1")
            == "1\n1\n2\n")
    }
}
