import Foundation
import GRDB

extension AppDatabase {
    /// Records catalog snapshots, all in one transaction: if any batch fails, nothing is written.
    /// Content already stored (a permission version, a set of API paths) is shared, never copied.
    public func importCatalog(_ batches: [CatalogBatch], importedAt: Date = Date()) throws -> [CatalogImportOutcome] {
        try importExports(catalog: batches, tenant: nil, importedAt: importedAt).catalog
    }
}

/// The steps of one catalog import, inside the transaction the import opened.
struct CatalogWriter {
    let db: Database
    let importedAt: String

    func record(_ batch: CatalogBatch) throws -> CatalogImportOutcome {
        let existing = try Row.fetchOne(db, sql: """
            SELECT id FROM catalogSnapshot WHERE source = ? AND resourceAppId IS ? AND asOf = ?
            """, arguments: [batch.source.rawValue, batch.resourceAppId, batch.asOf])
        let snapshotId: Int64 = try existing?["id"] ?? insertSnapshot(batch)
        var added = 0
        var newVersions = 0
        for part in batch.parts {
            let hash = Self.contentHash(of: part, entryHashes: part.hashes.map(\.entry))
            if let stored = try Row.fetchOne(db, sql: """
                SELECT contentHash, fileName FROM catalogSnapshotPart WHERE snapshotKey = ? AND part = ?
                """, arguments: [snapshotId, part.name.rawValue]) {
                guard stored["contentHash"] as String == hash else {
                    throw StoreError.snapshotConflict(
                        source: batch.source.rawValue, asOf: batch.asOf, part: part.name.rawValue,
                        existingFile: stored["fileName"], newFile: part.fileName)
                }
                continue
            }
            try db.execute(sql: """
                INSERT INTO catalogSnapshotPart (snapshotKey, part, contentHash, fileName, fileSha256, entryCount)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [snapshotId, part.name.rawValue, hash, part.fileName, part.fileSha256, part.entryCount])
            newVersions += try insertEntries(
                of: part, source: batch.source, resourceAppId: batch.resourceAppId, snapshotId: snapshotId)
            added += 1
        }
        try refreshSnapshotHash(snapshotId)
        let effect: CatalogImportOutcome.Effect = existing == nil ? .created : (added > 0 ? .extended : .unchanged)
        let entries = try Int.fetchOne(db, sql: "SELECT sum(entryCount) FROM catalogSnapshotPart WHERE snapshotKey = ?", arguments: [snapshotId]) ?? 0
        return CatalogImportOutcome(
            snapshotId: snapshotId, source: batch.source, asOf: batch.asOf, effect: effect,
            entryCount: entries, newVersionCount: newVersions)
    }

    private func insertSnapshot(_ batch: CatalogBatch) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO catalogSnapshot (source, resourceAppId, asOf, contentHash, importedAt) VALUES (?, ?, ?, '', ?)
            """, arguments: [batch.source.rawValue, batch.resourceAppId, batch.asOf, importedAt])
        return db.lastInsertedRowID
    }

    /// The snapshot's hash covers all its parts, so two imports that together give the same content agree.
    private func refreshSnapshotHash(_ snapshotId: Int64) throws {
        let partHashes = try String.fetchAll(db, sql: """
            SELECT part || ':' || contentHash FROM catalogSnapshotPart WHERE snapshotKey = ? ORDER BY part
            """, arguments: [snapshotId])
        try db.execute(sql: "UPDATE catalogSnapshot SET contentHash = ? WHERE id = ?",
                       arguments: [SHA256.hex(partHashes.joined(separator: "\n")), snapshotId])
    }

    /// Returns how many versions were new to the database.
    private func insertEntries(
        of part: CatalogPart, source: CatalogSource, resourceAppId: String?, snapshotId: Int64
    ) throws -> Int {
        for app in part.applications {
            try db.cachedStatement(sql: """
                INSERT INTO microsoftApplication (snapshotKey, appId, appDisplayName, appOwnerOrganizationId, listedBy)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """).run(direct: [.integer(snapshotId), .cString(app.appId), .cString(app.appDisplayName), .cString(app.appOwnerOrganizationId),
                                  .cString(app.listedBy)])
        }
        var newVersions = 0
        for (entry, hash) in zip(part.permissions, part.hashes) {
            let permissionKey = try permissionKey(resourceAppId: resourceAppId ?? "", entry: entry)
            let (versionKey, isNew) = try versionKey(entry, hashes: hash, source: source, permissionKey: permissionKey)
            if isNew { newVersions += 1 }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO catalogSnapshotEntry (snapshotKey, versionKey) VALUES (?, ?)")
                .run(direct: [.integer(snapshotId), .integer(versionKey)])
        }
        return newVersions
    }

    private func permissionKey(resourceAppId: String, entry: PermissionEntry) throws -> Int64 {
        let values: [DirectValue] = [.cString(resourceAppId), .cString(entry.kind.rawValue), .cString(entry.value)]
        try db.cachedStatement(sql: "INSERT INTO permission (resourceAppId, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").run(direct: values)
        guard let key = try db.cachedStatement(sql: "SELECT id FROM permission WHERE resourceAppId = ? AND kind = ? AND value = ?").run(direct: values) else {
            throw StoreError.missingRow(table: "permission", detail: "the permission just added")
        }
        return key
    }

    private func versionKey(_ entry: PermissionEntry, hashes: PermissionEntry.ContentHashes, source: CatalogSource,
                            permissionKey: Int64) throws -> (Int64, isNew: Bool) {
        let hash = hashes.entry
        if let key = try db.cachedStatement(sql: "SELECT id FROM permissionVersion WHERE permissionKey = ? AND contentHash = ?")
            .run(direct: [.integer(permissionKey), .cString(hash)]) {
            return (key, false)
        }
        let pathSetKey = try entry.apiPaths.map { paths in
            try self.pathSetKey(paths, hash: hashes.pathSet ?? ApiPathEntry.contentHash(paths))
        }
        try db.cachedStatement(sql: """
            INSERT INTO permissionVersion (
                permissionKey, source, scheme, permissionId,
                adminConsentDisplayName, adminConsentDescription, userConsentDisplayName, userConsentDescription,
                requiresAdminConsent, type, privilegeLevel, isEnabled, isHidden, allowedMemberTypes, origin,
                authorizationType, ownerSecurityGroup, environment, provisioningResourceAppId, pathSetKey, contentHash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run(direct: [
                .integer(permissionKey), .cString(source.rawValue), .cString(entry.scheme), .cString(entry.permissionId),
                .cString(entry.adminConsentDisplayName), .cString(entry.adminConsentDescription),
                .cString(entry.userConsentDisplayName), .cString(entry.userConsentDescription),
                .bool(entry.requiresAdminConsent), .cString(entry.type), .integer(entry.privilegeLevel.map(Int64.init)), .bool(entry.isEnabled),
                .bool(entry.isHidden), .cString(entry.allowedMemberTypes), .cString(entry.origin), .cString(entry.authorizationType),
                .cString(entry.ownerSecurityGroup), .cString(entry.environment), .cString(entry.provisioningResourceAppId), .integer(pathSetKey), .cString(hash),
            ])
        return (db.lastInsertedRowID, true)
    }

    /// The path set with this hash (`ApiPathEntry.contentHash`), stored with its paths when new.
    private func pathSetKey(_ paths: [ApiPathEntry], hash: String) throws -> Int64 {
        if let key = try db.cachedStatement(sql: "SELECT id FROM apiPathSet WHERE contentHash = ?").run(direct: [.cString(hash)]) {
            return key
        }
        try db.cachedStatement(sql: "INSERT INTO apiPathSet (contentHash) VALUES (?)").run(direct: [.cString(hash)])
        let key = db.lastInsertedRowID
        let insert = try db.cachedStatement(sql: """
            INSERT INTO apiPath (pathSetKey, method, path, schemeKeys, leastPrivilegeSchemes, alsoRequires)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for path in paths {
            try insert.run(direct: [.integer(key), .cString(path.method), .cString(path.path), .cString(path.schemeKeys), .cString(path.leastPrivilegeSchemes),
                                    .cString(path.alsoRequires)])
        }
        return key
    }

    /// A part's hash depends on its content only: the same entries in another order or file layout hash alike.
    static func contentHash(of part: CatalogPart, entryHashes: [String]) -> String {
        let lines = entryHashes + part.applications.map(\.contentLine)
        return SHA256.hex(lines.sorted().joined(separator: "\n"))
    }
}
