import GRDB

/// Keeps `apiPathResolution` complete: every stored API path resolved against every stored metadata
/// document. Run inside an import's transaction after catalogs and documents are written.
struct ApiPathResolutions {
    let db: Database

    /// Resolves the (document, path) pairs not yet stored: every path against a document created by this
    /// import, and against the other documents the paths of the path sets after `lastPathSet` (the ones
    /// this import added: a path is stored only with a new set). A document just imported can be passed
    /// in `known`; the others are read only where their new paths go (`MetadataIndex.stored`). A path already
    /// resolved against a document (`inAdvance`, by snapshot) is stored as it was resolved.
    func refresh(created: Set<Int64>, known documents: [Int64: MetadataDocument] = [:],
                 inAdvance: [Int64: [String: ApiPathResolution]] = [:], pathSetsAfter lastPathSet: Int64) throws {
        let snapshotKeys = try Int64.fetchAll(db, sql: "SELECT id FROM metadataSnapshot ORDER BY id")
        var allPaths: [String]?
        for snapshotKey in snapshotKeys {
            let paths: [String]
            if created.contains(snapshotKey) {
                // A document created now has no resolution yet; the stored paths are read once for all of them.
                allPaths = try allPaths ?? String.fetchAll(db, sql: "SELECT DISTINCT path FROM apiPath")
                paths = allPaths!
            } else {
                paths = try String.fetchAll(db, sql: """
                    SELECT DISTINCT a.path FROM apiPath a
                    WHERE a.pathSetKey > ?
                      AND NOT EXISTS (SELECT 1 FROM apiPathResolution r WHERE r.metadataSnapshotKey = ? AND r.path = a.path)
                    """, arguments: [lastPathSet, snapshotKey])
            }
            let resolved = inAdvance[snapshotKey] ?? [:]
            var resolver: ApiPathResolver?
            for path in paths {
                if let resolution = resolved[path] {
                    try insert(resolution, snapshotKey: snapshotKey)
                    continue
                }
                resolver = try resolver ?? ApiPathResolver(documents[snapshotKey].map(MetadataIndex.init)
                                                           ?? MetadataIndex.stored(db, snapshotKey: snapshotKey))
                try insert(resolver!.resolve(path), snapshotKey: snapshotKey)
            }
        }
    }

    /// The last path set stored: the paths of the sets after it are new to the database.
    func lastPathSet() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM apiPathSet") ?? 0
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
            """).run(direct: [
                .integer(snapshotKey), .cString(resolution.path), .cString(resolution.resourceType), .bool(resolution.isCollection), .cString(resolution.operation),
                .cString(resolution.operationKind), .cString(resolution.returnType), .cString(resolution.note), .cString(resolution.unresolvedSegment),
                .cString(resolution.problem),
            ])
    }
}
