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

    /// Scope strings already stored, with their keys: most grants repeat a few thousand scope strings.
    private var scopeSetKeys: [String: Int64] = [:]
    /// Bounds the cache's memory when every grant has its own scope string.
    private static let scopeSetCacheLimit = 50_000
    private let statements: Statements

    init(db: Database, tenantId: String) throws {
        self.db = db
        self.tenantId = tenantId
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS stagedObject (
                collection TEXT NOT NULL, id TEXT NOT NULL, versionKey INTEGER NOT NULL, PRIMARY KEY (collection, id))
            """)
        try db.execute(sql: "DELETE FROM temp.stagedObject")
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS temp.stagedObjectByVersion ON stagedObject(collection, versionKey)")
        statements = try Statements(db)
    }

    /// Returns false when the same object was already in this export (a duplicate across pages).
    @discardableResult
    public func add(_ record: TenantRecord) throws -> Bool {
        switch record.object {
        case .servicePrincipal(let principal): try add(principal, hash: record.contentHash)
        case .grant(let grant): try add(grant, hash: record.contentHash)
        case .assignment(let assignment): try add(assignment, hash: record.contentHash)
        }
    }

    private func add(_ principal: TenantServicePrincipal, hash: String) throws -> Bool {
        let key = try versionKey(statements.findServicePrincipal, id: principal.id, hash: hash) {
            try statements.insertServicePrincipal.execute(wholeText: [
                tenantId, principal.id, principal.appId, principal.displayName, principal.appOwnerOrganizationId,
                principal.servicePrincipalType, principal.publisherName, principal.verifiedPublisherId,
                principal.verifiedPublisherName, principal.accountEnabled, hash,
            ])
            let key = db.lastInsertedRowID
            for scope in principal.scopes {
                try statements.insertScope.execute(wholeText: [key, scope.id, scope.value, scope.type, scope.isEnabled, scope.adminConsentDisplayName])
            }
            for role in principal.appRoles {
                try statements.insertAppRole.execute(wholeText: [key, role.id, role.value, role.allowedMemberTypes, role.isEnabled, role.displayName])
            }
            return key
        }
        guard try stage("servicePrincipal", id: principal.id, versionKey: key, hash: hash) else { return false }
        servicePrincipalCount += 1
        return true
    }

    private func add(_ grant: TenantGrant, hash: String) throws -> Bool {
        let key = try versionKey(statements.findGrant, id: grant.id, hash: hash) {
            let scopeSet = try scopeSetKey(grant)
            try statements.insertGrant.execute(wholeText: [tenantId, grant.id, grant.clientId, grant.consentType, grant.principalId, grant.resourceId, scopeSet, hash])
            return db.lastInsertedRowID
        }
        guard try stage("oauth2PermissionGrant", id: grant.id, versionKey: key, hash: hash) else { return false }
        grantCount += 1
        return true
    }

    private func add(_ assignment: TenantAssignment, hash: String) throws -> Bool {
        let key = try versionKey(statements.findAssignment, id: assignment.id, hash: hash) {
            try statements.insertAssignment.execute(wholeText: [
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
    private func versionKey(_ find: Statement, id: String, hash: String, insert: () throws -> Int64) throws -> Int64 {
        if let key = try find.fetchInt64(wholeText: [tenantId, id, hash]) {
            return key
        }
        return try insert()
    }

    /// Records that this snapshot holds the version; false for a second, identical copy in the export.
    private func stage(_ collection: String, id: String, versionKey: Int64, hash: String) throws -> Bool {
        try statements.stage.execute(wholeText: [collection, id, versionKey])
        guard db.changesCount > 0 else {
            let staged = try statements.findStaged.fetchInt64(wholeText: [collection, id])
            guard staged == versionKey else { throw StoreError.conflictingDuplicate(collection: collection, id: id) }
            return false
        }
        contentHash.add(digest: hash)
        return true
    }

    /// The grant's scope string, stored and split once for all grants that carry it.
    private func scopeSetKey(_ grant: TenantGrant) throws -> Int64 {
        if let key = scopeSetKeys[grant.scope] { return key }
        let key = try statements.findScopeSet.fetchInt64(wholeText: [grant.scope]) ?? insertScopeSet(grant)
        if scopeSetKeys.count < Self.scopeSetCacheLimit { scopeSetKeys[grant.scope] = key }
        return key
    }

    private func insertScopeSet(_ grant: TenantGrant) throws -> Int64 {
        try statements.insertScopeSet.execute(wholeText: [grant.scope])
        let key = db.lastInsertedRowID
        for value in grant.scopeValues {
            try statements.insertScopeSetValue.execute(wholeText: [key, value])
        }
        return key
    }
}
