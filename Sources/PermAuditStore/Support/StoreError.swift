/// Errors the store reports to its callers; each message is one line that says what to do.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case snapshotConflict(source: String, asOf: String, part: String, existingFile: String, newFile: String)
    case tenantSnapshotConflict(tenantId: String, asOf: String)
    /// Two different objects with one id in one export; the importer names both places.
    case conflictingDuplicate(collection: String, id: String)
    case queryRefused(String)
    case queryFailed(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "\(path): cannot open the database: \(reason)"
        case let .snapshotConflict(source, asOf, part, existingFile, newFile):
            "\(newFile): the \(source) snapshot of \(asOf) already holds different \(part) content (from \(existingFile)); "
                + "import it with another --as-of date"
        case let .tenantSnapshotConflict(tenantId, asOf):
            "tenant \(tenantId) already has a different snapshot as of \(asOf); import this export with another --as-of date"
        case let .conflictingDuplicate(collection, id):
            "the export holds two different \(collection) objects with id \(id)"
        case let .queryRefused(reason):
            "query refused: \(reason)"
        case let .queryFailed(message):
            "query failed: \(message)"
        }
    }
}
