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
        // Statements prepared once and bound through SQLite's C API: a document is some 40,000 rows.
        let statements = try Statements(db)
        for type in document.types { try insert(type, snapshotKey: snapshotKey, statements) }
        for member in document.containerMembers {
            try statements.containerMember.run(direct: [.integer(snapshotKey), .cString(member.name), .cString(member.kind.rawValue), .cString(member.type),
                                                        .cString(member.description)])
        }
        for operation in document.operations { try insert(operation, snapshotKey: snapshotKey, statements) }
        return (snapshotKey, true)
    }

    private func insert(_ type: MetadataType, snapshotKey: Int64, _ statements: Statements) throws {
        try statements.type.run(direct: [.integer(snapshotKey), .cString(type.qualifiedName), .cString(type.namespace), .cString(type.name),
                                         .cString(type.kind.rawValue), .cString(type.baseType), .bool(type.isAbstract), .bool(type.isOpenType),
                                         .cString(type.description)])
        let typeKey = db.lastInsertedRowID
        for (position, member) in type.members.enumerated() {
            if member.kind == .enumMember {
                try statements.enumMember.run(direct: [.integer(typeKey), .integer(Int64(position)), .cString(member.name), .cString(member.value),
                                                       .cString(member.description)])
            } else {
                try statements.property.run(direct: [.integer(typeKey), .integer(Int64(position)), .cString(member.name), .cString(member.kind.rawValue),
                                                     .cString(member.type?.name), .bool(member.type?.isCollection), .bool(member.nullable),
                                                     .bool(member.containsTarget), .cString(member.description)])
            }
        }
    }

    private func insert(_ operation: MetadataDocument.Operation, snapshotKey: Int64, _ statements: Statements) throws {
        try statements.operation.run(direct: [
            .integer(snapshotKey), .cString(operation.qualifiedName), .cString(operation.name), .cString(operation.kind.rawValue),
            .bool(operation.isBound), .bool(operation.isComposable), .cString(operation.binding?.name), .bool(operation.binding?.isCollection),
            .cString(operation.returnType?.name), .bool(operation.returnType?.isCollection), .cString(operation.description),
        ])
        let operationKey = db.lastInsertedRowID
        for (position, parameter) in operation.parameters.enumerated() {
            try statements.parameter.run(direct: [.integer(operationKey), .integer(Int64(position)), .cString(parameter.name), .cString(parameter.type.name),
                                                  .bool(parameter.type.isCollection), .bool(parameter.nullable)])
        }
    }

    /// The inserts of a document's rows.
    private struct Statements {
        let type, property, enumMember, containerMember, operation, parameter: Statement

        init(_ db: Database) throws {
            type = try db.makeStatement(sql: """
                INSERT INTO metadataType (metadataSnapshotKey, qualifiedName, namespace, name, kind, baseType, isAbstract, isOpenType, description)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            property = try db.makeStatement(sql: """
                INSERT INTO metadataProperty (typeKey, position, name, kind, type, isCollection, nullable, containsTarget, description)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            enumMember = try db.makeStatement(sql: "INSERT INTO metadataEnumMember (typeKey, position, name, value, description) VALUES (?, ?, ?, ?, ?)")
            containerMember = try db.makeStatement(sql: """
                INSERT INTO metadataContainerMember (metadataSnapshotKey, name, kind, type, description) VALUES (?, ?, ?, ?, ?)
                """)
            operation = try db.makeStatement(sql: """
                INSERT INTO metadataOperation (metadataSnapshotKey, qualifiedName, name, kind, isBound, isComposable,
                    bindingType, bindingIsCollection, returnType, returnIsCollection, description)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            parameter = try db.makeStatement(sql: """
                INSERT INTO metadataParameter (operationKey, position, name, type, isCollection, nullable) VALUES (?, ?, ?, ?, ?, ?)
                """)
        }
    }
}
