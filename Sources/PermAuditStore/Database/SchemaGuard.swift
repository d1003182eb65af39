import GRDB

/// Decides, before anything is written, what a file is: an empty database, a permaudit database of this
/// schema, an earlier one (to migrate), or one that must be left exactly as it is: another program's SQLite
/// file, or a database a newer permaudit migrated further.
enum SchemaGuard {
    enum State: Equatable {
        case empty, current, outdated
    }

    /// Looks through a read-only connection, so a refused file is not touched (opening the pool would
    /// already switch it to WAL).
    static func refuseForeignOrNewer(path: String, migrator: DatabaseMigrator) throws -> State {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { db in
            try inspect(db, path: path, migrator: migrator)
        }
    }

    static func inspect(_ db: Database, path: String, migrator: DatabaseMigrator) throws -> State {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        guard !tables.isEmpty else { return .empty }
        // Every permaudit schema since the first has the permission table and GRDB's migration list, which
        // starts with permaudit's first migration: another GRDB program's file has other names there.
        let known = migrator.migrations
        guard tables.contains("grdb_migrations"), tables.contains("permission"),
              let first = known.first, try migrator.appliedIdentifiers(db).contains(first) else {
            throw StoreError.notAPermauditDatabase(path: path, tables: tables)
        }
        let applied = try migrator.appliedIdentifiers(db)
        if let unknown = applied.filter({ !known.contains($0) }).sorted().last {
            throw StoreError.newerSchema(path: path, databaseVersion: unknown, knownVersion: known.last ?? "none")
        }
        return applied.count == known.count ? .current : .outdated
    }
}
