import Foundation
import GRDB

extension AppDatabase {
    /// Opens the database at `path` read-only, for commands that only read: nothing is migrated, no pragma
    /// writes, nothing is created. A file that is missing or holds no tables is `StoreError.noDatabase`; one
    /// that needs a migration or its derived data completed is `StoreError.needsUpgrade`.
    public static func openForReading(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws -> AppDatabase {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw StoreError.noDatabase(path: path) }
        if isFolder.boolValue { throw StoreError.cannotOpen(path: path, reason: "a folder; give the path of a database file") }
        do {
            return try retryingWhileBusy(path: path, for: busyTimeout) {
                do {
                    return try openReadOnly(path: path, location: path, busyTimeout: busyTimeout)
                } catch let error as DatabaseError where canReadImmutable(path: path, after: error) {
                    return try openReadOnly(path: path, location: immutableURI(path), busyTimeout: busyTimeout)
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path) ?? .cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    private static func openReadOnly(path: String, location: String, busyTimeout: TimeInterval) throws -> AppDatabase {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let queue = try DatabaseQueue(path: location, configuration: configuration)
        try queue.read { db in
            switch try SchemaGuard.inspect(db, path: path, migrator: migrator) {
            case .empty: throw StoreError.noDatabase(path: path)
            case .outdated: throw StoreError.needsUpgrade(path: path)
            case .current: if try derivedDataMissing(db) { throw StoreError.needsUpgrade(path: path) }
            }
        }
        return AppDatabase(readOnly: queue)
    }

    /// A WAL database in a folder this user cannot write has no -shm file to coordinate readers through, and
    /// SQLite refuses it. With no -wal file beside it, every commit is in the main file and no writer is at
    /// work (a writer keeps a -wal file), so it can be read as immutable: SQLite then takes no locks.
    private static func canReadImmutable(path: String, after error: DatabaseError) -> Bool {
        guard [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) else { return false }
        let folder = (path as NSString).deletingLastPathComponent
        return !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder)
            && !FileManager.default.fileExists(atPath: path + "-wal")
    }

    /// `file:` URI for `path` with `immutable=1` (the system SQLite accepts URIs in file names).
    private static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }
}
