import GRDB

extension TenantSink {
    /// The sink's statements, prepared once per import: a million objects each run one or two of them, and
    /// looking a statement up by its SQL text costs as much as a short statement.
    struct Statements {
        let insertServicePrincipal: Statement
        let insertScope: Statement
        let insertAppRole: Statement
        let insertGrant: Statement
        let insertAssignment: Statement
        let findScopeSet: Statement
        let insertScopeSet: Statement
        /// Per collection: a version's id and contentHash.
        let readVersion: [String: Statement]
        /// Per collection: remembers the element a version was read from (migration 0028).
        let rememberElement: [String: Statement]
        let readScopeSetKeys: Statement

        init(_ db: Database) throws {
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
            insertGrant = try db.makeStatement(sql: """
                INSERT INTO oauth2PermissionGrantVersion (tenantKey, id, clientKey, principalKey, resourceKey, scopeSetKey,
                    digest0, digest1, digest2, digest3)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insertAssignment = try db.makeStatement(sql: """
                INSERT INTO appRoleAssignment (tenantId, id, appRoleId, principalId, principalType, principalDisplayName,
                                               resourceId, resourceDisplayName, createdDateTime, contentHash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // A scope string is stored, or given back by the names of its keys (migration 0029).
            findScopeSet = try db.makeStatement(sql: """
                SELECT scopeSetKey FROM scopeSet WHERE scopeHash = ?1 AND (scope = ?2 OR (scope IS NULL AND permissionKeys = ?3))
                """)
            insertScopeSet = try db.makeStatement(sql: "INSERT INTO scopeSet (permissionKeys, scope, scopeHash) VALUES (?, ?, ?)")
            var (readVersion, rememberElement) = ([String: Statement](), [String: Statement]())
            for collection in ["servicePrincipal", "oauth2PermissionGrant", "appRoleAssignment"] {
                readVersion[collection] = try db.makeStatement(sql: "SELECT id, contentHash FROM \(collection) WHERE versionKey = ?")
            }
            for collection in StoredElements.collections {
                rememberElement[collection] = try db.makeStatement(sql: """
                    INSERT OR REPLACE INTO \(collection)Element (versionKey, digest0, digest1, digest2, digest3) VALUES (?, ?, ?, ?, ?)
                    """)
            }
            (self.readVersion, self.rememberElement) = (readVersion, rememberElement)
            readScopeSetKeys = try db.makeStatement(sql: "SELECT permissionKeys FROM scopeSet WHERE scopeSetKey = ?")
        }
    }
}
