import GRDB

/// A row of the `adminConsentHolding` view: one app holding one permission on one resource.
public struct PermissionHolding: Sendable, Codable, Equatable, FetchableRecord {
    public var tenantId: String
    public var asOf: String
    public var clientId: String
    public var clientAppId: String?
    public var clientDisplayName: String?
    public var publisher: String?
    public var verifiedPublisherName: String?
    public var resourceId: String
    public var resourceAppId: String?
    public var resourceDisplayName: String?
    public var permission: String?
    public var permissionId: String?
    public var kind: PermissionKind
    public var consentType: String
    public var principalCount: Int?
    public var requiresAdminConsent: Bool?
    public var resolvedBy: String?
    public var privilegeLevel: Int?
    /// The date of the tenant's first snapshot that held it; filled in by `report --since`, else nil.
    public var firstSeen: String?
    /// Its level, tier and exception; filled in by the report's classifier, else nil.
    public var risk: HoldingRisk?
}

/// Which holdings a report shows; empty means all.
public struct HoldingFilter: Sendable {
    public var tenantIds: [String] = []
    public var permissions: [String] = []
    public var kind: PermissionKind?
    public var consentType: String?
    public var publisher: String?
    /// An app's display name or appId.
    public var app: String?

    public init() {}
}

extension AppDatabase {
    /// The admin-consent report: third-party apps first, then the highest privilege, then the app's name.
    public func adminConsentHoldings(_ filter: HoldingFilter = HoldingFilter()) throws -> [PermissionHolding] {
        try writer.read { db in
            var conditions: [SQL] = []
            if !filter.tenantIds.isEmpty { conditions.append("tenantId IN \(filter.tenantIds)") }
            if !filter.permissions.isEmpty { conditions.append("permission IN \(filter.permissions)") }
            if let kind = filter.kind { conditions.append("kind = \(kind.rawValue)") }
            if let consentType = filter.consentType { conditions.append("consentType = \(consentType)") }
            if let publisher = filter.publisher { conditions.append("publisher = \(publisher)") }
            if let app = filter.app { conditions.append("(clientAppId = \(app) OR clientDisplayName = \(app))") }
            let whereClause: SQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let request: SQLRequest<PermissionHolding> = """
                SELECT tenantId, asOf, clientId, clientAppId, clientDisplayName, publisher, verifiedPublisherName,
                       resourceId, resourceAppId, resourceDisplayName, permission, permissionId, kind, consentType,
                       principalCount, requiresAdminConsent, resolvedBy, privilegeLevel
                FROM adminConsentHolding
                \(whereClause)
                ORDER BY publisher <> 'thirdParty', privilegeLevel IS NULL, privilegeLevel DESC,
                         clientDisplayName, clientId, resourceDisplayName, permission, kind, consentType
                """
            return try request.fetchAll(db)
        }
    }
}
