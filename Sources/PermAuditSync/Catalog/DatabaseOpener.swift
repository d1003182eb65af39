import Foundation
import PermAuditStore

/// Opens the database file a command works on; a new file starts with the default catalog,
/// so every command works on a fresh machine with nothing to download.
public enum DatabaseOpener {
    public struct Opened: Sendable {
        public var database: AppDatabase
        /// Set when the file was created now; with the seed import's report when it was seeded.
        public var created: Bool
        public var seedReport: ImportReport?
    }

    public static func open(path: String, seedIfNew: Bool = true) throws -> Opened {
        let isNew = !FileManager.default.fileExists(atPath: path)
        let database = try AppDatabase.open(path: path)
        guard isNew, seedIfNew else { return Opened(database: database, created: isNew, seedReport: nil) }
        return Opened(database: database, created: true, seedReport: try CatalogSeeder.seed(database))
    }
}
