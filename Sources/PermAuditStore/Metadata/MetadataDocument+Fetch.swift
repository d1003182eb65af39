import GRDB

extension MetadataDocument {
    /// A stored document, rebuilt from its rows: what path resolution needs when a later catalog import
    /// brings new paths.
    static func fetch(_ db: Database, snapshotKey: Int64) throws -> MetadataDocument {
        let snapshot = try Row.fetchOne(db, sql: "SELECT * FROM metadataSnapshot WHERE id = ?", arguments: [snapshotKey])!
        var document = MetadataDocument(fileName: snapshot["fileName"], fileSha256: snapshot["fileSha256"],
                                        asOf: snapshot["asOf"], apiVersion: snapshot["apiVersion"])
        document.types = try fetchTypes(db, snapshotKey)
        document.containerMembers = try Row.fetchAll(db, sql: """
            SELECT name, kind, type, description FROM metadataContainerMember WHERE metadataSnapshotKey = ?
            """, arguments: [snapshotKey]).map {
            ContainerMember(name: $0["name"], kind: ContainerMember.Kind(rawValue: $0["kind"])!, type: $0["type"], description: $0["description"])
        }
        document.operations = try fetchOperations(db, snapshotKey)
        return document
    }

    private static func fetchTypes(_ db: Database, _ snapshotKey: Int64) throws -> [MetadataType] {
        var members: [Int64: [MetadataType.Member]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.typeKey, p.name, p.kind, p.type, p.isCollection, p.nullable, p.containsTarget, p.description
            FROM metadataProperty p JOIN metadataType t ON t.id = p.typeKey
            WHERE t.metadataSnapshotKey = ? ORDER BY p.typeKey, p.position
            """, arguments: [snapshotKey]) {
            members[row["typeKey"], default: []].append(MetadataType.Member(
                name: row["name"], kind: MetadataType.Member.Kind(rawValue: row["kind"])!,
                type: TypeReference(name: row["type"], isCollection: row["isCollection"]),
                nullable: row["nullable"], containsTarget: row["containsTarget"], description: row["description"]))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM metadataType WHERE metadataSnapshotKey = ? ORDER BY id", arguments: [snapshotKey]).map { row in
            var type = MetadataType(namespace: row["namespace"], name: row["name"],
                                    kind: MetadataType.Kind(rawValue: row["kind"])!, baseType: row["baseType"])
            type.isAbstract = row["isAbstract"]
            type.isOpenType = row["isOpenType"]
            type.description = row["description"]
            type.members = members[row["id"]] ?? []
            return type
        }
    }

    private static func fetchOperations(_ db: Database, _ snapshotKey: Int64) throws -> [Operation] {
        var parameters: [Int64: [Parameter]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.* FROM metadataParameter p JOIN metadataOperation o ON o.id = p.operationKey
            WHERE o.metadataSnapshotKey = ? ORDER BY p.operationKey, p.position
            """, arguments: [snapshotKey]) {
            parameters[row["operationKey"], default: []].append(Parameter(
                name: row["name"], type: TypeReference(name: row["type"], isCollection: row["isCollection"]), nullable: row["nullable"]))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM metadataOperation WHERE metadataSnapshotKey = ? ORDER BY id", arguments: [snapshotKey]).map { row in
            let qualifiedName: String = row["qualifiedName"]
            let name: String = row["name"]
            var operation = Operation(
                namespace: String(qualifiedName.dropLast(name.count + 1)), name: name,
                kind: Operation.Kind(rawValue: row["kind"])!, isBound: row["isBound"], isComposable: row["isComposable"])
            operation.parameters = parameters[row["id"]] ?? []
            let returnType: String? = row["returnType"]
            operation.returnType = returnType.map { TypeReference(name: $0, isCollection: row["returnIsCollection"] ?? false) }
            operation.description = row["description"]
            return operation
        }
    }
}
