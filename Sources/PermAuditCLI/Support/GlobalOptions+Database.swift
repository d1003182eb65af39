import Foundation
import PermAuditStore
import PermAuditSync

extension GlobalOptions {
    /// Seconds a command waits for another permaudit's write lock: $PERMAUDIT_BUSY_TIMEOUT, else 30.
    var busyTimeout: TimeInterval {
        ProcessInfo.processInfo.environment["PERMAUDIT_BUSY_TIMEOUT"].flatMap(TimeInterval.init)
            .flatMap { $0 >= 0 ? $0 : nil } ?? AppDatabase.defaultBusyTimeout
    }

    /// The database, read-only, for a command that only reads. With none at the path, the built-in catalog
    /// (saying so on stderr, whatever --quiet says: the answer is not about the file the user named), or
    /// the error naming how to create one.
    func openForReading(fallback: DatabaseOpener.Fallback = .builtInCatalog) throws -> AppDatabase {
        let opened = try DatabaseOpener.openForReading(path: databasePath, fallback: fallback, busyTimeout: busyTimeout)
        if opened.usedFallback {
            let answer = fallback == .emptySchema ? "showing the schema permaudit creates" : "answering from the built-in catalog"
            Console.note("permaudit: no database at \(databasePath); \(answer) (permaudit import or init creates one)")
        }
        return opened.database
    }

    /// The database, to write; a new file is created 0600 and, when `seed`, filled with the built-in catalog,
    /// saying so on stderr.
    func openForWriting(seed: Bool = true) throws -> DatabaseOpener.Opened {
        let seeding = seed && !FileManager.default.fileExists(atPath: databasePath)
        if seeding { Console.note("seeding the new database \(databasePath) with the built-in catalog...", quiet: quiet) }
        let started = Date()
        let opened = try DatabaseOpener.open(path: databasePath, seedIfNew: seed, busyTimeout: busyTimeout)
        if opened.seeded {
            Console.note("seeded \(databasePath) in " + String(format: "%.1f s", Date().timeIntervalSince(started)), quiet: quiet)
        }
        return opened
    }
}
