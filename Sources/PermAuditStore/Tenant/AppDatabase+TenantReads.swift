import GRDB

/// A row of `tenantSnapshot`.
public struct TenantSnapshotSummary: Sendable, Codable, Equatable, FetchableRecord {
    public var id: Int64
    public var tenantId: String
    public var asOf: String
    public var contentHash: String
    public var importedAt: String
}

/// A row of `servicePrincipalAt`: an app or API present in a snapshot.
public struct TenantApp: Sendable, Codable, Equatable, FetchableRecord {
    public var id: String
    public var appId: String?
    public var displayName: String?
    public var publisher: String
    public var verifiedPublisherName: String?
}

extension AppDatabase {
    /// Every tenant snapshot, by tenant then date.
    public func tenantSnapshots() throws -> [TenantSnapshotSummary] {
        try writer.read { db in
            try TenantSnapshotSummary.fetchAll(db, sql: """
                SELECT id, tenantId, asOf, contentHash, importedAt FROM tenantSnapshot ORDER BY tenantId, asOf, id
                """)
        }
    }

    /// Every holding (all kinds, any admin-consent requirement) in one tenant snapshot.
    public func permissionHoldings(snapshotId: Int64) throws -> [PermissionHolding] {
        try writer.read { db in
            try PermissionHolding.fetchAll(db, sql: """
                SELECT tenantId, asOf, clientId, clientAppId, clientDisplayName, publisher, verifiedPublisherName,
                       resourceId, resourceAppId, resourceDisplayName, permission, permissionId, kind, consentType,
                       principalCount, requiresAdminConsent, resolvedBy, privilegeLevel
                FROM permissionHolding WHERE snapshotKey = ?
                """, arguments: [snapshotId])
        }
    }

    /// Who holds one permission in each tenant's latest snapshot, any consent requirement.
    public func currentHolders(resourceAppId: String, kind: PermissionKind, permission: String) throws -> [PermissionHolding] {
        try writer.read { db in
            try PermissionHolding.fetchAll(db, sql: """
                SELECT h.tenantId, h.asOf, clientId, clientAppId, clientDisplayName, publisher, verifiedPublisherName,
                       resourceId, resourceAppId, resourceDisplayName, permission, permissionId, kind, consentType,
                       principalCount, requiresAdminConsent, resolvedBy, privilegeLevel
                FROM permissionHolding h
                JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
                WHERE h.resourceAppId = ? AND h.kind = ? AND h.permission = ?
                ORDER BY h.tenantId, publisher <> 'thirdParty', clientDisplayName, clientId, consentType
                """, arguments: [resourceAppId, kind.rawValue, permission])
        }
    }

    /// The service principals present in one tenant snapshot.
    public func tenantApps(snapshotId: Int64) throws -> [TenantApp] {
        try writer.read { db in
            try TenantApp.fetchAll(db, sql: """
                SELECT id, appId, displayName, publisher, verifiedPublisherName FROM servicePrincipalAt WHERE snapshotKey = ? ORDER BY id
                """, arguments: [snapshotId])
        }
    }
}
