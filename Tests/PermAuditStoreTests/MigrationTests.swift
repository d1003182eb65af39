import Foundation
import GRDB
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

@Suite struct MigrationTests {
    @Test func embeddedMigrationsAreExactlyTheFilesInMigrations() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("Migrations")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        let embedded = EmbeddedFiles.migrations
        #expect(embedded.map(\.name) == names, "add every Migrations/*.sql file to Sources/PermAuditEmbedded/Embedded.c")
        for file in embedded {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent(file.name))
            #expect(Data(file.bytes) == onDisk, "\(file.name) differs from the embedded copy")
        }
    }

    @Test func theSeedFilesAndTheEmbeddedSampleTenantAreTheFilesInSeeds() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("Seeds")
        let embedded = EmbeddedFiles.sampleTenant
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".csv") || $0.hasSuffix(".xml") }.sorted()
        #expect((embedded.map(\.name) + SeedFiles.names).sorted() == onDisk,
                "name every seed in SeedFiles (Tests/PermAuditTestSupport) and every sample file in Sources/PermAuditEmbedded/Embedded.c")
        for file in embedded {
            #expect(Data(file.bytes) == (try Data(contentsOf: folder.appendingPathComponent(file.name))), "\(file.name)")
        }
        // SwiftPM does not rebuild Embedded.c when only an #embed file changed: a new image needs a touch.
        #expect(Data(EmbeddedFiles.seedImage) == (try Data(contentsOf: folder.appendingPathComponent("default-catalog.sqlite.zlib"))),
                "Seeds/default-catalog.sqlite.zlib differs from the embedded copy: touch Sources/PermAuditEmbedded/Embedded.c and build")
    }

    @Test func migrationNamesFollowNumberVerbObject() {
        for file in EmbeddedFiles.migrations {
            #expect(file.name.range(of: #"^\d{4}_[a-z]+(_[a-z]+)+\.sql$"#, options: .regularExpression) != nil, "\(file.name)")
        }
    }

    @Test func allMigrationsAreRecordedInTheDatabase() throws {
        let database = try AppDatabase.inMemory()
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
    }

    /// The schema after all migrations, pinned: a change here must come from a new migration.
    @Test func schemaMatchesThePinnedDefinition() throws {
        let database = try AppDatabase.inMemory()
        let pinned = try String(contentsOfFile: Fixtures.path("schema.sql"), encoding: .utf8)
        let actual = try database.schemaDefinition()
        #expect(actual == pinned, "schema changed: if a new migration meant it, update Tests/Fixtures/schema.sql")
    }

    /// Migration 0024: holding's consent type is still checked, by comparisons that need no temporary b-tree per row.
    @Test func holdingConsentTypesAreCheckedWithoutATemporaryTable() throws {
        let database = try AppDatabase.inMemory()
        func insert(_ consentType: String) -> String {
            "INSERT INTO holding (clientKey, resourceKey, permissionKey, consentType) VALUES (1, 1, 1, '\(consentType)')"
        }
        try database.writer.writeWithoutTransaction { db in
            let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + insert("Principal")).map { $0["opcode"] as String }
            #expect(opcodes.contains("Insert"))
            #expect(!opcodes.contains("OpenEphemeral"), "\(opcodes)")
            // Foreign keys off, so that only the check can refuse a row.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: insert("Principal"))
            for consentType in ["principal", "Principals", "", "AllPrincipals "] {
                #expect(throws: DatabaseError.self, "\(consentType)") { try db.execute(sql: insert(consentType)) }
            }
            try db.execute(sql: "DELETE FROM holding; PRAGMA foreign_keys = ON")
        }
    }

    @Test func databaseFileIsPrivateWithWALAndForeignKeys() throws {
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("audit.sqlite").path
        let database = try AppDatabase.open(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let pragmas = try database.query("SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT foreign_keys FROM pragma_foreign_keys)")
        #expect(pragmas.rows == [[.text("wal"), .integer(1)]])
    }
}

/// Databases made by earlier schemas upgrade in place; others are refused and left as they were.
@Suite struct UpgradeTests {
    static func copy(_ fixture: String) throws -> String {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("db.sqlite").path
        try FileManager.default.copyItem(atPath: Fixtures.path(fixture), toPath: path)
        return path
    }

