/// Errors the store reports to its callers; each message is one line that says what to do.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// Nothing at the path, or a file with no tables: a command that only reads never creates one.
    case noDatabase(path: String)
    /// A database an earlier permaudit made: a command that only reads does not migrate it.
    case needsUpgrade(path: String)
    /// Another connection holds the write lock longer than the busy timeout.
    case busy(path: String?)
    /// A SQLite file that other software made: never migrated, so it is not changed.
    case notAPermauditDatabase(path: String, tables: [String])
    /// A database a newer permaudit has migrated further than this one knows.
    case newerSchema(path: String, databaseVersion: String, knownVersion: String)
    /// The file cannot take the write (disk full, a file size limit, a read-only or immutable file, an I/O
    /// error); the transaction was rolled back.
    case cannotWrite(path: String, reason: String)
    case snapshotConflict(source: String, asOf: String, part: String, existingFile: String, newFile: String)
    case tenantSnapshotConflict(tenantId: String, asOf: String)
    /// Two different objects with one id in one export; the importer names both places.
    case conflictingDuplicate(collection: String, id: String)
    case queryRefused(String)
    case queryFailed(String)
    /// A stored holding names an app or permission key that is not there (a hand edit with foreign keys off).
    case brokenHolding(key: Int64)
    /// A stored version's content hash is not a SHA-256 digest (a hand edit): an import cannot match against it.
    case malformedContentHash(collection: String, versionKey: Int64)
    /// A key too large for the import's 32-bit copies (over four billion: a hand edit).
    case keyOutOfRange(table: String, key: Int64)
    /// A stored row the import had just found or written is not there (a concurrent hand edit, or a bug).
    case missingRow(table: String, detail: String)
    /// A stored tenant snapshot's date that is no calendar date (a hand edit): its presence runs cannot be placed.
    case malformedSnapshotDate(String)
    /// The latest snapshot's stored holdings are not what its grants give (a hand edit): the changes a new
    /// snapshot brings cannot be applied to them.
    case holdingsNotTheGrants(holdingKey: Int64?)
    /// A stored scope set whose permissionKeys are no JSON array of delegated held permissions' keys (a hand edit).
    case brokenScopeSet(key: Int64)
    /// A grant whose consent type and user disagree (the importer refuses such input first: a caller's bug).
    case invalidGrant(id: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "\(path): cannot open the database: \(reason)"
        case let .noDatabase(path):
            "\(path): no permaudit database there; create one with `permaudit init --db \(path)` or `permaudit import --db \(path) FILE...`"
        case let .needsUpgrade(path):
            "\(path): made by an earlier permaudit; run `permaudit init --db \(path)` to upgrade it (commands that only read leave it as it is)"
        case let .busy(path):
            (path.map { "\($0): " } ?? "") + "the database is busy (another permaudit import is writing it); try again when it has finished"
        case let .notAPermauditDatabase(path, tables):
            "\(path): not a permaudit database (it holds other tables: \(tables.prefix(5).joined(separator: ", "))); "
                + "nothing was changed: give another --db path"
        case let .newerSchema(path, databaseVersion, knownVersion):
            "\(path): written by a newer permaudit (schema \(databaseVersion); this permaudit knows up to \(knownVersion)); "
                + "nothing was changed: use the newer permaudit"
        case let .cannotWrite(path, reason):
            "\(path): cannot write the database (\(reason)): is the disk full or the file read-only? Nothing was imported"
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
        case let .brokenHolding(key):
            "the database is damaged: a stored holding names object or permission key \(key), which is not there; run `permaudit check`"
        case let .holdingsNotTheGrants(key):
            "the database is damaged: the latest snapshot's holdings are not its grants'\(key.map { " (holding \($0))" } ?? ""); nothing was imported; run `permaudit check`"
        case let .missingRow(table, detail):
            "the database is damaged: \(table) has no row for \(detail); nothing was imported; run `permaudit check`"
        case let .keyOutOfRange(table, key):
            "the database holds \(table) key \(key), beyond what an import handles (4294967295); run `permaudit check`"
        case let .malformedSnapshotDate(date):
            "the database is damaged: a tenant snapshot is dated \(date), which is no YYYY-MM-DD date; nothing was imported; run `permaudit check`"
        case let .brokenScopeSet(key):
            "the database is damaged: scope set \(key) names values by keys that are not delegated held permissions; nothing was imported; run `permaudit check`"
        case let .invalidGrant(id):
            "grant \(id): expected consentType AllPrincipals with no principalId, or Principal with one; nothing was imported"
        case let .malformedContentHash(collection, versionKey):
            "the database is damaged: \(collection) version \(versionKey) has a content hash that is not a SHA-256 digest; run `permaudit check`"
        }
    }
}
