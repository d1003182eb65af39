import GRDB

extension StoreError {
    /// The store's error for a SQLite failure that is about the file rather than the data (the database is
    /// locked by another writer), or nil.
    init?(_ error: DatabaseError, path: String?) {
        guard [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) else { return nil }
        self = .busy(path: path)
    }

    /// `error` as the store's error when it is one the user can act on (a busy database, whichever call met
    /// it), else `error` unchanged: for callers that do not see the database library's types.
    public static func translating(_ error: any Error) -> any Error {
        guard let databaseError = error as? DatabaseError else { return error }
        return StoreError(databaseError, path: nil) ?? error
    }
}
