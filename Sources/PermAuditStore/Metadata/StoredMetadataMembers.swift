import GRDB

/// The members and bound operations of a stored metadata document, read from its rows one type at a time
/// and kept: resolving a catalog's few new API paths reads only the types those paths reach, not the
/// whole document (about 20,000 rows with their descriptions).
final class StoredMetadataMembers: MetadataMembers {
    private let db: Database
    private let snapshotKey: Int64
    private let typeKeys: [String: Int64]
    private var members: [String: [String: [MetadataType.Member]]] = [:]
    private var operations: [String: [MetadataDocument.Operation]] = [:]

    init(db: Database, snapshotKey: Int64, typeKeys: [String: Int64]) {
        self.db = db
        self.snapshotKey = snapshotKey
        self.typeKeys = typeKeys
    }

    func members(of type: String) throws -> [String: [MetadataType.Member]] {
        if let known = members[type] { return known }
        guard let typeKey = typeKeys[type] else { return [:] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT name, kind, type, isCollection, nullable, containsTarget FROM metadataProperty WHERE typeKey = ? ORDER BY position
            """), arguments: [typeKey])
        let read = Dictionary(grouping: rows.map { row in
            MetadataType.Member(name: row["name"], kind: MetadataType.Member.Kind(rawValue: row["kind"])!,
                                type: MetadataDocument.TypeReference(name: row["type"], isCollection: row["isCollection"]),
                                nullable: row["nullable"], containsTarget: row["containsTarget"])
        }) { $0.name.lowercased() }
        members[type] = read
        return read
    }

    func operations(boundTo type: String) throws -> [MetadataDocument.Operation] {
        if let known = operations[type] { return known }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT o.qualifiedName, o.name, o.kind, o.isComposable, o.returnType, o.returnIsCollection,
                   p.name AS parameter, p.type AS parameterType, p.isCollection AS parameterIsCollection, p.nullable AS parameterNullable
            FROM metadataOperation o JOIN metadataParameter p ON p.operationKey = o.id AND p.position = 0
            WHERE o.metadataSnapshotKey = ? AND o.bindingType = ? AND o.isBound
            ORDER BY o.id
            """), arguments: [snapshotKey, type])
        let read = rows.map(Self.operation)
        operations[type] = read
        return read
    }

    /// An operation with its binding parameter, the only one path resolution looks at.
    private static func operation(_ row: Row) -> MetadataDocument.Operation {
        let qualifiedName: String = row["qualifiedName"]
        let name: String = row["name"]
        var operation = MetadataDocument.Operation(
            namespace: String(qualifiedName.dropLast(name.count + 1)), name: name,
            kind: MetadataDocument.Operation.Kind(rawValue: row["kind"])!, isBound: true, isComposable: row["isComposable"])
        operation.parameters = [MetadataDocument.Parameter(
            name: row["parameter"], type: MetadataDocument.TypeReference(name: row["parameterType"], isCollection: row["parameterIsCollection"]),
            nullable: row["parameterNullable"])]
        let returnType: String? = row["returnType"]
        operation.returnType = returnType.map { MetadataDocument.TypeReference(name: $0, isCollection: row["returnIsCollection"] ?? false) }
        return operation
    }
}
