import GRDB

/// A row of the `catalogSnapshot` table, with what it holds.
public struct CatalogSnapshotSummary: Sendable, Codable, Equatable, FetchableRecord {
    public var id: Int64
    public var source: String
    public var resourceAppId: String?
    public var asOf: String
    public var contentHash: String
    public var importedAt: String
    public var parts: String
    public var entryCount: Int
}

/// A row of the `catalogPermission` view: one current permission with each source's consent flag.
public struct CatalogPermission: Sendable, Codable, Equatable, FetchableRecord {
    public var permissionKey: Int64
    public var resourceAppId: String
    public var kind: PermissionKind
    public var permission: String
    public var permissionId: String?
    public var adminConsentDisplayName: String?
    public var adminConsentDescription: String?
    public var userConsentDisplayName: String?
    public var userConsentDescription: String?
    public var requiresAdminConsent: Bool?
    public var requiresAdminConsentSource: String?
    public var servicePrincipalRequiresAdminConsent: Bool?
    public var kibaliRequiresAdminConsent: Bool?
    public var descriptionsRequiresAdminConsent: Bool?
    public var consentFlagsDisagree: Bool
    public var privilegeLevel: Int?
    public var isEnabled: Bool?
    public var authorizationType: String?
}

/// A row of the `currentPermissionVersion` view: what one source says in its latest snapshot.
public struct SourceStatement: Sendable, Codable, Equatable, FetchableRecord {
    public var source: String
    public var asOf: String
    public var scheme: String?
    public var permissionId: String?
    public var requiresAdminConsent: Bool?
    public var type: String?
    public var privilegeLevel: Int?
    public var isEnabled: Bool?
}

/// A row of the `permissionApiPath` view.
public struct PermissionApiPath: Sendable, Codable, Equatable, FetchableRecord {
    public var scheme: String?
    public var method: String
    public var path: String
    public var schemeKeys: String
    public var leastPrivilegeSchemes: String?
    public var alsoRequires: String?
}

/// Everything the database knows about one permission of one kind, for its page.
public struct PermissionDetails: Sendable, Equatable {
    public var permission: CatalogPermission
    public var sources: [SourceStatement]
    public var apiPaths: [PermissionApiPath]
}
