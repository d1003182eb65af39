/// A service principal in a tenant export, with what it publishes and, when inlined, its assignments.
struct GraphTenantServicePrincipal: Decodable {
    var id: String?
    var appId: String?
    var displayName: String?
    var appOwnerOrganizationId: String?
    var servicePrincipalType: String?
    var publisherName: String?
    var accountEnabled: Bool?
    var verifiedPublisher: GraphVerifiedPublisher?
    var appRoles: [GraphAppRole]?
    var oauth2PermissionScopes: [GraphPermissionScope]?
    var publishedPermissionScopes: [GraphPermissionScope]?
    var appRoleAssignments: [GraphAppRoleAssignment]?
    var appRoleAssignedTo: [GraphAppRoleAssignment]?
}

struct GraphVerifiedPublisher: Decodable {
    var displayName: String?
    var verifiedPublisherId: String?
}

struct GraphOAuth2PermissionGrant: Decodable {
    var id: String?
    var clientId: String?
    var consentType: String?
    var principalId: String?
    var resourceId: String?
    var scope: String?
}

struct GraphAppRoleAssignment: Decodable {
    var id: String?
    var appRoleId: String?
    var principalId: String?
    var principalType: String?
    var principalDisplayName: String?
    var resourceId: String?
    var resourceDisplayName: String?
    var createdDateTime: String?
}

struct GraphOrganization: Decodable {
    var id: String?
}
