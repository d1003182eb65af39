import GRDB

/// Receives a tenant export's objects one at a time, inside the import's transaction. An object is stored
/// once per distinct content (a version) across all snapshots: the tenant's stored versions are in memory
/// (StoredVersions), so an object already stored is found without a query and only new contents are written.
/// The holdings are added up (HoldingTally): new grants and decoded assignments as they come, the stored grants
/// once the export is read and the assignments known by their elements once its assignments are
/// (`finishReading`, `addKnownAssignments`), or, after the latest snapshot, only the holdings the grants that
/// came or went change (`countOnlyChanges`). The same object twice in one export is kept once; two different
/// objects with one id are refused.
public final class TenantSink {
    let db: Database
    let tenantId: String
    private(set) var contentHash = MultisetHash()
    private(set) var servicePrincipalCount = 0
    private(set) var grantCount = 0
    private(set) var assignmentCount = 0
    private(set) var knownElementCount = 0
    /// Each collection's stored versions load when the export's first object of it comes (`load`), or once
    /// the export is read: the export's reader, which sends app role assignments first (files are read in name
    /// order), does not wait for the grants' load, the longest.
    private(set) var servicePrincipals = StoredVersions(unloaded: "servicePrincipal")
    private(set) var grants = StoredVersions(unloaded: "oauth2PermissionGrant")
    private(set) var assignments = StoredVersions(unloaded: "appRoleAssignment")
    var holdings = HoldingTally()
    /// The keys of the tenant's apps, resources and users, which grant versions and holdings store.
    var ids: InternedIds

    /// Scope strings already stored, with their keys: most grants repeat a few thousand scope strings. Kept by
    /// their bytes: Swift's String equality would take "é" and "e\u{301}" for one string.
    private var scopeSetKeys: [ByteText: Int64] = [:]
    private var scopeSetCacheBytes = 0
    /// Bounds the cache's memory when every grant has its own scope string: 16 MB of scope text holds all of a
    /// tenant whose apps each ask for their own set (60,000 strings of 230 bytes for a million grants).
    private static let scopeSetCacheLimit = 16 << 20
    /// The keys scope sets store their values by.
    private var delegatedNames: DelegatedNames
    private let statements: Statements
    /// The elements the stored versions were read from, which the export's reader was given: known elements
    /// come as their indexes there.
    private var storedElements: StoredElements

    init(db: Database, tenantId: String, elements: StoredElements) throws {
        self.db = db
        self.tenantId = tenantId
        storedElements = elements
        ids = try InternedIds(db, tenantId: tenantId)
        delegatedNames = try DelegatedNames(db)
        statements = try Statements(db)
    }

    private func load(_ versions: inout StoredVersions) throws {
        guard !versions.isLoaded else { return }
        let remembered: StoredElements.Remembered = switch versions.collection {
        case "servicePrincipal": storedElements.servicePrincipals
        case "oauth2PermissionGrant": storedElements.grants
        default: storedElements.assignments
        }
        versions = try StoredVersions(db, tenantId: tenantId, collection: versions.collection, remembered: remembered)
        if versions.collection == "oauth2PermissionGrant" { holdings.reserve(grants: versions.openCount) }
    }

    /// Returns false when the same object was already in this export (a duplicate across pages).
    @discardableResult
    public func add(_ record: TenantRecord) throws -> Bool {
        let (digest, element) = (record.digest, record.element)
        switch record.object {
        case .servicePrincipal(let principal):
            try addKnownAssignments()
            try load(&servicePrincipals)
            guard try hold(&servicePrincipals, id: principal.id, digest: digest, element: element,
                           insert: { try insert(principal, hash: record.contentHash) }) != nil
            else { return false }
            servicePrincipalCount += 1
        case .grant(let grant):
            try addKnownAssignments()
            try load(&grants)
            var new: (keys: GrantKeys, values: [String]?)?
            guard let position = try hold(&grants, id: grant.id, digest: digest, element: element, insert: {
                let scopeSet = try scopeSet(grant)
                new = (try keys(of: grant, scopeSet: scopeSet.key), scopeSet.values)
                return try insert(grant, keys: new!.keys, digest: digest)
            }) else { return false }
            // A stored version is counted with the others the export holds once it is read (`finishReading`),
            // if at all (only the changes are counted after the latest snapshot).
            if position < 0, let new { holdings.add(new.keys, scopeValues: new.values ?? grant.scopeValues) }
            grantCount += 1
        case .assignment(let assignment):
            try load(&assignments)
            guard let position = try hold(&assignments, id: assignment.id, digest: digest, element: element,
                                          insert: { try insert(assignment, hash: record.contentHash) })
            else { return false }
            if HoldingTally.holds(assignment) {
                holdings.add(assignment, client: try ids.object(assignment.principalId), resource: try ids.object(assignment.resourceId),
                             coming: position < 0 || !assignments.isOpen[position])
            }
            assignmentCount += 1
        }
        contentHash.add(digest)
        return true
    }

