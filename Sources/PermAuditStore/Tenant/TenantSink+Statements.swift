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
        /// `[n - 1]` inserts n values of one scope set: a statement's run costs as much as a row's insert.
        let insertScopeSetValues: [Statement]
        static let valuesPerInsert = 8
        /// Per collection: a version's id and contentHash.
        let readVersion: [String: Statement]
        /// Per collection: remembers the element a version was read from (migration 0028).
        let rememberElement: [String: Statement]
        let readScopeSetValues: Statement

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
            findScopeSet = try db.makeStatement(sql: "SELECT scopeSetKey FROM scopeSet WHERE scopeHash = ? AND scope = ?")
            insertScopeSet = try db.makeStatement(sql: "INSERT INTO scopeSet (scope, scopeHash) VALUES (?, ?)")
            insertScopeSetValues = try (1...Self.valuesPerInsert).map { count in
                try db.makeStatement(sql: "INSERT INTO scopeSetValue (scopeSetKey, value) VALUES " + Array(repeating: "(?, ?)", count: count).joined(separator: ", "))
            }
            var (readVersion, rememberElement) = ([String: Statement](), [String: Statement]())
            for collection in ["servicePrincipal", "oauth2PermissionGrant", "appRoleAssignment"] {
                readVersion[collection] = try db.makeStatement(sql: "SELECT id, contentHash FROM \(collection) WHERE versionKey = ?")
            }
            for collection in StoredVersions.remembering {
                rememberElement[collection] = try db.makeStatement(sql: """
                    INSERT OR REPLACE INTO \(collection)Element (versionKey, digest0, digest1, digest2, digest3) VALUES (?, ?, ?, ?, ?)
                    """)
            }
            (self.readVersion, self.rememberElement) = (readVersion, rememberElement)
            readScopeSetValues = try db.makeStatement(sql: "SELECT value FROM scopeSetValue WHERE scopeSetKey = ?")
        }
    }
}
