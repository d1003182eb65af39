import GRDB

/// Receives a tenant export's objects one at a time, inside the import's transaction. An object is stored
/// once per distinct content (a version) across all snapshots: the tenant's stored versions are in memory
/// (StoredVersions), so an object already stored is found without a query and only new contents are written.
/// The holdings are added up as the grants and assignments come (HoldingTally). The same object twice in one
/// export is kept once; two different objects with one id are refused.
public final class TenantSink {
    let db: Database
    let tenantId: String
    private(set) var contentHash = MultisetHash()
    private(set) var servicePrincipalCount = 0
    private(set) var grantCount = 0
    private(set) var assignmentCount = 0
    private(set) var servicePrincipals: StoredVersions
    private(set) var grants: StoredVersions
    private(set) var assignments: StoredVersions
    var holdings = HoldingTally()
    /// The keys of the tenant's apps, resources and users, which grant versions and holdings store.
    private var ids: InternedIds

    /// Scope strings already stored, with their keys: most grants repeat a few thousand scope strings. Kept by
    /// their bytes: Swift's String equality would take "é" and "e\u{301}" for one string.
    private var scopeSetKeys: [ByteText: Int64] = [:]
    private var scopeSetCacheBytes = 0
    /// Bounds the cache's memory when every grant has its own scope string: 16 MB of scope text holds all of a
    /// tenant whose apps each ask for their own set (60,000 strings of 230 bytes for a million grants).
    private static let scopeSetCacheLimit = 16 << 20
    private let statements: Statements

    init(db: Database, tenantId: String) throws {
        self.db = db
        self.tenantId = tenantId
        servicePrincipals = try StoredVersions(db, tenantId: tenantId, collection: "servicePrincipal")
        grants = try StoredVersions(db, tenantId: tenantId, collection: "oauth2PermissionGrant")
        assignments = try StoredVersions(db, tenantId: tenantId, collection: "appRoleAssignment")
        ids = try InternedIds(db, tenantId: tenantId)
        statements = try Statements(db)
        holdings.reserve(grants: grants.openCount)
    }

    /// Returns false when the same object was already in this export (a duplicate across pages).
    @discardableResult
    public func add(_ record: TenantRecord) throws -> Bool {
        let digest = record.digest
        switch record.object {
        case .servicePrincipal(let principal):
            guard try hold(&servicePrincipals, id: principal.id, digest: digest, insert: { try insert(principal, hash: record.contentHash) }) != nil
            else { return false }
            servicePrincipalCount += 1
        case .grant(let grant):
            var new: (keys: GrantKeys, values: [String]?)?
            guard let position = try hold(&grants, id: grant.id, digest: digest, insert: {
                let scopeSet = try scopeSet(grant)
                new = (try keys(of: grant, scopeSet: scopeSet.key), scopeSet.values)
                return try insert(grant, keys: new!.keys, digest: digest)
            }) else { return false }
            let grantKeys = try new?.keys ?? keys(of: grant, scopeSet: grants.scopeSetKey(at: position))
            holdings.add(grantKeys, scopeValues: new?.values ?? grant.scopeValues)
            grantCount += 1
        case .assignment(let assignment):
            guard try hold(&assignments, id: assignment.id, digest: digest, insert: { try insert(assignment, hash: record.contentHash) }) != nil
            else { return false }
            if HoldingTally.holds(assignment) {
                holdings.add(assignment, client: try ids.object(assignment.principalId), resource: try ids.object(assignment.resourceId))
            }
            assignmentCount += 1
        }
        contentHash.add(digest)
        return true
    }

    /// Frees the stored versions and ids once the snapshot's presence is written: the holdings that follow
    /// need the memory.
    func releaseStoredVersions() {
        servicePrincipals.release()
        grants.release()
        assignments.release()
        ids.release()
    }

    /// Marks the object's stored version as held by this export, or stores a new one (`insert`). Returns the
    /// stored version's position (-1 for a new one), or nil for a second copy of an object the export had.
    private func hold(_ versions: inout StoredVersions, id: String, digest: ContentDigest, insert: () throws -> Int64) throws -> Int? {
        let position = versions.position(of: digest)
        if let position, versions.isHeld[position] { return nil }
        let read = statements.readVersion[versions.collection]!
        if let other = try versions.heldIds.version(of: id, storedId: { try idAndHash(read, $0).id }) {
            // The export had this id: the same content again is a second copy, other content a conflict.
            guard try ContentDigest(hex: idAndHash(read, other).hash) == digest else {
                throw StoreError.conflictingDuplicate(collection: versions.collection, id: id)
            }
            return nil
        }
        let version: Int64
        if let position {
            versions.hold(position)
            version = versions.key(at: position)
        } else {
            version = try insert()
        }
        try versions.heldIds.hold(id, version: version)
        return position ?? -1
    }

