import Foundation
import GRDB

/// What an import did to a tenant's snapshots.
public struct TenantImportOutcome: Sendable, Equatable {
    public var snapshotId: Int64
    public var tenantId: String
    public var asOf: String
    /// False when the same content was already this tenant's snapshot of that date: nothing was written.
    public var created: Bool
    public var servicePrincipalCount: Int
    public var grantCount: Int
    public var assignmentCount: Int
}

extension AppDatabase {
    /// Records catalog snapshots and a tenant snapshot in one transaction: all of it, or nothing.
    public func importExports(catalog batches: [CatalogBatch], tenant: TenantStream?, importedAt: Date = Date())
        throws -> (catalog: [CatalogImportOutcome], tenant: TenantImportOutcome?) {
        let timestamp = ISO8601DateFormatter().string(from: importedAt)
        return try writer.write { db in
            let catalog = try batches.map { try CatalogWriter(db: db, importedAt: timestamp).record($0) }
            let tenant = try tenant.map { try TenantWriter(db: db, importedAt: timestamp).record($0) }
            return (catalog, tenant)
        }
    }
}

/// The steps of one tenant import, inside the transaction `importExports` opened.
struct TenantWriter {
    let db: Database
    let importedAt: String

    func record(_ stream: TenantStream) throws -> TenantImportOutcome {
        // The same files again, byte for byte (for the same tenant when one is named): nothing to parse.
        if let stored = try Row.fetchOne(db, sql: """
            SELECT * FROM tenantSnapshot WHERE asOf = ? AND fileSetHash = ? AND (? IS NULL OR tenantId = ?) ORDER BY id LIMIT 1
            """, arguments: [stream.asOf, stream.fileSetHash, stream.givenTenantId, stream.givenTenantId]) {
            return try unchanged(stored)
        }
        // The tenant is known once the export is read: record under a placeholder, then name it.
        let placeholder = "importing " + stream.fileSetHash
        try db.execute(sql: """
            INSERT INTO tenantSnapshot (tenantId, asOf, contentHash, importedAt, fileSetHash) VALUES (?, ?, '', ?, ?)
            """, arguments: [placeholder, stream.asOf, importedAt, stream.fileSetHash])
        let key = db.lastInsertedRowID
        let sink = TenantSink(db: db, snapshotKey: key)
        let tenantId = try stream.write(sink)
        let hash = sink.contentHash.hex
        if let stored = try Row.fetchOne(db, sql: "SELECT * FROM tenantSnapshot WHERE tenantId = ? AND asOf = ?",
                                         arguments: [tenantId, stream.asOf]) {
            guard stored["contentHash"] as String == hash else {
                throw StoreError.tenantSnapshotConflict(tenantId: tenantId, asOf: stream.asOf)
            }
            // Same content in other files: keep the snapshot that was there.
            try db.execute(sql: "DELETE FROM tenantSnapshot WHERE id = ?", arguments: [key])
            return try unchanged(stored)
        }
        try db.execute(sql: "UPDATE tenantSnapshot SET tenantId = ?, contentHash = ? WHERE id = ?", arguments: [tenantId, hash, key])
        return TenantImportOutcome(
            snapshotId: key, tenantId: tenantId, asOf: stream.asOf, created: true,
            servicePrincipalCount: sink.servicePrincipalCount, grantCount: sink.grantCount, assignmentCount: sink.assignmentCount)
    }

    private func unchanged(_ snapshot: Row) throws -> TenantImportOutcome {
        let key: Int64 = snapshot["id"]
        func count(_ table: String) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE snapshotKey = ?", arguments: [key]) ?? 0
        }
        return TenantImportOutcome(
            snapshotId: key, tenantId: snapshot["tenantId"], asOf: snapshot["asOf"], created: false,
            servicePrincipalCount: try count("servicePrincipal"), grantCount: try count("oauth2PermissionGrant"),
            assignmentCount: try count("appRoleAssignment"))
    }
}
