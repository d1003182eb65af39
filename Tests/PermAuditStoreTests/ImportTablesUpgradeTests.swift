import Foundation
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

/// Migration 0026 rebuilds the tables an import writes for every grant (holdings, presence runs, users,
/// scope values) without their foreign keys: a database with history keeps every row, key, index and view
/// read, and `check` verifies the keys instead.
@Suite struct ImportTablesUpgradeTests {
    /// (scopeSetValue was rebuilt too; migration 0029 made it a view, read below.)
    static let rebuilt = ["holding", "holdingRun", "servicePrincipalRun", "oauth2PermissionGrantRun", "appRoleAssignmentRun", "tenantUser"]

    /// What the upgrade must keep, each as the sqlite3 shell prints it. (Holdings keep their users in their
    /// runs since 0030: their rows are compared as each snapshot's holdings, below.)
    static let reads = rebuilt.filter { !$0.hasPrefix("holding") }.map { "SELECT * FROM \($0) ORDER BY 1, 2, 3" } + [
        "SELECT * FROM scopeSetValue ORDER BY 1, 2",
        "SELECT type, name, tbl_name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('\(rebuilt.joined(separator: "', '"))') ORDER BY name",
        "SELECT holdingKey, tenantId, firstSeen, lastSeen FROM holdingPresence ORDER BY holdingKey, firstSeen",
        "SELECT * FROM tenantPresence ORDER BY collection, versionKey, firstSeen",
        "SELECT snapshotKey, asOf, id, scope FROM oauth2PermissionGrantAt ORDER BY snapshotKey, id",
        "SELECT snapshotKey, clientId, permission, consentType, principalCount FROM permissionHolding ORDER BY 1, 2, 3, 4",
        // Migration 0027 defines servicePrincipalAt over servicePrincipalVersion: the same rows and publishers.
        "SELECT snapshotKey, asOf, id, versionKey, displayName, publisher FROM servicePrincipalAt ORDER BY 1, 3",
    ]

    static func principal(_ id: String, name: String) -> TenantServicePrincipal {
        var principal = TenantServicePrincipal(id: id)
        principal.appId = "app-of-" + id
        principal.displayName = name
        return principal
    }

    static func grant(_ id: String, client: String, user: String?, scope: String) -> TenantRecord {
        TenantRecord(.grant(TenantGrant(id: id, clientId: client, consentType: user == nil ? "AllPrincipals" : "Principal", principalId: user,
                                        resourceId: "graph", scope: scope)))
    }

    static let graph = TenantRecord(.servicePrincipal(principal("graph", name: "Microsoft Graph")))
    static let role = TenantRecord(.assignment(TenantAssignment(
        id: "a1", appRoleId: "role-1", principalId: "app-1", principalType: "ServicePrincipal", principalDisplayName: "App One",
        resourceId: "graph", resourceDisplayName: "Microsoft Graph", createdDateTime: nil)))

    /// Two weeks of contoso (a grant revoked, one added, an app renamed) and a week of fabrikam, as an
    /// import stores them.
    static func importHistory(_ database: AppDatabase) throws {
        let weeks: [(String, String, [TenantRecord])] = [
            ("contoso", "2026-11-01", [graph, TenantRecord(.servicePrincipal(principal("app-1", name: "App One"))), role,
                                       grant("g1", client: "app-1", user: nil, scope: "User.Read Mail.Read"),
                                       grant("g2", client: "app-1", user: "u1", scope: "User.Read"),
                                       grant("g3", client: "app-1", user: "u2", scope: "User.Read")]),
            ("contoso", "2026-11-08", [graph, TenantRecord(.servicePrincipal(principal("app-1", name: "App One, renamed"))), role,
                                       grant("g1", client: "app-1", user: nil, scope: "User.Read Mail.Read"),
                                       grant("g3", client: "app-1", user: "u2", scope: "User.Read"),
                                       grant("g4", client: "app-1", user: "u3", scope: "User.Read Files.Read")]),
            ("fabrikam", "2026-11-01", [grant("g9", client: "app-9", user: "u1", scope: "User.Read")]),
        ]
        for (tenant, asOf, records) in weeks {
            _ = try database.importExports(catalog: [], tenant: TenantStream(tenantId: tenant, asOf: asOf, fileSetHash: { tenant + asOf }) { sink in
                for record in records { try sink.add(record) }
            })
        }
    }