    private func idAndHash(_ read: Statement, _ version: Int64) throws -> (id: String, hash: String) {
        guard let row = try Row.fetchOne(read, arguments: [version]) else { throw StoreError.missingRow(table: "version", detail: "version \(version)") }
        return (try row.wholeText("id") ?? "", row["contentHash"])
    }

    private func insert(_ principal: TenantServicePrincipal, hash: String) throws -> Int64 {
        try statements.insertServicePrincipal.run(direct: [
            .text(tenantId), .text(principal.id), .text(principal.appId), .text(principal.displayName), .text(principal.appOwnerOrganizationId),
            .text(principal.servicePrincipalType), .text(principal.publisherName), .text(principal.verifiedPublisherId),
            .text(principal.verifiedPublisherName), .bool(principal.accountEnabled), .text(hash),
        ])
        let key = db.lastInsertedRowID
        for scope in principal.scopes {
            try statements.insertScope.run(direct: [
                .integer(key), .text(scope.id), .text(scope.value), .text(scope.type), .bool(scope.isEnabled), .text(scope.adminConsentDisplayName),
            ])
        }
        for role in principal.appRoles {
            try statements.insertAppRole.run(direct: [
                .integer(key), .text(role.id), .text(role.value), .text(role.allowedMemberTypes), .bool(role.isEnabled), .text(role.displayName),
            ])
        }
        return key
    }

    /// A grant's keys: its app, resource and user interned, with its scope string's key.
    private func keys(of grant: TenantGrant, scopeSet: Int64) throws -> GrantKeys {
        let user: UInt32
        switch (grant.consentType, grant.principalId) {
        case ("AllPrincipals", nil): user = 0
        case ("Principal", let principal?): user = try ids.user(principal)
        default: throw StoreError.invalidGrant(id: grant.id)
        }
        return GrantKeys(client: try ids.object(grant.clientId), resource: try ids.object(grant.resourceId), user: user,
                         scopeSet: try narrowKey(scopeSet, in: "scopeSet"))
    }

    private func insert(_ grant: TenantGrant, keys: GrantKeys, digest: ContentDigest) throws -> Int64 {
        try statements.insertGrant.run(direct: [
            .integer(ids.tenantKey), .text(grant.id), .integer(Int64(keys.client)), .integer(keys.user == 0 ? nil : Int64(keys.user)),
            .integer(Int64(keys.resource)), .integer(Int64(keys.scopeSet)),
        ] + digest.storedWords.map { .integer($0) })
        return db.lastInsertedRowID
    }

    private func insert(_ assignment: TenantAssignment, hash: String) throws -> Int64 {
        try statements.insertAssignment.run(direct: [
            .text(tenantId), .text(assignment.id), .text(assignment.appRoleId), .text(assignment.principalId), .text(assignment.principalType),
            .text(assignment.principalDisplayName), .text(assignment.resourceId), .text(assignment.resourceDisplayName),
            .text(assignment.createdDateTime), .text(hash),
        ])
        return db.lastInsertedRowID
    }

    /// The grant's scope string, stored and split once for all grants that carry it, with its values when
    /// this grant stored it (for the holdings, which would split it again).
    private func scopeSet(_ grant: TenantGrant) throws -> (key: Int64, values: [String]?) {
        let scope = ByteText(grant.scope)
        if let key = scopeSetKeys[scope] { return (key, nil) }
        let hash = Int64(ScopeSetHash.of(grant.scope))
        let found: (key: Int64, values: [String]?)
        if let key = try statements.findScopeSet.run(direct: [.integer(hash), .text(grant.scope)]) {
            found = (key, nil)
        } else {
            let values = grant.scopeValues
            found = (try insertScopeSet(grant.scope, hash: hash, values: values), values)
        }
        if scopeSetCacheBytes < Self.scopeSetCacheLimit {
            scopeSetKeys[scope] = found.key
            scopeSetCacheBytes += scope.byteCount
        }
        return found
    }

    /// A new scope set and its values, several values a statement.
    private func insertScopeSet(_ scope: String, hash: Int64, values: [String]) throws -> Int64 {
        try statements.insertScopeSet.run(direct: [.text(scope), .integer(hash)])
        let key = db.lastInsertedRowID
        var start = 0
        while start < values.count {
            let end = min(start + Statements.valuesPerInsert, values.count)
            try statements.insertScopeSetValues[end - start - 1].run(direct: values[start..<end].flatMap { [DirectValue.integer(key), .text($0)] })
            start = end
        }
        return key
    }
}