    /// An element the export's reader found among the stored elements (at `index` there): its stored version
    /// again, taken without decoding. Returns false for a second copy of an element the export had.
    @discardableResult
    public func addKnown(_ collection: KnownElements.Collection, index: Int32) throws -> Bool {
        let key = Int64(storedElements.remembered(in: collection).keys[Int(index)])
        if collection != .assignments { try addKnownAssignments() }
        switch collection {
        case .servicePrincipals:
            try load(&servicePrincipals)
            guard let position = try holdKnown(&servicePrincipals, key: key, after: &lastKnownPrincipal) else { return false }
            contentHash.add(servicePrincipals.digest(at: position))
            servicePrincipalCount += 1
        case .grants:
            try load(&grants)
            guard let position = try holdKnown(&grants, key: key, after: &lastKnownGrant) else { return false }
            contentHash.add(grants.digest(at: position))
            grantCount += 1
        case .assignments:
            try load(&assignments)
            guard let position = try holdKnown(&assignments, key: key, after: &lastKnownAssignment) else { return false }
            contentHash.add(assignments.digest(at: position))
            knownAssignments.append(position)
            assignmentCount += 1
        }
        knownElementCount += 1
        return true
    }

    /// The positions of the last known elements' versions: the next is most often the one after.
    private var lastKnownPrincipal = -1, lastKnownGrant = -1, lastKnownAssignment = -1
    /// The positions of the assignment versions taken from known elements: their holdings are added once the
    /// export's assignments are read (`addKnownAssignments`).
    private var knownAssignments: [Int] = []

    /// A version the latest snapshot held is not entered in `heldIds`: that snapshot's versions have distinct
    /// ids, so two versions of one id in this export are never both of them, and `checkIdsHeldAgain` looks for
    /// the other among those entered once the export is read. (A million ids entered took 20 MB and a second.)
    private func holdKnown(_ versions: inout StoredVersions, key: Int64, after previous: inout Int) throws -> Int? {
        guard let position = versions.position(ofKey: key, after: previous) else {
            throw StoreError.missingRow(table: versions.table, detail: "version \(key), whose element is remembered")
        }
        previous = position
        guard !versions.isHeld[position] else { return nil }
        let version = versions.key(at: position)
        if !versions.isOpen[position] {
            let read = statements.readVersion[versions.collection]!
            if try versions.heldIds.holdKnown(hash: versions.idHash(at: position), version: version, storedId: { try idAndHash(read, $0).id }) != nil {
                // Another version of this id: different versions of one id are different contents.
                throw StoreError.conflictingDuplicate(collection: versions.collection, id: try idAndHash(read, version).id)
            }
        }
        versions.hold(position)
        return position
    }

    /// Each version the latest snapshot held and this export holds again, against the versions of the same id
    /// entered in `heldIds`: another one is two objects with one id.
    private func checkIdsHeldAgain(_ versions: StoredVersions) throws {
        let read = statements.readVersion[versions.collection]!
        try versions.forEachHeldAgain { position in
            let version = versions.key(at: position)
            // Held through a decoded element, a version is entered itself: only another one is read back.
            guard versions.heldIds.mayHoldOther(hash: versions.idHash(at: position), than: version) else { return }
            let id = try idAndHash(read, version).id
            if let other = try versions.heldIds.version(of: id, storedId: { try idAndHash(read, $0).id }), other != version {
                throw StoreError.conflictingDuplicate(collection: versions.collection, id: id)
            }
        }
    }

    /// Once the export is read: what finding versions took is freed, then the stored grant versions it holds
    /// are added to the holdings by their stored keys (their scope sets' values read from the database),
    /// which is cheaper than adding each as it came, and lighter: a tally of two million grants and the
    /// lookups they were found by are never held at once. When the snapshot comes after the latest
    /// (`followsLatest`) and few grants changed, only the holdings they change are counted (`countOnlyChanges`).
    func finishReading(followsLatest: Bool) throws {
        try load(&servicePrincipals)
        try load(&grants)
        try load(&assignments)
        try addKnownAssignments()
        try checkIdsHeldAgain(servicePrincipals)
        try checkIdsHeldAgain(grants)
        try checkIdsHeldAgain(assignments)
        servicePrincipals.releaseLookups()
        grants.releaseLookups()
        assignments.releaseLookups()
        storedElements = .none
        if followsLatest, try countOnlyChanges() { return }
        var scopeSets: [UInt32] = []
        scopeSets.reserveCapacity(grants.openCount)
        grants.forEachHeldGrant { scopeSets.append($0.scopeSet) }
        try numberScopeSets(scopeSets)
        grants.forEachHeldGrant { holdings.add(numbered: $0) }
    }

