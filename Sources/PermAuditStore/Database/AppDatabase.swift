import Foundation
import GRDB

/// The one owner of a permaudit database: it runs the migrations, every write is a named method
/// that runs in one transaction, and reads go through the same writer's reader.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter

    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating it if needed, readable by its owner only) the database file at `path`.
    public static func open(path: String) throws -> AppDatabase {
        try createPrivateFileIfMissing(path)
        do {
            return try retryingWhileBusy {
                try SchemaGuard.refuseForeignOrNewer(path: path, migrator: migrator)
                let database = try AppDatabase(DatabasePool(path: path, configuration: makeConfiguration()))
                try database.completeDerivedData()
                return database
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Opening a connection can fail at once with SQLITE_BUSY, without the busy handler being asked, while
    /// another process commits to the same WAL database (seen from a reader during an import, about once in
    /// ten imports). It is tried again for up to 30 seconds, the time a busy statement waits.
    private static func retryingWhileBusy<T>(_ open: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(30)
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// An empty in-memory database with the full schema, for tests and throwaway work.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration()))
    }

    /// Fills what a migration added but SQL alone cannot compute (the search index of a database made
    /// before it existed). Looks first, so a database that needs nothing is only read.
    private func completeDerivedData() throws {
        let needed = try writer.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (SELECT 1 FROM permissionSearch) AND EXISTS (SELECT 1 FROM catalogSnapshot)
                """) == true
        }
        guard needed else { return }
        try writer.write { db in try PermissionSearchIndex(db: db).rebuild(force: false) }
    }

    /// True when the database holds no catalog snapshot and no other data yet.
    public func isEmpty() throws -> Bool {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM catalogSnapshot") == 0 }
    }

    /// The names of the migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Two imports at once wait for each other instead of failing with "database is locked".
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // WAL (set by DatabasePool) with synchronous NORMAL: a committed import survives a crash of
            // the process; a power loss may lose the last commits but never corrupts the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    private static func createPrivateFileIfMissing(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let created = FileManager.default.createFile(
            atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        if !created {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the file (does its folder exist and is it writable?)")
        }
    }
}
