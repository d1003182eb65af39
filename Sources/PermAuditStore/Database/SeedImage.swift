import Foundation
import GRDB

/// The default catalog as a database: Seeds/default-catalog.sqlite.zlib, a database into which the seeds
/// were imported, compiled in. A new database starts as a copy of it, brought to this schema by the
/// migrations, its imports dated now: 0.3 s, where importing the seeds takes 2 s (139,000 statements, two
/// CSDL documents parsed). A test imports the seeds and checks that the image holds the same rows; the same
/// test writes the image again when asked (see Seeds/README.md).
public enum SeedImage {
    /// A new database file at `path` (created 0600; it must not exist) holding the default catalog.
    public static func create(at path: String, importedAt: Date = Date(), busyTimeout: TimeInterval = AppDatabase.defaultBusyTimeout) throws -> AppDatabase {
        let bytes = try databaseBytes()
        try write(bytes, to: path)
        do {
            let database = try AppDatabase.open(path: path, busyTimeout: busyTimeout)
            try database.dateImports(importedAt)
            return database
        } catch {
            // The file is this call's: a half-made database is not left behind to be taken for a seeded one.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    /// An in-memory database holding the default catalog, made through a file in a temporary folder.
    public static func inMemory(importedAt: Date = Date()) throws -> AppDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("permaudit-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("seeded.sqlite").path
        try write(try databaseBytes(), to: path)
        let file = try AppDatabase.open(path: path)
        try file.dateImports(importedAt)
        return try file.inMemoryCopy()
    }

    /// The image of `database`, as Seeds/default-catalog.sqlite.zlib holds it: its pages copied as they are
    /// (SQLite's backup; a VACUUM may renumber rows) into a file without a write-ahead log, then deflated
    /// after an 8-byte size.
    public static func image(of database: AppDatabase, folder: URL) throws -> [UInt8] {
        let path = folder.appendingPathComponent("image.sqlite").path
        let copy = try DatabaseQueue(path: path)
        try database.writer.backup(to: copy)
        try copy.close()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try FileManager.default.removeItem(atPath: path)
        return withUnsafeBytes(of: UInt64(bytes.count).littleEndian, Array.init) + (try Zlib.deflate(bytes, level: 9))
    }

    private static func databaseBytes() throws -> [UInt8] {
        let image = EmbeddedFiles.seedImage
        guard image.count > 8 else { throw StoreError.cannotOpen(path: "the built-in catalog", reason: "its image is missing from this build") }
        let size = image.prefix(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
        return try Zlib.inflate(Array(image.dropFirst(8)), size: Int(size))
    }

    /// Written to a file created here, 0600, never over one that is there.
    private static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the file (does its folder exist and is it writable?)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }
}

extension AppDatabase {
    /// Dates every import the database records (each table's `importedAt`): the image's are the day it was made.
    func dateImports(_ date: Date) throws {
        let timestamp = ISO8601DateFormatter().string(from: date)
        try writer.write { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT m.name FROM sqlite_schema m JOIN pragma_table_info(m.name) c
                WHERE m.type = 'table' AND c.name = 'importedAt' ORDER BY m.name
                """)
            for table in tables {
                try db.execute(sql: "UPDATE \"\(table)\" SET importedAt = ?", arguments: [timestamp])
            }
        }
    }
}
