import GRDB

extension TenantSink {
    /// The sink's statements, prepared once per import: a million objects each run three or four of them,
    /// and looking a statement up by its SQL text costs as much as a short statement.
    struct Statements {
        let findServicePrincipal: Statement
        let insertServicePrincipal: Statement
        let insertScope: Statement
        let insertAppRole: Statement
        let findGrant: Statement
        let insertGrant: Statement
        let findAssignment: Statement
        let insertAssignment: Statement
        let findScopeSet: Statement
        let insertScopeSet: Statement
        let insertScopeSetValue: Statement
        let stage: Statement
        let findStaged: Statement

        init(_ db: Database) throws {
            findServicePrincipal = try db.makeStatement(sql: "SELECT versionKey FROM servicePrincipal WHERE tenantId = ? AND id = ? AND contentHash = ?")
            insertServicePrincipal = try db.makeStatement(sql: """
                INSERT INTO servicePrincipal (tenantId, id, appId, displayName, appOwnerOrganizationId, servicePrincipalType,
                    publisherName, verifiedPublisherId, verifiedPublisherName, accountEnabled, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insertScope = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO servicePrincipalScope (versionKey, id, value, type, isEnabled, adminConsentDisplayName)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            insertAppRole = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO servicePrincipalAppRole (versionKey, id, value, allowedMemberTypes, isEnabled, displayName)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            findGrant = try db.makeStatement(sql: "SELECT versionKey FROM oauth2PermissionGrant WHERE tenantId = ? AND id = ? AND contentHash = ?")
            insertGrant = try db.makeStatement(sql: """
                INSERT INTO oauth2PermissionGrant (tenantId, id, clientId, consentType, principalId, resourceId, scopeSetKey, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            findAssignment = try db.makeStatement(sql: "SELECT versionKey FROM appRoleAssignment WHERE tenantId = ? AND id = ? AND contentHash = ?")
            insertAssignment = try db.makeStatement(sql: """
                INSERT INTO appRoleAssignment (tenantId, id, appRoleId, principalId, principalType, principalDisplayName,
                                               resourceId, resourceDisplayName, createdDateTime, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            findScopeSet = try db.makeStatement(sql: "SELECT scopeSetKey FROM scopeSet WHERE scope = ?")
            insertScopeSet = try db.makeStatement(sql: "INSERT INTO scopeSet (scope) VALUES (?)")
            insertScopeSetValue = try db.makeStatement(sql: "INSERT INTO scopeSetValue (scopeSetKey, value) VALUES (?, ?)")
            stage = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.stagedObject (collection, id, versionKey) VALUES (?, ?, ?)")
            findStaged = try db.makeStatement(sql: "SELECT versionKey FROM temp.stagedObject WHERE collection = ? AND id = ?")
        }
    }
}
