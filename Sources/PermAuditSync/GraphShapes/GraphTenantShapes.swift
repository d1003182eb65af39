import Foundation

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

extension GraphOAuth2PermissionGrant {
    private static let flat = FlatJSONObject(names: ["id", "clientId", "consentType", "principalId", "resourceId", "scope"])

    /// Read by the fast path; nil when it declines the element.
    init?(flat element: Data) {
        guard let values = Self.flat.strings(in: element) else { return nil }
        self.init(id: values[0], clientId: values[1], consentType: values[2], principalId: values[3], resourceId: values[4], scope: values[5])
    }
}

extension GraphAppRoleAssignment {
    private static let flat = FlatJSONObject(names: [
        "id", "appRoleId", "principalId", "principalType", "principalDisplayName", "resourceId", "resourceDisplayName", "createdDateTime",
    ])

    /// Read by the fast path; nil when it declines the element.
    init?(flat element: Data) {
        guard let values = Self.flat.strings(in: element) else { return nil }
        self.init(id: values[0], appRoleId: values[1], principalId: values[2], principalType: values[3], principalDisplayName: values[4],
                  resourceId: values[5], resourceDisplayName: values[6], createdDateTime: values[7])
    }
}
