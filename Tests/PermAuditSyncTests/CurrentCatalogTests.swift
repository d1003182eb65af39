import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// The current catalog is stored at import (migration 0021) and must stay what 0002's catalogPermission
/// view computes from the latest snapshots, whatever order catalog files arrive in.
@Suite struct CurrentCatalogTests {
    /// 0002's catalogPermission view, from that migration's text.
    static let originalView: String = {
        let migration = EmbeddedFiles.migrations.first { $0.name == "0002_create_catalog_views.sql" }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        let start = migration.range(of: "CREATE VIEW catalogPermission AS\n")
        return start.flatMap { start in migration[start.upperBound...].range(of: ";\n").map { String(migration[start.upperBound..<$0.lowerBound]) } } ?? ""
    }()

    /// Rows in one of catalogPermission and 0002's view but not the other.
    static func differences(_ database: AppDatabase) throws -> SQLValue? {
        try database.query("""
            SELECT count(*) FROM (
                SELECT * FROM (SELECT * FROM catalogPermission EXCEPT SELECT * FROM (\(originalView)))
                UNION ALL
                SELECT * FROM (SELECT * FROM (\(originalView)) EXCEPT SELECT * FROM catalogPermission))
            """).rows.first?.first
    }

    static func rows(_ database: AppDatabase) throws -> [[SQLValue]] {
        try database.query("SELECT * FROM catalogPermission ORDER BY permissionKey").rows
    }

    @Test func theStoredCatalogIsTheOriginalViewThroughAHistoryOfImports() throws {
        #expect(Self.originalView.hasPrefix("WITH\n") && Self.originalView.hasSuffix("LEFT JOIN pd ON pd.permissionKey = p.id"))
        let database = try AppDatabase.inMemory()
        let steps: [(files: [String], asOf: String?)] = [
            (["kibali-permissions-2023-03-07.json"], nil),
            (["kibali-permissions-2026-08-07.json", "kibali-provisioningInfo-2026-08-07.json"], nil),
            (["powershell-GraphDelegateRoles-2026-08-19.json", "powershell-GraphAppRoles-2026-08-19.json"], nil),
            (["permissions-descriptions-2020-04-20.json"], nil),
            // An older Kibali snapshot imported last leaves the current catalog as it was.
            (["kibali-permissions-2023-03-07.json"], "2022-01-01"),
        ]
        var before: [[SQLValue]] = []
        for (index, step) in steps.enumerated() {
            _ = try Importer(database: database).importPaths(step.files.map(Fixtures.path), asOf: step.asOf)
            #expect(try Self.differences(database) == .integer(0), "after step \(index)")
            let now = try Self.rows(database)
            if index == steps.count - 1 { #expect(now == before, "a backfill changed the current catalog") } else { #expect(now != before, "step \(index) changed nothing") }
            before = now
        }
        let check = try database.check().first { $0.name == "current catalog" }
        #expect(check?.passed == true, "\(String(describing: check))")
    }

    /// The database as it stood on a date drops later snapshots: its current catalog is the earlier one's.
    @Test func asOfADateTheStoredCatalogIsThatDatesCatalog() throws {
        let database = try AppDatabase.inMemory()
        _ = try Importer(database: database).importPaths([Fixtures.path("kibali-permissions-2023-03-07.json")])
        let then = try Self.rows(database)
        _ = try Importer(database: database).importPaths([Fixtures.path("kibali-permissions-2026-08-07.json")])
        #expect(try Self.rows(database) != then)
        let past = try database.asOf("2024-01-01")
        #expect(try Self.rows(past) == then)
        #expect(try Self.differences(past) == .integer(0))
    }
}
