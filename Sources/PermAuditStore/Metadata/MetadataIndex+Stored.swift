import GRDB

extension MetadataIndex {
    /// The index of a stored document: its type names and entity container read now (a few thousand short
    /// rows), each type's members and bound operations when a path first reaches the type.
    static func stored(_ db: Database, snapshotKey: Int64) throws -> MetadataIndex {
        var typeKeys: [String: Int64] = [:]
        let types = try Row.fetchAll(db, sql: """
            SELECT id, namespace, name, kind, baseType FROM metadataType WHERE metadataSnapshotKey = ? ORDER BY id
            """, arguments: [snapshotKey]).map { row in
            let type = MetadataType(namespace: row["namespace"], name: row["name"],
                                    kind: MetadataType.Kind(rawValue: row["kind"])!, baseType: row["baseType"])
            typeKeys[type.qualifiedName] = row["id"]
            return type
        }
        let container = try Row.fetchAll(db, sql: """
            SELECT name, kind, type FROM metadataContainerMember WHERE metadataSnapshotKey = ?
            """, arguments: [snapshotKey]).map {
            MetadataDocument.ContainerMember(name: $0["name"], kind: MetadataDocument.ContainerMember.Kind(rawValue: $0["kind"])!, type: $0["type"])
        }
        return MetadataIndex(types: types, containerMembers: container,
                             members: StoredMetadataMembers(db: db, snapshotKey: snapshotKey, typeKeys: typeKeys))
    }
}
