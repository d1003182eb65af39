import Foundation
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

/// Migration 0029 stores a scope set's values as heldPermission keys in its own row, and its scope string only
/// when the names joined by single spaces would not give it back: a database with history reads the same
/// grants, scopes and holdings after it, `check` passes, and the next import finds the scope sets stored before.
@Suite struct ScopeSetKeysUpgradeTests {
    /// Strings the names joined by single spaces give back, and strings they do not.
    static let scopes = ["User.Read Mail.Read", "Mail.Read User.Read", "User.Read  Mail.Read", " Files.Read", "User.Read User.Read", "",
                         "Caf\u{E9}.Read", "Cafe\u{301}.Read", "Evil\u{0}.Scope User.Read"]

    static let reads = [
        "SELECT snapshotKey, id, quote(scope) FROM oauth2PermissionGrantAt ORDER BY 1, 2",
        "SELECT scopeSetKey, quote(value) FROM scopeSetValue ORDER BY 1, 2",
        "SELECT snapshotKey, grantId, quote(permission) FROM delegatedGrantScope ORDER BY 1, 2, 3",
        "SELECT snapshotKey, clientId, quote(permission), consentType, principalCount FROM permissionHolding ORDER BY 1, 2, 3, 4",
        "SELECT holdingKey, clientKey, resourceKey, permissionKey, consentType FROM holding ORDER BY 1",
    ]

    static func week(_ asOf: String, scopes: [String]) -> TenantStream {
        TenantStream(tenantId: "contoso", asOf: asOf, fileSetHash: { asOf }) { sink in
            for (number, scope) in scopes.enumerated() {
                try sink.add(TenantRecord(.grant(TenantGrant(id: "g\(number)", clientId: "app-\(number % 3)", consentType: "Principal",
                                                             principalId: "u\(number)", resourceId: "graph", scope: scope))))
            }
        }
    }

    @Test func historyReadsTheSameAndTheNextImportFindsItsScopeSets() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Imported into a new database, then copied into one that 0028 made, with a scope set no grant names
        // whose value is no held permission yet.
        let made = folder.appendingPathComponent("made.sqlite").path
        _ = try AppDatabase.open(path: made).importExports(catalog: [], tenant: Self.week("2026-11-01", scopes: Self.scopes))
        let path = folder.appendingPathComponent("db.sqlite").path
        let orphan = "Orphan.Scope"
        try OlderSchemaCopy.write(path, before: "0029_store_scope_sets_as_permission_keys.sql", holding: made, then: """
            INSERT INTO main.scopeSet VALUES (1000, '\(orphan)', \(ScopeSetHash.of(orphan)));
            INSERT INTO main.scopeSetValue VALUES (1000, '\(orphan)');
            """)
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM scopeSet") == "\(Self.scopes.count + 1)\n")
        let readsBefore = try Self.reads.map { try AppendKeysUpgradeTests.rows(path, $0) }
        #expect(readsBefore[0].split(separator: "\n").count == Self.scopes.count, "\(readsBefore[0])")
        #expect(readsBefore[0].contains("'User.Read  Mail.Read'") && readsBefore[0].contains("''"), "\(readsBefore[0])")

        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        for (sql, rows) in zip(Self.reads, readsBefore) {
            #expect(try AppendKeysUpgradeTests.rows(path, sql) == rows, "\(sql)")
        }
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT quote(value) FROM scopeSetValue WHERE scopeSetKey = 1000") == "'\(orphan)'\n")
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM scopeSet WHERE scope IS NULL") == "0\n")
        try Self.expectSoundScopeSets(database)

        // A week later: every string of before is found, two new ones are stored, the one the names give back
        // without its string.
        let next = Self.scopes + ["Files.Read User.Read", "Files.Read\tMail.Read"]
        _ = try database.importExports(catalog: [], tenant: Self.week("2026-11-08", scopes: next))
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT count(*) FROM scopeSet") == "\(Self.scopes.count + 3)\n")
        #expect(try AppendKeysUpgradeTests.rows(path, "SELECT quote(scope) FROM scopeSet WHERE scopeSetKey > 1000 ORDER BY 1") == """
            'Files.Read\tMail.Read'
            NULL

            """)
        #expect(try AppendKeysUpgradeTests.rows(path, """
            SELECT quote(scope) FROM oauth2PermissionGrantAt WHERE asOf = '2026-11-08' AND id IN ('g9', 'g10') ORDER BY id
            """) == "'Files.Read\tMail.Read'\n'Files.Read User.Read'\n")
        try Self.expectSoundScopeSets(database)
    }

    /// A new database stores a scope string only where the names joined by single spaces would not give it
    /// back, and every view gives back each grant's string as the export had it.
    @Test func scopeStringsAreGivenBackWhetherStoredOrNot() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let database = try AppDatabase.open(path: path)
        _ = try database.importExports(catalog: [], tenant: Self.week("2026-11-01", scopes: Self.scopes))
        let stored = try AppendKeysUpgradeTests.rows(path, "SELECT quote(scope) FROM scopeSet WHERE scope IS NOT NULL ORDER BY scopeSetKey")
        #expect(stored == "'User.Read  Mail.Read'\n' Files.Read'\n'User.Read User.Read'\n''\n", "\(stored)")
        let given = try database.query("SELECT scope FROM oauth2PermissionGrantAt ORDER BY CAST(substr(id, 2) AS INTEGER)").rows
        #expect(given == Self.scopes.map { [.text($0)] }, "\(given)")
        try Self.expectSoundScopeSets(database)
    }

    static func expectSoundScopeSets(_ database: AppDatabase) throws {
        let checks = try database.check()
        for name in ["integrity_check", "tenant versions", "tenant keys", "scope sets", "holdings"] {
            #expect(checks.first { $0.name == name }?.passed == true, "\(name): \(checks)")
        }
    }
}
