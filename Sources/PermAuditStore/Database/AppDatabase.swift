import Foundation
import GRDB

/// The one owner of a permaudit database: it runs the migrations, every write is a named method
/// that runs in one transaction, and reads go through the same writer's reader.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// True when opening applied migrations: to a new file, or to a database an earlier permaudit made.
    public let wasUpgraded: Bool

    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        self.wasUpgraded = try !writer.read { db in try Self.migrator.hasCompletedMigrations(db) }
        try Self.migrator.migrate(writer)
    }

    /// A database opened read-only, as it is: no migration, nothing written.
    init(readOnly reader: DatabaseQueue) {
        self.writer = reader
        self.wasUpgraded = false
    }

    /// How long a statement waits for another connection's lock before failing with "busy".
    public static let defaultBusyTimeout: TimeInterval = 30

    /// Opens (creating it if needed, readable by its owner only) the database file at `path`, to write it.
    public static func open(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws -> AppDatabase {
        try refuseNonRegularFile(path)
        try createPrivateFileIfMissing(path)
        do {
            return try retryingWhileBusy(path: path, for: busyTimeout) {
                _ = try SchemaGuard.refuseForeignOrNewer(path: path, migrator: migrator)
                let database = try AppDatabase(DatabasePool(path: path, configuration: makeConfiguration(busyTimeout: busyTimeout)))
                try database.completeDerivedData()
                return database
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path) ?? .cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Opening a connection can fail at once with SQLITE_BUSY, without the busy handler being asked, while
    /// another process commits to the same WAL database (seen from a reader during an import, about once in
    /// ten imports). It is tried again for as long as a busy statement waits.
    static func retryingWhileBusy<T>(path: String, for seconds: TimeInterval, _ open: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                guard Date() < deadline else { throw StoreError.busy(path: path) }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// An empty in-memory database with the full schema, for tests and throwaway work.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration()))
    }

    /// An in-memory copy of this database, made with SQLite's backup API: for tests that each need their
    /// own copy of a database that takes seconds to build.
    public func inMemoryCopy() throws -> AppDatabase {
        let copy = try DatabaseQueue(configuration: Self.makeConfiguration())
        try writer.backup(to: copy)
        return try AppDatabase(copy)
    }

    /// Fills what a migration added but SQL alone cannot compute (the search index, the tenants' packed
    /// latest holdings, of a database made before they existed). Looks first, so a database that needs nothing
    /// is only read.
    func completeDerivedData() throws {
        let needed = try writer.read { db in try Self.derivedDataMissing(db) || !HoldingImage.missing(db).isEmpty }
        guard needed else { return }
        try writer.write { db in
            if try Self.derivedDataMissing(db) { try PermissionSearchIndex(db: db).rebuild(changedSnapshots: []) }
            // Looked up again in the write: an import committed meanwhile may have made another snapshot the latest.
            for (tenantKey, day) in try HoldingImage.missing(db) {
                // Runs that cannot be packed (a broken holding) get none: the report reads them, and fails.
                try (try? HoldingImage.ofOpenRuns(db, tenantKey: tenantKey))?.write(db, tenantKey: tenantKey, day: day)
            }
        }
    }

    static func derivedDataMissing(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT NOT EXISTS (SELECT 1 FROM permissionSearch) AND EXISTS (SELECT 1 FROM catalogSnapshot)
            """) == true
    }

    /// True when the database holds no catalog snapshot and no other data yet.
    public func isEmpty() throws -> Bool {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM catalogSnapshot") == 0 }
    }

    /// The names of the migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    static func makeConfiguration(busyTimeout: TimeInterval = defaultBusyTimeout) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Two imports at once wait for each other instead of failing with "database is locked".
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // WAL (set by DatabasePool) with synchronous NORMAL: a committed import survives a crash of
            // the process; a power loss may lose the last commits but never corrupts the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// A device or a folder is never a database: /dev/null would get a /dev/null-journal beside it.
    private static func refuseNonRegularFile(_ path: String) throws {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else { return }
        if type != .typeRegular {
            throw StoreError.cannotOpen(path: path, reason: "not a regular file; give the path of a file")
        }
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
