import GRDB
import GRDBSQLite

extension Database {
    /// Runs a query on a helper thread, which steps it and turns each row into a value with `read`, and
    /// hands the values to `consume` on the calling thread a batch at a time while the next batch is read:
    /// for a report's millions of holdings, reading them and resolving them each take a core. `consume`
    /// must not use the database (the helper is stepping its connection); nothing else does meanwhile, as
    /// the caller holds the connection's queue.
    func forEachBatch<Value: Sendable>(sql: String, arguments: StatementArguments = [], batchSize: Int = 65_536,
                                       read: @escaping @Sendable (DirectRow) -> Value, consume: ([Value]) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let stepped = SteppedStatement(handle: statement.sqliteStatement)
        let channel = BoundedChannel<[Value]>.producing(capacity: 2) { channel in
            var batch: [Value] = []
            batch.reserveCapacity(batchSize)
            // The rows read before an error are handed on, then the error.
            defer { if !batch.isEmpty { _ = channel.send(batch) } }
            while let row = try stepped.next() {
                batch.append(read(row))
                guard batch.count == batchSize else { continue }
                guard channel.send(batch) else { return batch.removeAll() }
                batch.removeAll(keepingCapacity: true)
            }
        }
        defer { channel.closeAndWait() }
        // The statement lives until the helper has stopped stepping it.
        try withExtendedLifetime(statement) {
            do {
                while let batch = try channel.receive() { try consume(batch) }
            } catch let failure as StepFailure {
                throw DatabaseError(resultCode: ResultCode(rawValue: failure.code), message: lastErrorMessage, sql: sql)
            }
        }
    }
}

/// A prepared statement stepped from a helper thread while its connection's thread waits for the rows.
private struct SteppedStatement: @unchecked Sendable {
    // Used by one thread at a time: the helper steps it, and the caller uses the connection again only
    // once the helper has returned (`closeAndWait`).
    let handle: OpaquePointer

    /// The next row, nil at the end.
    func next() throws -> DirectRow? {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: DirectRow(statement: handle)
        case SQLITE_DONE: nil
        case let code: throw StepFailure(code: code)
        }
    }
}

private struct StepFailure: Error {
    let code: CInt
}
