import Dispatch
import GRDB
import GRDBSQLite

extension AppDatabase {
    /// Runs one ad-hoc SQL statement on a read-only connection and collects its rows (see the streaming
    /// `query(_:parameters:timeout:columns:row:)` for results too large to hold).
    public func query(_ sql: String, parameters: [String: String] = [:], timeout: Double? = nil) throws -> QueryResult {
        var result = QueryResult(columns: [], rows: [])
        try query(sql, parameters: parameters, timeout: timeout, columns: { result.columns = $0 }) { row in
            result.rows.append(row)
            return true
        }
        return result
    }

    /// Runs one ad-hoc SQL statement on a read-only connection, handing `columns` the column names and then
    /// `row` each row as SQLite steps to it, so memory stays flat however many rows; `row` returns false to
    /// stop. Parameters are bound by name (`:name`, `@name` or `$name`), never spliced into the SQL. A
    /// statement that would write is refused. `timeout` covers the callbacks too: a query (or its output)
    /// still running after `timeout` seconds is interrupted and reported as such; `spent` is the part of the
    /// timeout the caller used already (opening the database).
    public func query(_ sql: String, parameters: [String: String] = [:], timeout: Double? = nil, spent: Double = 0,
                      columns: ([String]) throws -> Void, row: ([SQLValue]) throws -> Bool) throws {
        let stopped = StoreError.queryFailed("stopped after \(timeout.map { String($0) } ?? "?") seconds (--timeout)")
        let left = timeout.map { $0 - spent }
        if let left, left <= 0 { throw stopped }
        let deadline = left.map { DispatchTime.now().uptimeNanoseconds + UInt64($0 * 1e9) }
        let interruption = left.map { seconds in
            let item = DispatchWorkItem { [writer] in writer.interrupt() }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
            return item
        }
        defer { interruption?.cancel() }
        do {
            try writer.read { db in
                let statement = try Self.readOnlyStatement(sql, parameters: parameters, db)
                try columns(statement.columnNames)
                let cursor = try Row.fetchCursor(statement)
                let count = CInt(statement.columnCount)
                while try cursor.next() != nil {
                    // The interrupt reaches SQLite only while it steps; a slow consumer is stopped here.
                    if let deadline, DispatchTime.now().uptimeNanoseconds > deadline { throw stopped }
                    let values = (0..<count).map { SQLValue(statement.sqliteStatement, column: $0) }
                    guard try row(values) else { return }
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw stopped
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path) ?? StoreError.queryFailed(error.message ?? "\(error)")
        }
    }

    /// The one statement in `sql`, with its parameters bound, if it only reads this database.
    private static func readOnlyStatement(_ sql: String, parameters: [String: String], _ db: Database) throws -> Statement {
        let statements = try db.allStatements(sql: sql)
        guard let statement = try statements.next() else {
            throw StoreError.queryRefused("the SQL holds no statement")
        }
        guard try statements.next() == nil else {
            throw StoreError.queryRefused("give one statement at a time")
        }
        guard statement.isReadonly else {
            throw StoreError.queryRefused("permaudit query is read-only; this statement would change the database")
        }
        // SQLite counts ATTACH and DETACH as read-only, but they reach beyond this database.
        let verb = leadingKeyword(statement.sql)
        guard verb != "ATTACH" && verb != "DETACH" else {
            throw StoreError.queryRefused("\(verb) is not allowed: permaudit query reads this database only")
        }
        if !parameters.isEmpty {
            statement.arguments = StatementArguments(parameters)
        }
        return statement
    }

    /// The first SQL keyword, past white space and comments.
    static func leadingKeyword(_ sql: String) -> String {
        var rest = Substring(sql)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                return rest.prefix { $0.isLetter }.uppercased()
            }
        }
    }

    /// Every table and view with its columns and summary, for people writing their own SQL.
    public func schemaObjects() throws -> [SchemaObject] {
        try writer.read { db in
            let objects = try Row.fetchAll(db, sql: """
                SELECT m.name, m.type, n.summary
                FROM sqlite_schema m LEFT JOIN schemaNote n ON n.name = m.name
                WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'grdb_%'
                ORDER BY m.type, m.name
                """)
            return try objects.map { row in
                let name: String = row["name"]
                let columns = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\" FROM pragma_table_info(?)", arguments: [name])
                return SchemaObject(
                    name: name, type: row["type"], summary: row["summary"],
                    columns: columns.map { .init(name: $0["name"], type: $0["type"], notNull: $0["notnull"]) })
            }
        }
    }
}

extension SQLValue {
    /// The current row's value in `column`, read with the C API: text is read with its byte length, so a
    /// NUL inside it is kept (GRDB's String stops at the first NUL).
    init(_ statement: SQLiteStatement, column: CInt) {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: self = .null
        case SQLITE_INTEGER: self = .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: self = .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let text = sqlite3_column_text(statement, column)
            let count = Int(sqlite3_column_bytes(statement, column))
            self = .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        default:
            let bytes = sqlite3_column_blob(statement, column)
            let count = Int(sqlite3_column_bytes(statement, column))
            self = .blob(bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? [])
        }
    }
}

extension AppDatabase {
    /// The SQL of every table, index, view and trigger, in name order: the schema the migrations built.
    public func schemaDefinition() throws -> String {
        try writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql || ';' FROM sqlite_schema
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                ORDER BY type, name
                """).joined(separator: "\n\n") + "\n"
        }
    }
}
