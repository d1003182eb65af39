import Foundation
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

    /// A stored content hash (64 hexadecimal digits) as a digest, read from its bytes; nil for anything else.
    func contentDigest(_ column: CInt) -> ContentDigest? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return ContentDigest(hexDigits: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))))
    }

    /// A text's bytes, valid until the statement steps on (empty for NULL).
    func textBytes(_ column: CInt) -> UnsafeRawBufferPointer {
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// A digest stored as four integer columns from `column` on (migration 0025).
    func contentDigest(words column: CInt) -> ContentDigest {
        func word(_ offset: CInt) -> UInt64 { UInt64(bitPattern: sqlite3_column_int64(statement, column + offset)) }
        return ContentDigest(words: (word(0), word(1), word(2), word(3)))
    }

    /// A holding's consent type, told apart by its length without making a string (millions are read for
    /// a report); nil for any other text.
    func consentType(_ column: CInt) -> HoldingConsentType? {
        // NULL reads as no pointer; the holding table's STRICT CHECK allows only these three texts.
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        // Their lengths differ: AllPrincipals 13, Application 11, Principal 9.
        let type: HoldingConsentType? = switch sqlite3_column_bytes(statement, column) {
        case 13: .allPrincipals
        case 11: .application
        case 9: .principal
        default: nil
        }
        guard let type else { return nil }
        let text = Self.consentTypeTexts[Int(type.rank)]
        return memcmp(bytes, text, text.count) == 0 ? type : nil
    }

    /// Each consent type's text, by its rank.
    private static let consentTypeTexts = HoldingConsentType.allCases.sorted().map { Array($0.rawValue.utf8) }
}

extension Database {
    /// Runs a query and hands `body` each of its rows as a `DirectRow`. Stepped through SQLite's C API:
    /// GRDB's cursor cost a tenth of a microsecond a row, a third of the time to read a report's holdings.
    func forEachRow(sql: String, arguments: StatementArguments = [], _ body: (DirectRow) throws -> Void) throws {
        try forEachRow(try makeStatement(sql: sql), arguments: arguments, body)
    }

    /// `forEachRow` of a statement already made (a cached one, run many times).
    func forEachRow(_ statement: Statement, arguments: StatementArguments = [], _ body: (DirectRow) throws -> Void) throws {
        try statement.setArguments(arguments)
        // The statement outlives the loop: its last use in Swift is taking the handle, and releasing it finalizes it.
        try withExtendedLifetime(statement) {
            let handle = statement.sqliteStatement
            while true {
                switch sqlite3_step(handle) {
                case SQLITE_ROW: try body(DirectRow(statement: handle))
                case SQLITE_DONE: return
                case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastErrorMessage, sql: statement.sql)
                }
            }
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
