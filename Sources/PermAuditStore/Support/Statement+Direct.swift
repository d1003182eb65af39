import GRDB
import GRDBSQLite

/// A value bound by `Statement.run(direct:)`.
enum DirectValue {
    case text(String?)
    /// Text up to its first NUL, as GRDB binds a String: the catalog has always been stored so, and is read
    /// back so (`String` columns), so that a name or a path matches itself across imports.
    case cString(String?)
    case integer(Int64?)
    case bool(Bool?)
}

extension Statement {
    /// Runs the statement with these values bound through SQLite's C API, and returns the first column of its
    /// first row if it has one. For the import's loops of a million rows, where GRDB's boxing of arguments
    /// and its checks cost more than the statement itself. Text is bound whole, with its length, so a NUL
    /// inside a string is kept (as `execute(wholeText:)` does).
    @discardableResult
    func run(direct values: [DirectValue]) throws -> Int64? {
        let statement = sqliteStatement
        // SQLite keeps the last bindings: a short list would reuse the previous row's values.
        precondition(values.count == Int(sqlite3_bind_parameter_count(statement)), "\(values.count) values for: \(sql)")
        defer { sqlite3_reset(statement) }
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt
            switch value {
            case .text(let text?):
                var text = text
                code = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        // An empty string's buffer may have no address: SQLite takes a null pointer for NULL.
                        chars.baseAddress.map { sqlite3_bind_text(statement, index, $0, CInt(chars.count), transientText) }
                            ?? sqlite3_bind_text(statement, index, "", 0, transientText)
                    }
                }
            case .cString(let text?): code = text.withCString { sqlite3_bind_text(statement, index, $0, -1, transientText) }
            case .integer(let number?): code = sqlite3_bind_int64(statement, index, number)
            case .bool(let flag?): code = sqlite3_bind_int64(statement, index, flag ? 1 : 0)
            case .text(nil), .cString(nil), .integer(nil), .bool(nil): code = sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else { throw directError(code) }
        }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return sqlite3_column_type(statement, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, 0)
        case SQLITE_DONE: return nil
        case let code: throw directError(code)
        }
    }

    private func directError(_ code: CInt) -> DatabaseError {
        let message = sqlite3_db_handle(sqliteStatement).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}

/// SQLite's "copy the bytes now" destructor, which the C header spells as a cast of -1.
private let transientText = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
