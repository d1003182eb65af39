/// A value as SQLite holds it, without exposing the database library to callers.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// The columns and rows of an ad-hoc query.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[SQLValue]]

    public init(columns: [String], rows: [[SQLValue]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// A table or view, its columns, and its one-line summary from `schemaNote`.
public struct SchemaObject: Sendable, Equatable, Codable {
    public struct Column: Sendable, Equatable, Codable {
        public var name: String
        public var type: String
        public var notNull: Bool
    }

    public var name: String
    public var type: String
    public var summary: String?
    public var columns: [Column]
}
