import Foundation
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

/// Migration 0018 stores holdings: a database with tenant history from before it gets every snapshot's
/// holdings, with presence runs that follow the history's gaps, and `check` finds them equal to its grants.
/// Migration 0019 then opens the runs that reach the latest snapshot.
@Suite struct HoldingsUpgradeTests {
    /// Three weekly snapshots of one tenant, as 0017 stored them: app-a's user-1 drops Mail.Read in the
    /// second week and consents to it again in the third (a gap); app-b gets a tenant-wide grant in the
    /// second week and loses its app role in the third; a user's app role assignment is no holding.
    static let history = """
        INSERT INTO tenantSnapshot (id, tenantId, asOf, contentHash, importedAt) VALUES
            (1, 'contoso', '2026-11-01', 'c1', '2026-11-01T00:00:00Z'),
            (2, 'contoso', '2026-11-08', 'c2', '2026-11-08T00:00:00Z'),
            (3, 'contoso', '2026-11-15', 'c3', '2026-11-15T00:00:00Z');
        INSERT INTO scopeSet VALUES (1, ' User.Read  Mail.Read'), (2, 'User.Read');
        INSERT INTO scopeSetValue VALUES (1, 'Mail.Read'), (1, 'User.Read'), (2, 'User.Read');
        INSERT INTO oauth2PermissionGrant VALUES
            (1, 'contoso', 'g1', 'app-a', 'Principal', 'user-1', 'graph', 1, 'h1'),
            (2, 'contoso', 'g1', 'app-a', 'Principal', 'user-1', 'graph', 2, 'h2'),
            (3, 'contoso', 'g2', 'app-a', 'Principal', 'user-2', 'graph', 2, 'h3'),
            (4, 'contoso', 'g3', 'app-b', 'AllPrincipals', NULL, 'graph', 1, 'h4');
        INSERT INTO appRoleAssignment VALUES
            (1, 'contoso', 'a1', 'role-x', 'app-b', 'ServicePrincipal', NULL, 'graph', NULL, NULL, 'h5'),
            (2, 'contoso', 'a2', 'role-x', 'user-1', 'User', NULL, 'graph', NULL, NULL, 'h6');
        INSERT INTO tenantPresence VALUES
            ('oauth2PermissionGrant', 1, 'contoso', '2026-11-01', '2026-11-01'),
            ('oauth2PermissionGrant', 1, 'contoso', '2026-11-15', '2026-11-15'),
            ('oauth2PermissionGrant', 2, 'contoso', '2026-11-08', '2026-11-08'),
            ('oauth2PermissionGrant', 3, 'contoso', '2026-11-01', '2026-11-15'),
            ('oauth2PermissionGrant', 4, 'contoso', '2026-11-08', '2026-11-15'),
            ('appRoleAssignment', 1, 'contoso', '2026-11-01', '2026-11-08'),
            ('appRoleAssignment', 2, 'contoso', '2026-11-01', '2026-11-15');
        INSERT INTO grantGroup SELECT snapshotKey, clientId, resourceId, consentType, scopeSetKey, count(DISTINCT principalId)
            FROM oauth2PermissionGrantAt GROUP BY snapshotKey, clientId, resourceId, consentType, scopeSetKey;
        """

    @Test func historyBeforeStoredHoldingsUpgradesToHoldingsWithTheirRuns() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let migrations = Array(EmbeddedFiles.migrations.prefix { $0.name != "0018_store_holdings.sql" })
        #expect(migrations.count == 17)
        try UpgradeTests.sqlite3(path, "BEGIN;\n" + migrations.map(\.text).joined(separator: "\n")
            + "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);"
            + migrations.map { "INSERT INTO grdb_migrations VALUES ('\($0.name)');" }.joined() + Self.history + "COMMIT;")

        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        let runs = try database.query("""
            SELECT c.id || ' ' || p.name || ' ' || h.consentType || ' ' || hp.principalCount || ' ' || hp.firstSeen || '..' || hp.lastSeen
            FROM holdingPresence hp JOIN holding h ON h.holdingKey = hp.holdingKey
            JOIN tenantObject c ON c.objectKey = h.clientKey JOIN heldPermission p ON p.permissionKey = h.permissionKey
            ORDER BY 1
            """).rows.map { row -> String in if case .text(let run) = row[0] { run } else { "\(row)" } }
        #expect(runs == [
            "app-a Mail.Read Principal 1 2026-11-01..2026-11-01",
            "app-a Mail.Read Principal 1 2026-11-15..9999-12-31",
            "app-a User.Read Principal 2 2026-11-01..9999-12-31",
            "app-b Mail.Read AllPrincipals 0 2026-11-08..9999-12-31",
            "app-b User.Read AllPrincipals 0 2026-11-08..9999-12-31",
            "app-b role-x Application 0 2026-11-01..2026-11-08",
        ])
        // 0019: the runs that reached the latest snapshot (2026-11-15) are open; the others keep their last date.
        #expect(try database.query("""
            SELECT collection || ' ' || versionKey || ' ' || firstSeen || '..' || lastSeen FROM tenantPresence ORDER BY 1
            """).rows == [
                "appRoleAssignment 1 2026-11-01..2026-11-08", "appRoleAssignment 2 2026-11-01..9999-12-31",
                "oauth2PermissionGrant 1 2026-11-01..2026-11-01", "oauth2PermissionGrant 1 2026-11-15..9999-12-31",
                "oauth2PermissionGrant 2 2026-11-08..2026-11-08", "oauth2PermissionGrant 3 2026-11-01..9999-12-31",
                "oauth2PermissionGrant 4 2026-11-08..9999-12-31",
            ].map { [.text($0)] })
        // The hand-made hashes fail their own checks (without crashing them); the holdings match their grants.
        let checks = try database.check()
        #expect(checks.first { $0.name == "holdings" }?.passed == true, "\(checks)")
        #expect(checks.first { $0.name == "tenant snapshots" }?.passed == false, "\(checks)")
        #expect(checks.first { $0.name == "foreign_key_check" }?.passed == true, "\(checks)")
        // Unresolved (no service principals, no catalog): the app role is named by its id.
        #expect(try database.permissionHoldings(snapshotId: 2).map { "\($0.clientId) \($0.permission ?? $0.permissionId ?? "-") \($0.principalCount ?? 0)" }.sorted()
                == ["app-a User.Read 2", "app-b Mail.Read 0", "app-b User.Read 0", "app-b role-x 0"].sorted())
    }
}
