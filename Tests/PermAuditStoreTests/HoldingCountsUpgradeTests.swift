import Foundation
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

/// Migration 0030 moves a holding's number of users from its identity to its presence runs: a database whose
/// holdings' users changed from week to week keeps every snapshot's holdings, has one holding where it had one
/// per count, and the next import changes a count by a run, not by a holding.
@Suite struct HoldingCountsUpgradeTests {
    /// contoso's weeks: app-1's User.Read goes from two users to one and back, Mail.Read is granted
    /// tenant-wide throughout; app-2 comes in the third week. fabrikam has one week.
    static let weeks: [(tenant: String, asOf: String, grants: [(id: String, client: String, user: String?, scope: String)])] = [
        ("contoso", "2026-11-01", [("g1", "app-1", "u1", "User.Read"), ("g2", "app-1", "u2", "User.Read"), ("g3", "app-1", nil, "Mail.Read")]),
        ("contoso", "2026-11-08", [("g1", "app-1", "u1", "User.Read"), ("g3", "app-1", nil, "Mail.Read")]),
        ("contoso", "2026-11-15", [("g1", "app-1", "u1", "User.Read"), ("g4", "app-1", "u2", "User.Read Files.Read"), ("g3", "app-1", nil, "Mail.Read"),
                                   ("g5", "app-2", "u1", "User.Read")]),
        ("fabrikam", "2026-11-01", [("g9", "app-9", "u1", "User.Read"), ("g8", "app-9", "u2", "User.Read")]),
    ]

    /// Each snapshot's stored holdings, with the users of each: `count` is where the schema keeps them.
    static func storedHoldings(count: String) -> String {
        """
        SELECT s.snapshotKey, c.id, r.id, p.name, h.consentType, \(count)
        FROM tenantSnapshotDay s
        JOIN holdingRun hp ON hp.tenantKey = s.tenantKey AND hp.firstDay <= s.day AND s.day <= hp.lastDay
        JOIN holding h ON h.holdingKey = hp.holdingKey
        JOIN tenantObject c ON c.objectKey = h.clientKey
        JOIN tenantObject r ON r.objectKey = h.resourceKey
        JOIN heldPermission p ON p.permissionKey = h.permissionKey
        ORDER BY 1, 2, 3, 4, 5
        """
    }

    static func stream(_ week: (tenant: String, asOf: String, grants: [(id: String, client: String, user: String?, scope: String)])) -> TenantStream {
        TenantStream(tenantId: week.tenant, asOf: week.asOf, fileSetHash: { week.tenant + week.asOf }) { sink in
            for grant in week.grants {
                try sink.add(TenantRecord(.grant(TenantGrant(id: grant.id, clientId: grant.client, consentType: grant.user == nil ? "AllPrincipals" : "Principal",
                                                             principalId: grant.user, resourceId: "graph", scope: grant.scope))))
            }
        }
    }

    @Test func holdingsWhoseUsersChangedBecomeOneHoldingWithARunPerCount() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Imported into a new database, then copied into one that 0029 made (a holding for each count).
        let made = folder.appendingPathComponent("made.sqlite").path
        let madeDatabase = try AppDatabase.open(path: made)
        for week in Self.weeks { _ = try madeDatabase.importExports(catalog: [], tenant: Self.stream(week)) }
        let path = folder.appendingPathComponent("db.sqlite").path
        try OlderSchemaCopy.write(path, before: "0030_store_user_counts_in_holding_runs.sql", holding: made)
        let before = try AppendKeysUpgradeTests.rows(path, Self.storedHoldings(count: "h.principalCount"))
        #expect(before.contains("|Principal|2\n") && before.contains("|Principal|1\n") && before.contains("|AllPrincipals|0\n"), "\(before)")
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM holding") == "6\n")
        let runsBefore = try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM holdingRun")

        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        #expect(try AppendKeysUpgradeTests.rows(path, Self.storedHoldings(count: "hp.principalCount")) == before)
        // app-1's User.Read had a holding per count (2, 1): one now, with a run for each.
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM holding") == "5\n")
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM holdingRun") == runsBefore)
        try ScopeSetKeysUpgradeTests.expectSoundScopeSets(database)

        // A fourth week: app-1's User.Read down to one user again, app-2's gone. No holding is added.
        _ = try database.importExports(catalog: [], tenant: Self.stream(("contoso", "2026-11-22", [
            ("g1", "app-1", "u1", "User.Read"), ("g3", "app-1", nil, "Mail.Read"),
        ])))
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM holding") == "5\n")
        let latest = try AppendKeysUpgradeTests.rows(path, """
            SELECT p.name, h.consentType, hp.principalCount, date(hp.firstDay * 86400, 'unixepoch') FROM holding h
            JOIN holdingRun hp ON hp.holdingKey = h.holdingKey AND hp.lastDay = \(PresenceRuns.open)
            JOIN heldPermission p ON p.permissionKey = h.permissionKey
            JOIN tenant t ON t.tenantKey = hp.tenantKey AND t.tenantId = 'contoso'
            ORDER BY 1, 2
            """)
        #expect(latest == "Mail.Read|AllPrincipals|0|2026-11-01\nUser.Read|Principal|1|2026-11-22\n", "\(latest)")
        try ScopeSetKeysUpgradeTests.expectSoundScopeSets(database)
    }
}
