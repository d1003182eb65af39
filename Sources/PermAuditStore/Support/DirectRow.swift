import GRDB
import GRDBSQLite

/// The row a statement is on, its columns read straight from SQLite: for reads of hundreds of thousands of
/// rows (a report's holdings, a tenant's apps), where decoding each value through GRDB's Row cost as much as
/// the query itself.
struct DirectRow {
    let statement: OpaquePointer

    func int64(_ column: CInt) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    /// The text whole, NUL bytes included (as `Row.wholeText`); nil for NULL.
    func text(_ column: CInt) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        // The pointer first, then its length in bytes, as SQLite documents.
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }
}

extension Database {
    /// Runs a query and hands `body` each of its rows as a `DirectRow`.
    func forEachRow(sql: String, arguments: StatementArguments = [], _ body: (DirectRow) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while try cursor.next() != nil {
            try body(DirectRow(statement: statement.sqliteStatement))
        }
    }

    /// The first column of a query's rows, each text whole (NUL included): ids compared with ids read whole.
    func wholeTexts(sql: String, arguments: StatementArguments = []) throws -> Set<String> {
        var texts = Set<String>()
        try forEachRow(sql: sql, arguments: arguments) { row in
            if let text = row.text(0) { texts.insert(text) }
        }
        return texts
    }
}
