import GRDB
import GRDBSQLite

/// SQLite's "copy the bytes now" destructor, which the C header spells as a cast of -1.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension Statement {
    /// Runs the statement with `values` bound, each string whole: GRDB binds text up to its first NUL byte
    /// (`sqlite3_bind_text` with length -1), so an export's `"Evil\u0000App"` would be stored as "Evil".
    func execute(wholeText values: [(any DatabaseValueConvertible)?]) throws {
        try bindWholeText(values)
        try execute()
    }

    /// The first row's integer, with `values` bound whole (see `execute(wholeText:)`).
    func fetchInt64(wholeText values: [(any DatabaseValueConvertible)?]) throws -> Int64? {
        try bindWholeText(values)
        return try Int64.fetchOne(self)
    }

    /// GRDB binds and validates; the strings that hold a NUL (rare: one scan each) are bound again with their
    /// byte length. GRDB then runs the statement with its bindings as they are.
    private func bindWholeText(_ values: [(any DatabaseValueConvertible)?]) throws {
        try setArguments(StatementArguments(values))
        for (offset, value) in values.enumerated() {
            guard var text = value as? String, text.utf8.contains(0) else { continue }
            let code = text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    sqlite3_bind_text(sqliteStatement, CInt(offset + 1), chars.baseAddress, CInt(chars.count), transient)
                }
            }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), sql: sql) }
        }
    }
}
