import Foundation
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

/// Migration 0023 stores presence runs as integers (a tenant key, day numbers, a run table per collection):
/// a database with history from before reads the same through `tenantPresence`, `holdingPresence`,
/// `tenantSnapshotObject` and the views over snapshots, and the runs hold the days the import computes.
@Suite struct PresenceRunsUpgradeTests {
    /// A second tenant, so that tenant keys are told apart: one service principal, present from its one snapshot.
    static let secondTenant = """
        INSERT INTO tenantSnapshot (id, tenantId, asOf, contentHash, importedAt) VALUES
            (4, 'fabrikam', '2024-02-29', 'c4', '2024-02-29T00:00:00Z');
        INSERT INTO servicePrincipal (versionKey, tenantId, id, appId, displayName, contentHash)
            VALUES (1, 'fabrikam', 'sp-f', 'app-f', 'Fabrikam App', 'h7');
        INSERT INTO tenantPresence VALUES ('servicePrincipal', 1, 'fabrikam', '2024-02-29', '9999-12-31');
        """

    /// What the upgrade must keep, each as the sqlite3 shell prints it.
    static let reads = [
        "SELECT * FROM tenantPresence ORDER BY collection, versionKey, firstSeen",
        "SELECT holdingKey, tenantId, firstSeen, lastSeen FROM holdingPresence ORDER BY holdingKey, firstSeen",
        "SELECT * FROM tenantSnapshotObject ORDER BY snapshotKey, collection, versionKey",
        "SELECT snapshotKey, asOf, id, publisher FROM servicePrincipalAt ORDER BY snapshotKey, id",
        "SELECT snapshotKey, asOf, id, scope FROM oauth2PermissionGrantAt ORDER BY snapshotKey, id",
        "SELECT snapshotKey, asOf, id FROM appRoleAssignmentAt ORDER BY snapshotKey, id",
        "SELECT snapshotKey, clientId, permission, consentType, principalCount FROM permissionHolding ORDER BY 1, 2, 3, 4",
    ]

    @Test func historyBeforeIntegerRunsReadsTheSameAfter() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let before = Array(EmbeddedFiles.migrations.prefix { $0.name != "0018_store_holdings.sql" })
        let upTo0022 = Array(EmbeddedFiles.migrations.prefix { $0.name != "0023_store_presence_as_integer_runs.sql" })
        #expect(upTo0022.count == 22)
        try UpgradeTests.sqlite3(path, "BEGIN;\n" + before.map(\.text).joined(separator: "\n") + HoldingsUpgradeTests.history
            + Self.secondTenant + upTo0022.dropFirst(before.count).map(\.text).joined(separator: "\n")
            + "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);"
            + upTo0022.map { "INSERT INTO grdb_migrations VALUES ('\($0.name)');" }.joined() + "COMMIT;")
        let readsBefore = try Self.reads.map { try AppendKeysUpgradeTests.rows(path, $0) }
        #expect(readsBefore[0].split(separator: "\n").count == 8)
        #expect(readsBefore[1].split(separator: "\n").count == 6)
        #expect(readsBefore[2].contains("fabrikam|2024-02-29|servicePrincipal|1|2024-02-29|9999-12-31"))

        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        for (sql, rows) in zip(Self.reads, readsBefore) {
            #expect(try AppendKeysUpgradeTests.rows(path, sql) == rows, "\(sql)")
        }
        // The runs hold the import's day numbers, under each tenant's own key.
        let open = try #require(AsOfDate.dayNumber("9999-12-31"))
        #expect(open == PresenceRuns.open)
        #expect(try database.query("""
            SELECT t.tenantId, p.versionKey, p.firstDay, p.lastDay FROM servicePrincipalRun p JOIN tenant t USING (tenantKey)
            """).rows == [[.text("fabrikam"), .integer(1), .integer(try #require(AsOfDate.dayNumber("2024-02-29"))), .integer(open)]])
        #expect(try database.query("""
            SELECT p.firstDay, p.lastDay FROM oauth2PermissionGrantRun p JOIN tenant t USING (tenantKey)
            WHERE t.tenantId = 'contoso' AND p.versionKey = 2
            """).rows == [[.integer(try #require(AsOfDate.dayNumber("2026-11-08"))), .integer(try #require(AsOfDate.dayNumber("2026-11-08")))]])
        let checks = try database.check()
        #expect(checks.first { $0.name == "holdings" }?.passed == true, "\(checks)")
        #expect(checks.first { $0.name == "foreign_key_check" }?.passed == true, "\(checks)")
    }

    /// Swift's day numbers are SQLite's, which the migration and the views compute, for every day of
    /// four centuries' leap rules and the ends of the range.
    @Test func dayNumbersAreSQLitesJulianDays() throws {
        let database = try AppDatabase.inMemory()
        let dates = try database.query("""
            WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 400 * 366)
            SELECT date('1900-01-01', '+' || n || ' days'), CAST(julianday('1900-01-01', '+' || n || ' days') - 2440587.5 AS INTEGER)
            FROM d WHERE n % 7 = 0 OR n % 365 < 3
            UNION ALL SELECT '0000-03-01', CAST(julianday('0000-03-01') - 2440587.5 AS INTEGER)
            UNION ALL SELECT '9999-12-31', CAST(julianday('9999-12-31') - 2440587.5 AS INTEGER)
            """).rows
        #expect(dates.count > 20_000)
        for row in dates {
            guard case .text(let date) = row[0], case .integer(let day) = row[1] else { Issue.record("\(row)"); continue }
            #expect(AsOfDate.dayNumber(date) == day, "\(date)")
        }
        #expect(AsOfDate.dayNumber("1970-01-01") == 0)
        for text in ["2026-13-01", "2026-00-10", "2026-01-32", "2026-1-01", "2026/01/01", "２０２６-01-01", "20260101xx"] {
            #expect(AsOfDate.dayNumber(text) == nil, "\(text)")
        }
    }
}
