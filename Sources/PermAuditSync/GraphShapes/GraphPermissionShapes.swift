/// A delegated permission as a service principal publishes it (`oauth2PermissionScopes`,
/// beta `publishedPermissionScopes`), in Graph's camelCase or the PowerShell SDK's PascalCase.
struct GraphPermissionScope: Decodable, Equatable {
    var id: String?
    var value: String?
    var type: String?
    var adminConsentDisplayName: String?
    var adminConsentDescription: String?
    var userConsentDisplayName: String?
    var userConsentDescription: String?
    var isEnabled: Bool?
    var origin: String?
}

/// An application permission as a service principal publishes it (`appRoles`).
struct GraphAppRole: Decodable, Equatable {
    var id: String?
    var value: String?
    var displayName: String?
    var description: String?
    var allowedMemberTypes: [String]?
    var isEnabled: Bool?
    var origin: String?
}

/// A service principal object, for the permissions it publishes.
struct GraphServicePrincipal: Decodable {
    var appId: String?
    var appDisplayName: String?
    var appRoles: [GraphAppRole]?
    var oauth2PermissionScopes: [GraphPermissionScope]?
    var publishedPermissionScopes: [GraphPermissionScope]?
}

/// A Graph collection response: `{"@odata.context": ..., "value": [...]}`.
struct GraphCollection<Element: Decodable>: Decodable {
    var value: [Element]
}

/// The older `permissions-descriptions.json`: scopes and roles in one file, with `isAdmin`.
/// The 2020 file says `userConsent*` where later ones say `consent*`.
struct PermissionsDescriptions: Decodable {
    var delegatedScopesList: [DescribedPermission]?
    var applicationScopesList: [DescribedPermission]?
}

struct DescribedPermission: Decodable {
    var id: String?
    var value: String?
    var isAdmin: Bool?
    var isEnabled: Bool?
    var adminConsentDisplayName: String?
    var adminConsentDescription: String?
    var userConsentDisplayName: String?
    var userConsentDescription: String?
    var consentDisplayName: String?
    var consentDescription: String?
    var allowedMemberTypes: [String]?
}

/// An entry of Microsoft's first-party application list (merill/microsoft-info MicrosoftApps.json).
struct MicrosoftAppListing: Decodable {
    var appId: String?
    var appDisplayName: String?
    var appOwnerOrganizationId: String?
    var source: String?
}