    @Test func historyKeepsEveryRowKeyAndIndexWithoutForeignKeys() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The history is imported into a new database, then copied into one that 0025 made: the tables'
        // columns did not change, only their constraints. The schema's notes are the migrations' own.
        let made = folder.appendingPathComponent("made.sqlite").path
        try Self.importHistory(try AppDatabase.open(path: made))
        let path = folder.appendingPathComponent("db.sqlite").path
        // (The tables of remembered elements, of migrations 0028 and 0032, are left out: a database of 0025 had none.)
        try OlderSchemaCopy.write(path, before: "0026_declare_no_foreign_keys_on_import_tables.sql", holding: made)
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM pragma_foreign_key_list('holding')") == "3\n")
        let readsBefore = try Self.reads.map { try AppendKeysUpgradeTests.rows(path, $0) }
        #expect(readsBefore[1].split(separator: "\n").count == 5, "\(readsBefore[1])")
        let holdingsBefore = try AppendKeysUpgradeTests.rows(path, HoldingCountsUpgradeTests.storedHoldings(count: "h.principalCount"))
        #expect(holdingsBefore.split(separator: "\n").count == 10, "\(holdingsBefore)")
        let runsBefore = try #require(Int64(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM holdingRun").dropLast()))

        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        for (sql, rows) in zip(Self.reads, readsBefore) {
            #expect(try AppendKeysUpgradeTests.rows(path, sql) == rows, "\(sql)")
        }
        #expect(try AppendKeysUpgradeTests.rows(path, HoldingCountsUpgradeTests.storedHoldings(count: "hp.principalCount")) == holdingsBefore)
        for table in Self.rebuilt {
            #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM pragma_foreign_key_list('\(table)')") == "0\n", "\(table)")
        }
        let checks = try database.check()
        for name in ["integrity_check", "foreign_key_check", "tenant snapshots", "tenant versions", "tenant keys", "scope sets", "holdings"] {
            #expect(checks.first { $0.name == name }?.passed == true, "\(name): \(checks)")
        }

        // The next week's export of contoso, as the last: nothing new is stored, its runs go on.
        let week = try Self.importedAgain(database)
        #expect(week.grantCount == 3)
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrantVersion").rows == [[.integer(5)]])
        #expect(try database.query("SELECT count(*) FROM holdingRun").rows == [[.integer(runsBefore)]])
        let checksAfter = try database.check()
        for name in ["tenant snapshots", "tenant versions", "tenant keys", "holdings"] {
            #expect(checksAfter.first { $0.name == name }?.passed == true, "\(name): \(checksAfter)")
        }
    }

    private static func importedAgain(_ database: AppDatabase) throws -> TenantImportOutcome {
        let outcome = try database.importExports(catalog: [], tenant: TenantStream(tenantId: "contoso", asOf: "2026-11-15", fileSetHash: { "again" }) { sink in
            try sink.add(graph)
            try sink.add(TenantRecord(.servicePrincipal(principal("app-1", name: "App One, renamed"))))
            try sink.add(role)
            try sink.add(grant("g1", client: "app-1", user: nil, scope: "User.Read Mail.Read"))
            try sink.add(grant("g3", client: "app-1", user: "u2", scope: "User.Read"))
            try sink.add(grant("g4", client: "app-1", user: "u3", scope: "User.Read Files.Read"))
        })
        return try #require(outcome.tenant)
    }
}
