import Foundation
import PermAuditStore
import Testing

@Suite struct QueryTests {
    static func seeded() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try database.importCatalog([CatalogWriteTests.batch("2026-01-01", .delegated, [CatalogWriteTests.scope("Mail.Read")])])
        return database
    }

    @Test func selectsWithBoundParameters() throws {
        let database = try Self.seeded()
        let result = try database.query("SELECT permission, requiresAdminConsent FROM catalogPermission WHERE permission = :name",
                                        parameters: ["name": "Mail.Read"])
        #expect(result.columns == ["permission", "requiresAdminConsent"])
        #expect(result.rows == [[.text("Mail.Read"), .integer(1)]])
    }

    @Test func parametersAreNeverSpliced() throws {
        let database = try Self.seeded()
        let result = try database.query("SELECT count(*) FROM permission WHERE value = $v", parameters: ["v": "x' OR '1'='1"])
        #expect(result.rows == [[.integer(0)]])
    }

    @Test(arguments: [
        "DELETE FROM permission",
        "INSERT INTO schemaNote VALUES ('x', 'y')",
        "DROP VIEW catalogPermission",
        "UPDATE permission SET value = 'x'",
        "CREATE TABLE t (x)",
        "PRAGMA user_version = 7",
        "ATTACH DATABASE ':memory:' AS other",
        "-- a comment first\n /* and another */ ATTACH DATABASE 'x.sqlite' AS other",
        "VACUUM",
    ])
    func writesAreRefusedAndTheDatabaseIsUnchanged(sql: String) throws {
        let database = try Self.seeded()
        let before = try database.schemaDefinition() + "\(try database.query("SELECT * FROM permission").rows)"
        #expect(throws: StoreError.self) { try database.query(sql) }
        #expect(try database.schemaDefinition() + "\(try database.query("SELECT * FROM permission").rows)" == before)
    }

    @Test func oneStatementAtATime() throws {
        let database = try Self.seeded()
        #expect(throws: StoreError.queryRefused("give one statement at a time")) {
            try database.query("SELECT 1; DELETE FROM permission")
        }
    }

    @Test func aLongQueryStopsAtItsTimeout() throws {
        let database = try Self.seeded()
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        #expect(throws: StoreError.queryFailed("stopped after 0.3 seconds (--timeout)")) {
            try database.query(endless, timeout: 0.3)
        }
        #expect(try database.query("SELECT 1", timeout: 0.3).rows == [[.integer(1)]])
    }

    /// Rows reach the consumer as SQLite steps to them: an endless query ends when the consumer stops.
    @Test func rowsStreamOneAtATimeAndTheConsumerCanStop() throws {
        let database = try Self.seeded()
        var seen: [[SQLValue]] = []
        var columns: [String] = []
        try database.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
                           columns: { columns = $0 }) { row in
            seen.append(row)
            return seen.count < 5
        }
        #expect(columns == ["i"])
        #expect(seen == (1...5).map { [.integer(Int64($0))] })
    }

    /// The timeout covers the consumer too (the output of `permaudit query`), not only SQLite's work.
    @Test func theTimeoutCoversASlowConsumer() throws {
        let database = try Self.seeded()
        var count = 0
        #expect(throws: StoreError.queryFailed("stopped after 0.2 seconds (--timeout)")) {
            try database.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 100000) SELECT i FROM n",
                               timeout: 0.2, columns: { _ in }) { _ in
                count += 1
                Thread.sleep(forTimeInterval: 0.001)
                return true
            }
        }
        #expect(count > 0 && count < 100_000)
    }

    @Test func sqlErrorsAreReportedNotCrashed() throws {
        let database = try Self.seeded()
        #expect(throws: StoreError.self) { try database.query("SELECT nope FROM nowhere") }
    }
}