    /// Changes a file the way another program would: through the sqlite3 shell.
    static func sqlite3(_ path: String, _ sql: String) throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path]
        // On its input: every migration's text is longer than one argument may be (128 KiB).
        let input = Pipe()
        shell.standardInput = input
        try shell.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
    }

    static func count(_ table: String, _ database: AppDatabase) throws -> Int64? {
        guard case .integer(let count)? = try database.query("SELECT count(*) FROM \(table)").rows.first?.first else { return nil }
        return count
    }

    @Test func theFirstSchemaUpgradesInPlaceWithoutLosingRows() throws {
        let database = try AppDatabase.open(path: Self.copy("upgrade/first-schema-83f74e5.sqlite"))
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        // The counts the fixture was made with (Tests/Fixtures/README.md).
        #expect(try Self.count("catalogSnapshot", database) == 6)
        #expect(try Self.count("permission", database) == 19)
        #expect(try Self.count("permissionVersion", database) == 76)
        #expect(try Self.count("apiPath", database) == 1386)
        let page = try database.permissionDetails(named: "CallDelegation.ReadWrite")
        #expect(page.first?.permission.permissionId == "599abf67-f72b-4b5f-98a3-cb38fe646118")
        #expect(page.first?.apiPaths.count == 14)
        // What the new migrations add is filled in: the search index, checked consistent.
        #expect(try database.searchPermissions("call delegation").hits.first?.permission == "CallDelegation.ReadWrite")
        let checks = try database.check()
        #expect(checks.filter { !$0.passed }.isEmpty, "\(checks)")
        #expect(checks.count == 14)
    }

    /// Lists imported under 0008 (one row per content, no import table) become one import each; the policy in
    /// effect is still the one imported last, and its rules are all there.
    @Test func risksListsStoredBeforeImportsWereRecordedUpgradeToOneImportEach() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("db.sqlite").path
        let migrations = Array(EmbeddedFiles.migrations.prefix { $0.name != "0009_record_risk_imports.sql" })
        #expect(migrations.count == 8)
        let lists = """
            INSERT INTO riskList VALUES (1, 'policy', '2027-01-01', 'a.yaml', 'aa', 'ha', 1, '2026-11-01T00:00:00Z');
            INSERT INTO riskList VALUES (2, 'policy', '2026-01-01', 'b.json', 'bb', 'hb', 1, '2026-11-02T00:00:00Z');
            INSERT INTO riskPolicyRule (listKey, position, permission, tier) VALUES (1, 0, 'Mail.*', 0), (2, 0, '*', 2);
            """
        try Self.sqlite3(path, "BEGIN;\n" + migrations.map(\.text).joined(separator: "\n")
            + "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);"
            + migrations.map { "INSERT INTO grdb_migrations VALUES ('\($0.name)');" }.joined() + lists + "COMMIT;")
        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        #expect(try Self.count("riskList", database) == 2)
        #expect(try Self.count("riskPolicyRule", database) == 2)
        #expect(try database.riskLists().map { "\($0.id) \($0.list) \($0.asOf) \($0.inEffect)" } == ["1 1 2027-01-01 false", "2 2 2026-01-01 true"])
        #expect(try database.currentRisk().policy.rules.map(\.permission) == ["*"])
    }

    @Test func aNewerPermauditsDatabaseIsRefusedAndLeftAsItWas() throws {
        let path = try Self.copy("upgrade/first-schema-83f74e5.sqlite")
        _ = try AppDatabase.open(path: path)
        // A migration this permaudit does not know, as a newer one would have applied.
        try Self.sqlite3(path, "INSERT INTO grdb_migrations VALUES ('0099_add_future.sql')")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try AppDatabase.open(path: path) }
        #expect(error.description.hasSuffix("written by a newer permaudit (schema 0099_add_future.sql; this permaudit knows up to "
            + "\(EmbeddedFiles.migrations.last!.name)); nothing was changed: use the newer permaudit"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anotherProgramsDatabaseIsNotMigrated() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("other.sqlite").path
        try Self.sqlite3(path, "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Ada')")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try AppDatabase.open(path: path) }
        #expect(error.description == "\(path): not a permaudit database (it holds other tables: people); nothing was changed: give another --db path")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
