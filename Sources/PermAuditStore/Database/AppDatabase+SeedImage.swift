import Foundation
import GRDB
import GRDBSQLite

/// What `SeedImage` needs of a database: one made in memory from a database file's bytes, a copy written
/// to a new file, a file's bytes made of one, and its imports dated.
extension AppDatabase {
    /// An in-memory database holding `bytes`, a database file's (SQLite's deserialize), brought to this schema.
    static func deserialized(_ bytes: [UInt8]) throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: makeConfiguration())
        try queue.writeWithoutTransaction { db in
            guard bytes.count >= 100, let buffer = sqlite3_malloc64(UInt64(bytes.count)) else {
                throw StoreError.cannotOpen(path: "the built-in catalog", reason: "its image is not a database")
            }
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            // Memory has no write-ahead log: the header's two file-format bytes say rollback journal (1), not WAL (2).
            buffer.storeBytes(of: UInt8(1), toByteOffset: 18, as: UInt8.self)
            buffer.storeBytes(of: UInt8(1), toByteOffset: 19, as: UInt8.self)
            // SQLite owns the buffer from here, and frees it, even if this fails.
            let code = sqlite3_deserialize(db.sqliteConnection, "main", buffer.assumingMemoryBound(to: UInt8.self),
                                           Int64(bytes.count), Int64(bytes.count),
                                           UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE))
            guard code == SQLITE_OK else {
                throw StoreError.cannotOpen(path: "the built-in catalog", reason: "its image cannot be read (SQLite code \(code))")
            }
        }
        let database = try AppDatabase(queue)
        try database.completeDerivedData()
        return database
    }

    /// A copy of this database as a new file at `path` (0600), or false when a file is there: made by SQLite's
    /// backup in a file of its own beside `path`, then linked to `path` only if nothing is there (a link never
    /// replaces a file). So no other process ever sees it half made, and one interrupted leaves no empty file
    /// at `path` to be taken for a database that was seeded.
    func writeCopy(toNewFile path: String, busyTimeout: TimeInterval) throws -> Bool {
        let making = path + ".seeding-\(UUID().uuidString)"
        defer { for suffix in ["", "-journal"] { try? FileManager.default.removeItem(atPath: making + suffix) } }
        try createExclusively(making, for: path)
        do {
            let file = try DatabaseQueue(path: making, configuration: Self.makeConfiguration(busyTimeout: busyTimeout))
            try writer.backup(to: file)
            try file.close()
        } catch let error as DatabaseError {
            throw StoreError(error, path: path) ?? StoreError.cannotWrite(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        guard link(making, path) == 0 else {
            if errno == EEXIST { return false }
            throw StoreError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        return true
    }

    /// The bytes of a database file holding this database, its pages as they are (SQLite's backup; a VACUUM
    /// may renumber rows), made in `folder` and removed.
    func fileBytes(folder: URL) throws -> [UInt8] {
        let path = folder.appendingPathComponent("image-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let copy = try DatabaseQueue(path: path)
        try writer.backup(to: copy)
        try copy.close()
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Dates every import the database records (each table's `importedAt`): an image's are the day it was made.
    func dateImports(_ date: Date) throws {
        let timestamp = ISO8601DateFormatter().string(from: date)
        try writer.write { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT m.name FROM sqlite_schema m JOIN pragma_table_info(m.name) c
                WHERE m.type = 'table' AND c.name = 'importedAt' ORDER BY m.name
                """)
            for table in tables {
                try db.execute(sql: "UPDATE \(table.quotedDatabaseIdentifier) SET importedAt = ?", arguments: [timestamp])
            }
        }
    }
}

/// Creates an empty file at `path`, 0600, failing if anything is there; errors name `shownPath`.
private func createExclusively(_ path: String, for shownPath: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
        throw StoreError.cannotOpen(path: shownPath, reason: "cannot create the file (does its folder exist and is it writable?)")
    }
    try FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).close()
}
