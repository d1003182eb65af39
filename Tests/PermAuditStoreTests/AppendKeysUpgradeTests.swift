import Foundation
@testable import PermAuditStore
import PermAuditTestSupport
import Testing

/// Migration 0022 rebuilds `scopeSet` (a hash index instead of a unique one) and `holding` (its unique index
/// led by the resource): a database with tenant history from before keeps every row and key, each scope
/// string gets the hash the import computes, and an import finds a stored scope string by it.
@Suite struct AppendKeysUpgradeTests {
    /// Scope strings whose hashes the migration computes in SQL: empty, shorter and longer than its eight
    /// code points a step, not a multiple of eight, outside ASCII and the BMP, and cut at a NUL as SQLite cuts it.
    static let scopes = """
        INSERT INTO scopeSet VALUES (3, ''), (4, 'Mail.Rea'), (5, 'Files.Read.All Sites.Read.All'),
            (6, 'Ünïcode.Read 日本語.Write 😀 e' || char(769)), (7, 'User.Read' || char(0) || 'Mail.Read');
        INSERT INTO scopeSetValue VALUES (4, 'Mail.Rea'), (5, 'Files.Read.All'), (5, 'Sites.Read.All'), (6, 'Ünïcode.Read'),
            (6, '日本語.Write'), (6, '😀'), (6, 'e' || char(769)), (7, 'User.Read' || char(0) || 'Mail.Read');
        """

    @Test func historyBeforeAppendedKeysKeepsItsRowsAndGetsTheImportsScopeHashes() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let before = Array(EmbeddedFiles.migrations.prefix { $0.name != "0018_store_holdings.sql" })
        let upTo0021 = Array(EmbeddedFiles.migrations.prefix { $0.name != "0022_append_scope_sets_and_holdings.sql" })
        #expect(upTo0021.count == 21)
        try UpgradeTests.sqlite3(path, "BEGIN;\n" + before.map(\.text).joined(separator: "\n") + HoldingsUpgradeTests.history + Self.scopes
            + upTo0021.dropFirst(before.count).map(\.text).joined(separator: "\n")
            + "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);"
            + upTo0021.map { "INSERT INTO grdb_migrations VALUES ('\($0.name)');" }.joined() + "COMMIT;")
        // The holdings (their users are in their runs since 0030; `check` compares those below).
        let holdings = "SELECT DISTINCT clientKey, resourceKey, permissionKey, consentType FROM holding ORDER BY 1, 2, 3, 4"
        let holdingsBefore = try Self.rows(path, holdings)
        #expect(holdingsBefore.split(separator: "\n").count == 5)

        let database = try AppDatabase.open(path: path)
        #expect(try database.appliedMigrations() == EmbeddedFiles.migrations.map(\.name))
        #expect(try Self.rows(path, holdings) == holdingsBefore)
        let stored = try database.query("SELECT scopeSetKey, scope, scopeHash FROM scopeSet ORDER BY scopeSetKey").rows
        #expect(stored.count == 7)
        for row in stored {
            guard case .text(let scope) = row[1], case .integer(let hash) = row[2] else { Issue.record("\(row)"); continue }
            #expect(hash == Int64(ScopeSetHash.of(scope)), "scope set \(row[0])")
        }
        let checks = try database.check()
        #expect(checks.first { $0.name == "scope sets" }?.passed == true, "\(checks)")
        #expect(checks.first { $0.name == "holdings" }?.passed == true, "\(checks)")
        // The views over the rebuilt tables read as before.
        #expect(try database.query("SELECT count(*) FROM delegatedGrantScope WHERE snapshotKey = 1").rows == [[.integer(3)]])
    }

    /// The sqlite3 shell's output of a query.
    static func rows(_ path: String, _ sql: String) throws -> String {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, sql]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theHashIsOverCodePointsUpToTheFirstNUL() {
        #expect(ScopeSetHash.of("") == 2_166_136_261)
        #expect(ScopeSetHash.of("a") == 2_166_136_261 &* 16_777_619 &+ 97)
        #expect(ScopeSetHash.of("a\u{0}b") == ScopeSetHash.of("a"))
        #expect(ScopeSetHash.of("é") != ScopeSetHash.of("e\u{301}"))
        #expect(ScopeSetHash.of("User.Read Mail.Read") != ScopeSetHash.of("Mail.Read User.Read"))
    }
}
