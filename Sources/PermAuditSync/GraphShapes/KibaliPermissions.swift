/// Kibali's `permissions.json` (microsoft-graph-devx-content): permissions keyed by their exact,
/// case-sensitive name. Fields appear over time, so everything but the structure is optional.
struct KibaliPermissions: Decodable {
    var permissions: [String: KibaliPermission]
}

struct KibaliPermission: Decodable {
    var authorizationType: String?
    var schemes: [String: KibaliScheme]
    var pathSets: [KibaliPathSet]?
    var ownerInfo: KibaliOwnerInfo?
    /// The 2023 files carried the owner here.
    var provisioningInfo: KibaliOwnerInfo?
}

struct KibaliScheme: Decodable {
    var adminDisplayName: String?
    var adminDescription: String?
    var userDisplayName: String?
    var userDescription: String?
    var requiresAdminConsent: Bool?
    var privilegeLevel: Int?
}

struct KibaliPathSet: Decodable {
    var schemeKeys: [String]
    var methods: [String]
    /// Path to its annotation: `least=DelegatedWork,Application;AlsoRequires=X.Read.All`, or empty.
    var paths: [String: String]
}

struct KibaliOwnerInfo: Decodable {
    var ownerSecurityGroup: String?
}

/// `provisioningInfo.json`: the GUID of each (name, scheme).
struct KibaliProvisioningInfo: Decodable {
    var permissionDeployments: [String: [KibaliDeployment]]
}

struct KibaliDeployment: Decodable {
    var id: String?
    var scheme: String
    var environment: String?
    var isHidden: Bool?
    var isEnabled: Bool?
    var resourceAppId: String?
}
