import Dispatch
import GRDB

extension AppDatabase {
    /// Runs one ad-hoc SQL statement on a read-only connection. Parameters are bound by name
    /// (`:name`, `@name` or `$name`), never spliced into the SQL. A statement that would write is refused.
    /// A query still running after `timeout` seconds is interrupted and reported as such.
    public func query(_ sql: String, parameters: [String: String] = [:], timeout: Double? = nil) throws -> QueryResult {
        let interruption = timeout.map { seconds in
            let item = DispatchWorkItem { [writer] in writer.interrupt() }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
            return item
        }
        defer { interruption?.cancel() }
        do {
            return try writer.read { db in
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
                let verb = Self.leadingKeyword(statement.sql)
                guard verb != "ATTACH" && verb != "DETACH" else {
                    throw StoreError.queryRefused("\(verb) is not allowed: permaudit query reads this database only")
                }
                if !parameters.isEmpty {
                    statement.arguments = StatementArguments(parameters)
                }
                let rows = try Row.fetchAll(statement)
                return QueryResult(columns: statement.columnNames, rows: rows.map { $0.databaseValues.map(SQLValue.init) })
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw StoreError.queryFailed("stopped after \(timeout.map { String($0) } ?? "?") seconds (--timeout)")
        } catch let error as DatabaseError {
            throw StoreError.queryFailed(error.message ?? "\(error)")
        }
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
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let int): self = .integer(int)
        case .double(let double): self = .real(double)
        case .string(let string): self = .text(string)
        case .blob(let data): self = .blob([UInt8](data))
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
