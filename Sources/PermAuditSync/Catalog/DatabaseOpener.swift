import Foundation
import PermAuditStore

/// Opens the database file a command works on. Commands that write create a missing file and seed it with
/// the default catalog; commands that only read open it read-only and never create it.
public enum DatabaseOpener {
    public struct Opened: Sendable {
        public var database: AppDatabase
        /// Set when the file was created now.
        public var created: Bool
        /// Set when the new file was filled with the default catalog.
        public var seeded: Bool
    }

    /// What a reading command answers from when there is no database at its path.
    public enum Fallback: Sendable {
        /// An in-memory database seeded with the built-in catalog: `show` works on a fresh machine.
        case builtInCatalog
        /// An in-memory database with the schema and no data: enough for `schema`.
        case emptySchema
        /// None: the command is about one database's content (`check`, `query`), so it fails.
        case none
    }

    public static func open(path: String, seedIfNew: Bool = true, busyTimeout: TimeInterval = AppDatabase.defaultBusyTimeout) throws -> Opened {
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew, seedIfNew, let seeded = try SeedImage.create(at: path, busyTimeout: busyTimeout) {
            return Opened(database: seeded, created: true, seeded: true)
        }
        // Not new, or made by another process meanwhile: opened as it is (created now only when unseeded).
        let created = isNew && !seedIfNew
        return Opened(database: try AppDatabase.open(path: path, busyTimeout: busyTimeout), created: created, seeded: false)
    }

    /// The database at `path`, read-only; with no database there, the in-memory `fallback` (and
    /// `usedFallback` set), or `StoreError.noDatabase`.
    public static func openForReading(path: String, fallback: Fallback,
                                      busyTimeout: TimeInterval = AppDatabase.defaultBusyTimeout) throws -> (database: AppDatabase, usedFallback: Bool) {
        do {
            return (try AppDatabase.openForReading(path: path, busyTimeout: busyTimeout), false)
        } catch StoreError.noDatabase where fallback != .none {
            return (fallback == .builtInCatalog ? try SeedImage.inMemory() : try AppDatabase.inMemory(), true)
        }
    }
}