    /// The holdings of the assignments taken from known elements, from their stored versions read in one pass
    /// in key order: the role, the principal and the resource are all a holding needs, and an element decoded
    /// again would give them back. Done when the first object of another collection comes (files are read in
    /// name order: the assignments first, while the grant versions have yet to load and the reader reads on),
    /// and once the export is read.
    private func addKnownAssignments() throws {
        guard !knownAssignments.isEmpty else { return }
        knownAssignments.sort()
        var next = 0
        try db.withCache(mainKiB: 2048, tempKiB: 2048) {
            try db.forEachRow(sql: """
                SELECT versionKey, appRoleId, principalId, principalType, resourceId FROM appRoleAssignment
                WHERE versionKey BETWEEN ? AND ? ORDER BY versionKey
                """, arguments: [assignments.key(at: knownAssignments[0]), assignments.key(at: knownAssignments[knownAssignments.count - 1])]) { row in
                guard next < knownAssignments.count, row.int64(0) == assignments.key(at: knownAssignments[next]) else { return }
                let position = knownAssignments[next]
                next += 1
                let assignment = TenantAssignment(role: row.text(1) ?? "", principal: row.text(2) ?? "", principalType: row.text(3) ?? "",
                                                  resource: row.text(4) ?? "")
                guard HoldingTally.holds(assignment) else { return }
                holdings.add(assignment, client: try ids.object(assignment.principalId), resource: try ids.object(assignment.resourceId),
                             coming: !assignments.isOpen[position])
            }
        }
        guard next == knownAssignments.count else {
            throw StoreError.missingRow(table: "appRoleAssignment", detail: "\(knownAssignments.count - next) versions whose elements are remembered")
        }
        knownAssignments = []
    }

    /// The values of these stored scope sets that the tally has not had: looked up one by one when they are
    /// few, else read in one pass over the values in key order.
    func numberScopeSets(_ keys: [UInt32]) throws {
        // By key, as the tally keeps them: a Set of a million keys took a quarter of a second.
        var needed: [Bool] = []
        var (count, first, last) = (0, Int.max, 0)
        for scopeSet in keys {
            let key = Int(scopeSet)
            guard !holdings.hasScopeSet(scopeSet) else { continue }
            if key >= needed.count { needed.append(contentsOf: repeatElement(false, count: key + 1 - needed.count)) }
            guard !needed[key] else { continue }
            needed[key] = true
            (count, first, last) = (count + 1, min(first, key), max(last, key))
        }
        guard count > 0 else { return }
        if count < 4096 {
            for key in first...last where needed[key] {
                guard let stored = try String.fetchOne(statements.readScopeSetKeys, arguments: [key]) else {
                    throw StoreError.missingRow(table: "scopeSet", detail: "scope set \(key)")
                }
                holdings.addScopeSet(UInt32(key), values: try names(ofScopeSet: Int64(key), stored: stored))
            }
            return
        }
        var found = 0
        try db.withCache(mainKiB: 2048, tempKiB: 2048) {
            try db.forEachRow(sql: "SELECT scopeSetKey, permissionKeys FROM scopeSet WHERE scopeSetKey BETWEEN ? AND ?",
                              arguments: [first, last]) { row in
                let key = row.int64(0)
                guard needed[Int(key)] else { return }
                holdings.addScopeSet(UInt32(key), values: try names(ofScopeSet: key, stored: row.text(1) ?? ""))
                found += 1
            }
        }
        guard found == count else { throw StoreError.missingRow(table: "scopeSet", detail: "\(count - found) scope sets grants name") }
    }

    private func names(ofScopeSet key: Int64, stored: String) throws -> [String] {
        guard let names = delegatedNames.names(ofStored: stored) else { throw StoreError.brokenScopeSet(key: key) }
        return names
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
    /// The element the object came from, if any, is remembered with its version.
    private func hold(_ versions: inout StoredVersions, id: String, digest: ContentDigest, element: ElementDigest?,
                      insert: () throws -> Int64) throws -> Int? {
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
        if let element, position.map({ !versions.remembers(element, at: $0) }) ?? true {
            try statements.rememberElement[versions.collection]!.run(direct: [.integer(version)] + element.digest.storedWords.map { .integer($0) })
        }
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
        let values = grant.scopeValues
        // Stored without its string, a scope set is found by its keys; a name without a key is in none.
        let storedScope = DelegatedNames.storedScope(grant.scope, values: values)
        let keys = storedScope == nil ? delegatedNames.storedKeys(of: values) : nil
        let found: (key: Int64, values: [String]?)
        if let key = try statements.findScopeSet.run(direct: [.integer(hash), .text(grant.scope), .text(keys)]) {
            found = (key, nil)
        } else {
            found = (try insertScopeSet(storedScope, hash: hash, values: values, storedKeys: keys), values)
        }
        if scopeSetCacheBytes < Self.scopeSetCacheLimit {
            scopeSetKeys[scope] = found.key
            scopeSetCacheBytes += scope.byteCount
        }
        return found
    }

    /// A new scope set: its values' keys (new names stored first; `storedKeys` when every name has one), and
    /// its string unless they give it back (`storedScope` nil).
    private func insertScopeSet(_ storedScope: String?, hash: Int64, values: [String], storedKeys: String?) throws -> Int64 {
        let keys = try storedKeys ?? DelegatedNames.stored(values.map { try delegatedNames.key(of: $0, insertingInto: db) })
        try statements.insertScopeSet.run(direct: [.text(keys), .text(storedScope), .integer(hash)])
        return db.lastInsertedRowID
    }
}
