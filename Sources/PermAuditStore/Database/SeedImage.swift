import Foundation

/// The default catalog as a database: Seeds/default-catalog.sqlite.zlib, a database into which the seeds
/// were imported, compiled in (an 8-byte little-endian size, then the database file deflated). A new
/// database starts as a copy of it, brought to this schema by the migrations, its imports dated now: a fifth
/// of a second, where importing the seeds takes two (139,000 statements, two CSDL documents parsed). A test
/// imports the seeds and checks that the image holds the same rows; the same test writes the image again when
/// asked (see Seeds/README.md).
public enum SeedImage {
    /// A new database file at `path` (0600) holding the default catalog, or nil when a file is there (another
    /// process may have made it meanwhile): never written over.
    public static func create(at path: String, importedAt: Date = Date(),
                              busyTimeout: TimeInterval = AppDatabase.defaultBusyTimeout) throws -> AppDatabase? {
        guard try inMemory(importedAt: importedAt).writeCopy(toNewFile: path, busyTimeout: busyTimeout) else { return nil }
        return try AppDatabase.open(path: path, busyTimeout: busyTimeout)
    }

    /// An in-memory database holding the default catalog; no file is written.
    public static func inMemory(importedAt: Date = Date()) throws -> AppDatabase {
        let database = try AppDatabase.deserialized(try databaseBytes())
        try database.dateImports(importedAt)
        return database
    }

    /// The image of `database`, as Seeds/default-catalog.sqlite.zlib holds it, made through a file in `folder`.
    public static func image(of database: AppDatabase, folder: URL) throws -> [UInt8] {
        let bytes = try database.fileBytes(folder: folder)
        return withUnsafeBytes(of: UInt64(bytes.count).littleEndian, Array.init) + (try Zlib.deflate(bytes, level: 9))
    }

    private static func databaseBytes() throws -> [UInt8] {
        let image = EmbeddedFiles.seedImage
        let size = image.prefix(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
        guard image.count > 8, size < 1 << 30 else {
            throw StoreError.cannotOpen(path: "the built-in catalog", reason: "its image in this build is damaged")
        }
        return try Zlib.inflate(Array(image.dropFirst(8)), size: Int(size))
    }
}
