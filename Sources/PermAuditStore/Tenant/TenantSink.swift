import GRDB

/// Receives a tenant export's objects one at a time and writes each at once, inside the import's
/// transaction, so memory stays flat however large the export. An object is stored once per distinct
/// content (a version) across all snapshots; this snapshot's versions are staged for the presence update.
/// The same object twice in one export is kept once; two different objects with one id are refused.
public final class TenantSink {
    let db: Database
    let tenantId: String
    private(set) var contentHash = MultisetHash()
    private(set) var servicePrincipalCount = 0
    private(set) var grantCount = 0
    private(set) var assignmentCount = 0

    init(db: Database, tenantId: String) throws {
        self.db = db
        self.tenantId = tenantId
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS stagedObject (
                collection TEXT NOT NULL, id TEXT NOT NULL, versionKey INTEGER NOT NULL, PRIMARY KEY (collection, id))
            """)
        try db.execute(sql: "DELETE FROM temp.stagedObject")
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS temp.stagedObjectByVersion ON stagedObject(collection, versionKey)")
    }

    /// Returns false when the same object was already in this export (a duplicate across pages).
    @discardableResult
    public func add(_ principal: TenantServicePrincipal) throws -> Bool {
        let hash = SHA256.hex(principal.contentLine)
        let key = try versionKey(table: "servicePrincipal", id: principal.id, hash: hash) {
            try db.cachedStatement(sql: """
                INSERT INTO servicePrincipal (tenantId, id, appId, displayName, appOwnerOrganizationId, servicePrincipalType,
                    publisherName, verifiedPublisherId, verifiedPublisherName, accountEnabled, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    tenantId, principal.id, principal.appId, principal.displayName, principal.appOwnerOrganizationId,
                    principal.servicePrincipalType, principal.publisherName, principal.verifiedPublisherId,
                    principal.verifiedPublisherName, principal.accountEnabled, hash,
                ])
            let key = db.lastInsertedRowID
            for scope in principal.scopes {
                try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO servicePrincipalScope (versionKey, id, value, type, isEnabled, adminConsentDisplayName)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [key, scope.id, scope.value, scope.type, scope.isEnabled, scope.adminConsentDisplayName])
            }
            for role in principal.appRoles {
                try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO servicePrincipalAppRole (versionKey, id, value, allowedMemberTypes, isEnabled, displayName)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [key, role.id, role.value, role.allowedMemberTypes, role.isEnabled, role.displayName])
            }
            return key
        }
        guard try stage("servicePrincipal", id: principal.id, versionKey: key, hash: hash) else { return false }
        servicePrincipalCount += 1
        return true
    }

    @discardableResult
    public func add(_ grant: TenantGrant) throws -> Bool {
        let hash = SHA256.hex(grant.contentLine)
        let key = try versionKey(table: "oauth2PermissionGrant", id: grant.id, hash: hash) {
            let scopeSet = try scopeSetKey(grant)
            try db.cachedStatement(sql: """
                INSERT INTO oauth2PermissionGrant (tenantId, id, clientId, consentType, principalId, resourceId, scopeSetKey, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [tenantId, grant.id, grant.clientId, grant.consentType, grant.principalId, grant.resourceId, scopeSet, hash])
            return db.lastInsertedRowID
        }
        guard try stage("oauth2PermissionGrant", id: grant.id, versionKey: key, hash: hash) else { return false }
        grantCount += 1
        return true
    }

    @discardableResult
    public func add(_ assignment: TenantAssignment) throws -> Bool {
        let hash = SHA256.hex(assignment.contentLine)
        let key = try versionKey(table: "appRoleAssignment", id: assignment.id, hash: hash) {
            try db.cachedStatement(sql: """
                INSERT INTO appRoleAssignment (tenantId, id, appRoleId, principalId, principalType, principalDisplayName,
                                               resourceId, resourceDisplayName, createdDateTime, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    tenantId, assignment.id, assignment.appRoleId, assignment.principalId, assignment.principalType,
                    assignment.principalDisplayName, assignment.resourceId, assignment.resourceDisplayName, assignment.createdDateTime, hash,
                ])
            return db.lastInsertedRowID
        }
        guard try stage("appRoleAssignment", id: assignment.id, versionKey: key, hash: hash) else { return false }
        assignmentCount += 1
        return true
    }

    /// The stored version with this content, or a new one made by `insert`.
    private func versionKey(table: String, id: String, hash: String, insert: () throws -> Int64) throws -> Int64 {
        // Table names come from this file only; values are bound.
        if let key = try Int64.fetchOne(db.cachedStatement(sql: "SELECT versionKey FROM \(table) WHERE tenantId = ? AND id = ? AND contentHash = ?"),
                                        arguments: [tenantId, id, hash]) {
            return key
        }
        return try insert()
    }

    /// Records that this snapshot holds the version; false for a second, identical copy in the export.
    private func stage(_ collection: String, id: String, versionKey: Int64, hash: String) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.stagedObject (collection, id, versionKey) VALUES (?, ?, ?)")
            .execute(arguments: [collection, id, versionKey])
        guard db.changesCount > 0 else {
            let staged = try Int64.fetchOne(db.cachedStatement(sql: "SELECT versionKey FROM temp.stagedObject WHERE collection = ? AND id = ?"),
                                            arguments: [collection, id])
            guard staged == versionKey else { throw StoreError.conflictingDuplicate(collection: collection, id: id) }
            return false
        }
        contentHash.add(digest: hash)
        return true
    }

    /// The grant's scope string, stored and split once for all grants that carry it.
    private func scopeSetKey(_ grant: TenantGrant) throws -> Int64 {
        if let key = try Int64.fetchOne(db.cachedStatement(sql: "SELECT scopeSetKey FROM scopeSet WHERE scope = ?"), arguments: [grant.scope]) {
            return key
        }
        try db.cachedStatement(sql: "INSERT INTO scopeSet (scope) VALUES (?)").execute(arguments: [grant.scope])
        let key = db.lastInsertedRowID
        for value in grant.scopeValues {
            try db.cachedStatement(sql: "INSERT INTO scopeSetValue (scopeSetKey, value) VALUES (?, ?)").execute(arguments: [key, value])
        }
        return key
    }
}
