import GRDB

/// Keeps `apiPathResolution` complete: every stored API path resolved against every stored metadata
/// document. Run inside an import's transaction after catalogs and documents are written.
struct ApiPathResolutions {
    let db: Database

    /// Resolves the (document, path) pairs not yet stored. A document just imported can be passed in,
    /// so it is not read back from its rows.
    func refresh(known documents: [Int64: MetadataDocument] = [:]) throws {
        let snapshotKeys = try Int64.fetchAll(db, sql: "SELECT id FROM metadataSnapshot ORDER BY id")
        for snapshotKey in snapshotKeys {
            let paths = try String.fetchAll(db, sql: """
                SELECT DISTINCT a.path FROM apiPath a
                WHERE NOT EXISTS (SELECT 1 FROM apiPathResolution r WHERE r.metadataSnapshotKey = ? AND r.path = a.path)
                """, arguments: [snapshotKey])
            guard !paths.isEmpty else { continue }
            let resolver = ApiPathResolver(try documents[snapshotKey] ?? MetadataDocument.fetch(db, snapshotKey: snapshotKey))
            for path in paths { try insert(resolver.resolve(path), snapshotKey: snapshotKey) }
        }
    }

    /// How many distinct stored paths there are, and how many resolve against one document.
    func counts(snapshotKey: Int64) throws -> (paths: Int, resolved: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS paths, count(resourceType) AS resolved FROM apiPathResolution WHERE metadataSnapshotKey = ?
            """, arguments: [snapshotKey])!
        return (row["paths"], row["resolved"])
    }

    private func insert(_ resolution: ApiPathResolution, snapshotKey: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO apiPathResolution (metadataSnapshotKey, path, resourceType, isCollection, operation, operationKind,
                returnType, note, unresolvedSegment, problem)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                snapshotKey, resolution.path, resolution.resourceType, resolution.isCollection, resolution.operation,
                resolution.operationKind, resolution.returnType, resolution.note, resolution.unresolvedSegment, resolution.problem,
            ])
    }
}
