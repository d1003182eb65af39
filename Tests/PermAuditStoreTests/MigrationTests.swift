import Foundation
import PermAuditStore
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

    @Test func embeddedSeedsAreTheFilesInSeeds() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("Seeds")
        let embedded = EmbeddedFiles.seeds + EmbeddedFiles.sampleTenant
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".csv") || $0.hasSuffix(".xml") }.sorted()
        #expect(embedded.map(\.name).sorted() == onDisk, "add every Seeds/ file to Sources/PermAuditEmbedded/Embedded.c")
        for file in embedded {
            #expect(Data(file.bytes) == (try Data(contentsOf: folder.appendingPathComponent(file.name))), "\(file.name)")
        }
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
