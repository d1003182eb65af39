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
    public func importExports(catalog batches: [CatalogBatch], tenant: TenantExport?, importedAt: Date = Date())
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

    func record(_ export: TenantExport) throws -> TenantImportOutcome {
        let hash = export.contentHash
        var outcome = TenantImportOutcome(
            snapshotId: 0, tenantId: export.tenantId, asOf: export.asOf, created: false,
            servicePrincipalCount: export.servicePrincipals.count, grantCount: export.grants.count,
            assignmentCount: export.assignments.count)
        if let stored = try Row.fetchOne(db, sql: "SELECT id, contentHash FROM tenantSnapshot WHERE tenantId = ? AND asOf = ?",
                                         arguments: [export.tenantId, export.asOf]) {
            guard stored["contentHash"] as String == hash else {
                throw StoreError.tenantSnapshotConflict(tenantId: export.tenantId, asOf: export.asOf)
            }
            outcome.snapshotId = stored["id"]
            return outcome
        }
        try db.execute(sql: "INSERT INTO tenantSnapshot (tenantId, asOf, contentHash, importedAt) VALUES (?, ?, ?, ?)",
                       arguments: [export.tenantId, export.asOf, hash, importedAt])
        let key = db.lastInsertedRowID
        try export.servicePrincipals.forEach { try insert($0, snapshot: key) }
        try export.grants.forEach { try insert($0, snapshot: key) }
        try export.assignments.forEach { try insert($0, snapshot: key) }
        outcome.snapshotId = key
        outcome.created = true
        return outcome
    }

    private func insert(_ principal: TenantServicePrincipal, snapshot: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO servicePrincipal (snapshotKey, id, appId, displayName, appOwnerOrganizationId, servicePrincipalType,
                                          publisherName, verifiedPublisherId, verifiedPublisherName, accountEnabled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                snapshot, principal.id, principal.appId, principal.displayName, principal.appOwnerOrganizationId,
                principal.servicePrincipalType, principal.publisherName, principal.verifiedPublisherId,
                principal.verifiedPublisherName, principal.accountEnabled,
            ])
        for scope in principal.scopes {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO servicePrincipalScope (snapshotKey, servicePrincipalId, id, value, type, isEnabled, adminConsentDisplayName)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [snapshot, principal.id, scope.id, scope.value, scope.type, scope.isEnabled, scope.adminConsentDisplayName])
        }
        for role in principal.appRoles {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO servicePrincipalAppRole (snapshotKey, servicePrincipalId, id, value, allowedMemberTypes, isEnabled, displayName)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [snapshot, principal.id, role.id, role.value, role.allowedMemberTypes, role.isEnabled, role.displayName])
        }
    }

    private func insert(_ grant: TenantGrant, snapshot: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO oauth2PermissionGrant (snapshotKey, id, clientId, consentType, principalId, resourceId, scope)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [snapshot, grant.id, grant.clientId, grant.consentType, grant.principalId, grant.resourceId, grant.scope])
        for value in grant.scopeValues {
            try db.cachedStatement(sql: "INSERT INTO oauth2PermissionGrantScope (snapshotKey, grantId, value) VALUES (?, ?, ?)")
                .execute(arguments: [snapshot, grant.id, value])
        }
    }

    private func insert(_ assignment: TenantAssignment, snapshot: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO appRoleAssignment (snapshotKey, id, appRoleId, principalId, principalType, principalDisplayName,
                                           resourceId, resourceDisplayName, createdDateTime)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                snapshot, assignment.id, assignment.appRoleId, assignment.principalId, assignment.principalType,
                assignment.principalDisplayName, assignment.resourceId, assignment.resourceDisplayName, assignment.createdDateTime,
            ])
    }
}
