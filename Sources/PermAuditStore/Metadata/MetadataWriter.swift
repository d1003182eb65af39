import GRDB

/// The steps of storing one metadata document, inside the transaction the import opened.
struct MetadataWriter {
    let db: Database
    let importedAt: String

    /// Returns the snapshot id, and whether it is new. The same document again is a no-op; another
    /// document for a stored (apiVersion, asOf) is refused.
    func record(_ document: MetadataDocument) throws -> (id: Int64, created: Bool) {
        if let stored = try Row.fetchOne(db, sql: """
            SELECT id, fileSha256, fileName FROM metadataSnapshot WHERE apiVersion = ? AND asOf = ?
            """, arguments: [document.apiVersion, document.asOf]) {
            guard stored["fileSha256"] as String == document.fileSha256 else {
                throw StoreError.snapshotConflict(
                    source: "metadata \(document.apiVersion)", asOf: document.asOf, part: "schema",
                    existingFile: stored["fileName"], newFile: document.fileName)
            }
            return (stored["id"], false)
        }
        try db.execute(sql: """
            INSERT INTO metadataSnapshot (apiVersion, asOf, fileName, fileSha256, importedAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [document.apiVersion, document.asOf, document.fileName, document.fileSha256, importedAt])
        let snapshotKey = db.lastInsertedRowID
        for namespace in document.namespaces {
            try db.execute(sql: "INSERT INTO metadataNamespace (metadataSnapshotKey, namespace, alias) VALUES (?, ?, ?)",
                           arguments: [snapshotKey, namespace.name, namespace.alias])
        }
        for type in document.types { try insert(type, snapshotKey: snapshotKey) }
        for member in document.containerMembers {
            try db.cachedStatement(sql: """
                INSERT INTO metadataContainerMember (metadataSnapshotKey, name, kind, type, description) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [snapshotKey, member.name, member.kind.rawValue, member.type, member.description])
        }
        for operation in document.operations { try insert(operation, snapshotKey: snapshotKey) }
        return (snapshotKey, true)
    }

    private func insert(_ type: MetadataType, snapshotKey: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO metadataType (metadataSnapshotKey, qualifiedName, namespace, name, kind, baseType, isAbstract, isOpenType, description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [snapshotKey, type.qualifiedName, type.namespace, type.name, type.kind.rawValue,
                                     type.baseType, type.isAbstract, type.isOpenType, type.description])
        let typeKey = db.lastInsertedRowID
        for (position, member) in type.members.enumerated() {
            if member.kind == .enumMember {
                try db.cachedStatement(sql: """
                    INSERT INTO metadataEnumMember (typeKey, position, name, value, description) VALUES (?, ?, ?, ?, ?)
                    """).execute(arguments: [typeKey, position, member.name, member.value, member.description])
            } else {
                try db.cachedStatement(sql: """
                    INSERT INTO metadataProperty (typeKey, position, name, kind, type, isCollection, nullable, containsTarget, description)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [typeKey, position, member.name, member.kind.rawValue, member.type?.name,
                                             member.type?.isCollection, member.nullable, member.containsTarget, member.description])
            }
        }
    }

    private func insert(_ operation: MetadataDocument.Operation, snapshotKey: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO metadataOperation (metadataSnapshotKey, qualifiedName, name, kind, isBound, isComposable,
                bindingType, bindingIsCollection, returnType, returnIsCollection, description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [snapshotKey, operation.qualifiedName, operation.name, operation.kind.rawValue,
                                     operation.isBound, operation.isComposable, operation.binding?.name, operation.binding?.isCollection,
                                     operation.returnType?.name, operation.returnType?.isCollection, operation.description])
        let operationKey = db.lastInsertedRowID
        for (position, parameter) in operation.parameters.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO metadataParameter (operationKey, position, name, type, isCollection, nullable) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [operationKey, position, parameter.name, parameter.type.name, parameter.type.isCollection, parameter.nullable])
        }
    }
}
