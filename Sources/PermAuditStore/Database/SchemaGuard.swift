import GRDB

/// Decides, before any migration runs, whether a file may be migrated: an empty file or a permaudit
/// database of this or an earlier schema may; another program's SQLite file or a newer permaudit's
/// database may not, and is left exactly as it was.
enum SchemaGuard {
    /// Looks through a read-only connection, so a refused file is not touched (opening the pool would
    /// already switch it to WAL).
    static func refuseForeignOrNewer(path: String, migrator: DatabaseMigrator) throws {
        var configuration = Configuration()
        configuration.readonly = true
        try DatabaseQueue(path: path, configuration: configuration).read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            guard !tables.isEmpty else { return }
            // Every permaudit schema since the first has GRDB's migration list and the permission table.
            guard tables.contains("grdb_migrations"), tables.contains("permission") else {
                throw StoreError.notAPermauditDatabase(path: path, tables: tables)
            }
            let applied = try migrator.appliedIdentifiers(db)
            let known = migrator.migrations
            if let unknown = applied.filter({ !known.contains($0) }).sorted().last {
                throw StoreError.newerSchema(path: path, databaseVersion: unknown, knownVersion: known.last ?? "none")
            }
        }
    }
}
