import Foundation
@testable import PermAuditStore
import Testing

/// A database that an older release made, holding the history a new database imported: the migrations up to
/// (not including) `next` run in the sqlite3 shell, then every table's rows are copied from `made`.
/// Scope sets are copied as migrations before 0029 stored them: each with its string, its values in rows of
/// their own; holdings as those before 0030 did: a holding for each number of users, each run with the holding
/// of its count. The tables `made` has that the older schema did not yet have are left out.
enum OlderSchemaCopy {
    /// Tables later migrations made, by the migration that made them.
    private static let tablesMade = ["0028_": ["servicePrincipalElement", "oauth2PermissionGrantElement"], "0032_": ["appRoleAssignmentElement"],
                                      "0033_": ["latestHoldingImage"]]

    static func write(_ path: String, before next: String, holding made: String, then sql: String = "") throws {
        let migrations = Array(EmbeddedFiles.migrations.prefix { $0.name != next })
        #expect(migrations.count < EmbeddedFiles.migrations.count)
        let leftOut = tablesMade.filter { prefix, _ in !migrations.contains { $0.name.hasPrefix(prefix) } }.flatMap(\.value)
        let tables = try AppendKeysUpgradeTests.rows(made, """
            SELECT name FROM sqlite_schema s WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name NOT IN ('grdb_migrations', 'schemaNote', 'scopeSet', 'holding', 'holdingRun', '\(leftOut.joined(separator: "', '"))')
            AND sql NOT LIKE 'CREATE VIRTUAL%'
            AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL%' AND s.name LIKE v.name || '_%')
            """).split(separator: "\n")
        #expect(tables.count > 20)
        try UpgradeTests.sqlite3(path, "BEGIN;\n" + migrations.map(\.text).joined(separator: "\n")
            + "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);"
            + migrations.map { "INSERT INTO grdb_migrations VALUES ('\($0.name)');" }.joined() + "COMMIT;"
            + "ATTACH '\(made)' AS made; BEGIN;" + tables.map { "INSERT OR IGNORE INTO main.\($0) SELECT * FROM made.\($0);" }.joined()
            + (migrations.contains { $0.name.hasPrefix("0029_") } ? "INSERT INTO main.scopeSet SELECT * FROM made.scopeSet;" : scopeSetsBefore0029)
            + holdingsBefore0030 + sql + "COMMIT;")
    }

    private static let scopeSetsBefore0029 = """
        INSERT INTO main.scopeSet (scopeSetKey, scope, scopeHash)
        SELECT scopeSetKey, coalesce(scope, (SELECT group_concat(value, ' ') FROM made.scopeSetValue v WHERE v.scopeSetKey = s.scopeSetKey)),
               scopeHash
        FROM made.scopeSet s;
        INSERT INTO main.scopeSetValue SELECT scopeSetKey, value FROM made.scopeSetValue;
        """

    private static let holdingsBefore0030 = """
        INSERT INTO main.holding (clientKey, resourceKey, permissionKey, consentType, principalCount)
        SELECT DISTINCT h.clientKey, h.resourceKey, h.permissionKey, h.consentType, p.principalCount
        FROM made.holding h JOIN made.holdingRun p ON p.holdingKey = h.holdingKey
        ORDER BY h.resourceKey, h.permissionKey, h.clientKey, h.consentType, p.principalCount;
        INSERT INTO main.holdingRun (holdingKey, tenantKey, firstDay, lastDay)
        SELECT o.holdingKey, p.tenantKey, p.firstDay, p.lastDay
        FROM made.holdingRun p JOIN made.holding h ON h.holdingKey = p.holdingKey
        JOIN main.holding o ON o.clientKey = h.clientKey AND o.resourceKey = h.resourceKey AND o.permissionKey = h.permissionKey
             AND o.consentType = h.consentType AND o.principalCount = p.principalCount;
        """
}
