import Foundation
import GRDB
@testable import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing

/// A new database starts as Seeds/default-catalog.sqlite.zlib, the seeds imported into a database and
/// compiled in. It must hold what importing the seeds gives now: the same schema and migrations, and every
/// table's rows, the import dates aside (both are dated alike). Run with PERMAUDIT_WRITE_SEED_IMAGE=1 to
/// write the image again from this import (after a change to the seeds or to what an import stores).
@Suite struct SeedImageTests {
    @Test func theImageHoldsWhatImportingTheSeedsGives() throws {
        let folder = try Fixtures.temporaryDirectory()
        let imported = try AppDatabase.open(path: folder.appendingPathComponent("imported.sqlite").path)
        try SeedFiles.importAll(into: imported)
        if ProcessInfo.processInfo.environment["PERMAUDIT_WRITE_SEED_IMAGE"] != nil {
            let image = try SeedImage.image(of: imported, folder: folder)
            try Data(image).write(to: Fixtures.packageRoot.appendingPathComponent("Seeds/default-catalog.sqlite.zlib"))
            Issue.record("wrote Seeds/default-catalog.sqlite.zlib: build again (touch Sources/PermAuditEmbedded/Embedded.c) and run the tests")
            return
        }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        try imported.dateImports(date)
        let restored = try #require(try SeedImage.create(at: folder.appendingPathComponent("restored.sqlite").path, importedAt: date))
        let (expected, actual) = (try Self.contents(of: imported), try Self.contents(of: restored))
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (table, rows) in expected.sorted(by: { $0.key < $1.key }) {
            let restoredRows = actual[table] ?? []
            let firstDifference = zip(restoredRows, rows).first { $0 != $1 }
            #expect(restoredRows.count == rows.count && firstDifference == nil, """
                \(table) differs from the seeds imported now (\(restoredRows.count) rows against \(rows.count)\
                \(firstDifference.map { "; first: \($0.0) against \($0.1)" } ?? "")): write the image again (see Seeds/README.md)
                """)
        }
        #expect(expected["catalogSnapshot"]?.count == 4, "the seeds make four catalog snapshots")
    }

    @Test func aNewDatabaseIsPrivateAndDatedAndNeverWrittenOverAFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("new.sqlite").path
        let date = Date(timeIntervalSince1970: 1_900_000_000)
        let database = try #require(try SeedImage.create(at: path, importedAt: date))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)
        let dates = try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT importedAt FROM catalogSnapshot UNION SELECT importedAt FROM metadataSnapshot
                UNION SELECT importedAt FROM riskList UNION SELECT importedAt FROM riskImport
                """)
        }
        #expect(dates == ["2030-03-17T17:46:40Z"])
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM catalogSnapshot") } == 4)
        let other = folder.appendingPathComponent("other.txt").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: other))
        #expect(try SeedImage.create(at: other) == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == Data("not a database".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["new.sqlite", "new.sqlite-shm", "new.sqlite-wal", "other.txt"],
                "no file of the making is left beside them")
        #expect(try database.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    /// What `show` and the tests read without a database: the same catalog as a new file's.
    @Test func inMemoryItIsTheSameCatalog() throws {
        let date = Date(timeIntervalSince1970: 1_900_000_000)
        let folder = try Fixtures.temporaryDirectory()
        let file = try #require(try SeedImage.create(at: folder.appendingPathComponent("file.sqlite").path, importedAt: date))
        let memory = try SeedImage.inMemory(importedAt: date)
        let (inFile, inMemory) = (try Self.contents(of: file), try Self.contents(of: memory))
        #expect(inMemory.keys.sorted() == inFile.keys.sorted())
        #expect(inMemory["permission"]?.count == inFile["permission"]?.count)
        #expect(inMemory.filter { inFile[$0.key] != $0.value }.keys.sorted() == [])
    }

    /// Every table's rows (in one order), and the schema and the applied migrations as two more "tables".
    private static func contents(of database: AppDatabase) throws -> [String: [String]] {
        try database.writer.read { db in
            var contents: [String: [String]] = [:]
            contents["sqlite_schema"] = try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
                """)
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for table in tables {
                contents[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
            }
            return contents
        }
    }
}
