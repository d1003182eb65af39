import GRDB

/// Receives a tenant export's objects one at a time and writes each at once, inside the import's
/// transaction, so memory stays flat however large the export. The same object twice is stored once;
/// two different objects with one id are refused.
public final class TenantSink {
    let db: Database
    let snapshotKey: Int64
    private(set) var contentHash = MultisetHash()
    private(set) var servicePrincipalCount = 0
    private(set) var grantCount = 0
    private(set) var assignmentCount = 0

    init(db: Database, snapshotKey: Int64) {
        self.db = db
        self.snapshotKey = snapshotKey
    }

    /// Returns false when the same object was already written (a duplicate across pages).
    @discardableResult
    public func add(_ principal: TenantServicePrincipal) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO servicePrincipal (snapshotKey, id, appId, displayName, appOwnerOrganizationId,
                servicePrincipalType, publisherName, verifiedPublisherId, verifiedPublisherName, accountEnabled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                snapshotKey, principal.id, principal.appId, principal.displayName, principal.appOwnerOrganizationId,
                principal.servicePrincipalType, principal.publisherName, principal.verifiedPublisherId,
                principal.verifiedPublisherName, principal.accountEnabled,
            ])
        guard db.changesCount > 0 else {
            return try sameAsStored(principal.normalized, stored: storedServicePrincipal(principal.id).normalized,
                                    collection: "servicePrincipal", id: principal.id)
        }
        for scope in principal.scopes {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO servicePrincipalScope (snapshotKey, servicePrincipalId, id, value, type, isEnabled, adminConsentDisplayName)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [snapshotKey, principal.id, scope.id, scope.value, scope.type, scope.isEnabled, scope.adminConsentDisplayName])
        }
        for role in principal.appRoles {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO servicePrincipalAppRole (snapshotKey, servicePrincipalId, id, value, allowedMemberTypes, isEnabled, displayName)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [snapshotKey, principal.id, role.id, role.value, role.allowedMemberTypes, role.isEnabled, role.displayName])
        }
        contentHash.add(principal.contentLine)
        servicePrincipalCount += 1
        return true
    }

    @discardableResult
    public func add(_ grant: TenantGrant) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO oauth2PermissionGrant (snapshotKey, id, clientId, consentType, principalId, resourceId, scope)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [snapshotKey, grant.id, grant.clientId, grant.consentType, grant.principalId, grant.resourceId, grant.scope])
        guard db.changesCount > 0 else {
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT clientId, consentType, principalId, resourceId, scope FROM oauth2PermissionGrant WHERE snapshotKey = ? AND id = ?
                """), arguments: [snapshotKey, grant.id])!
            let stored = TenantGrant(id: grant.id, clientId: row["clientId"], consentType: row["consentType"],
                                     principalId: row["principalId"], resourceId: row["resourceId"], scope: row["scope"])
            return try sameAsStored(grant, stored: stored, collection: "oauth2PermissionGrant", id: grant.id)
        }
        for value in grant.scopeValues {
            try db.cachedStatement(sql: "INSERT INTO oauth2PermissionGrantScope (snapshotKey, grantId, value) VALUES (?, ?, ?)")
                .execute(arguments: [snapshotKey, grant.id, value])
        }
        contentHash.add(grant.contentLine)
        grantCount += 1
        return true
    }

    @discardableResult
    public func add(_ assignment: TenantAssignment) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO appRoleAssignment (snapshotKey, id, appRoleId, principalId, principalType, principalDisplayName,
                                                     resourceId, resourceDisplayName, createdDateTime)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                snapshotKey, assignment.id, assignment.appRoleId, assignment.principalId, assignment.principalType,
                assignment.principalDisplayName, assignment.resourceId, assignment.resourceDisplayName, assignment.createdDateTime,
            ])
        guard db.changesCount > 0 else {
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM appRoleAssignment WHERE snapshotKey = ? AND id = ?
                """), arguments: [snapshotKey, assignment.id])!
            let stored = TenantAssignment(
                id: assignment.id, appRoleId: row["appRoleId"], principalId: row["principalId"], principalType: row["principalType"],
                principalDisplayName: row["principalDisplayName"], resourceId: row["resourceId"],
                resourceDisplayName: row["resourceDisplayName"], createdDateTime: row["createdDateTime"])
            return try sameAsStored(assignment, stored: stored, collection: "appRoleAssignment", id: assignment.id)
        }
        contentHash.add(assignment.contentLine)
        assignmentCount += 1
        return true
    }

    private func sameAsStored<Object: Equatable>(_ object: Object, stored: Object, collection: String, id: String) throws -> Bool {
        guard object == stored else { throw StoreError.conflictingDuplicate(collection: collection, id: id) }
        return false
    }

    private func storedServicePrincipal(_ id: String) throws -> TenantServicePrincipal {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM servicePrincipal WHERE snapshotKey = ? AND id = ?", arguments: [snapshotKey, id])!
        var principal = TenantServicePrincipal(id: id)
        principal.appId = row["appId"]
        principal.displayName = row["displayName"]
        principal.appOwnerOrganizationId = row["appOwnerOrganizationId"]
        principal.servicePrincipalType = row["servicePrincipalType"]
        principal.publisherName = row["publisherName"]
        principal.verifiedPublisherId = row["verifiedPublisherId"]
        principal.verifiedPublisherName = row["verifiedPublisherName"]
        principal.accountEnabled = row["accountEnabled"]
        principal.scopes = try Row.fetchAll(db, sql: """
            SELECT * FROM servicePrincipalScope WHERE snapshotKey = ? AND servicePrincipalId = ?
            """, arguments: [snapshotKey, id]).map {
            .init(id: $0["id"], value: $0["value"], type: $0["type"], isEnabled: $0["isEnabled"], adminConsentDisplayName: $0["adminConsentDisplayName"])
        }
        principal.appRoles = try Row.fetchAll(db, sql: """
            SELECT * FROM servicePrincipalAppRole WHERE snapshotKey = ? AND servicePrincipalId = ?
            """, arguments: [snapshotKey, id]).map {
            .init(id: $0["id"], value: $0["value"], allowedMemberTypes: $0["allowedMemberTypes"], isEnabled: $0["isEnabled"], displayName: $0["displayName"])
        }
        return principal
    }
}

extension TenantServicePrincipal {
    /// Published scopes and roles in id order, for comparing two copies of one object.
    var normalized: TenantServicePrincipal {
        var copy = self
        copy.scopes.sort { $0.id < $1.id }
        copy.appRoles.sort { $0.id < $1.id }
        return copy
    }
}
