import Foundation

/// A service principal in a tenant export, with what it publishes and, when inlined, its assignments.
struct GraphTenantServicePrincipal: Decodable, Equatable {
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

struct GraphVerifiedPublisher: Decodable, Equatable {
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

struct GraphAppRoleAssignment: Decodable, Equatable {
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
        guard let values = Self.flat.values(in: element) else { return nil }
        self.init(id: values[0]?.string, clientId: values[1]?.string, consentType: values[2]?.string, principalId: values[3]?.string,
                  resourceId: values[4]?.string, scope: values[5]?.string)
    }
}

extension GraphAppRoleAssignment {
    fileprivate static let flat = FlatJSONObject(names: [
        "id", "appRoleId", "principalId", "principalType", "principalDisplayName", "resourceId", "resourceDisplayName", "createdDateTime",
    ])

    /// Read by the fast path; nil when it declines the element.
    init?(flat element: Data) {
        guard let values = Self.flat.values(in: element) else { return nil }
        self.init(values)
    }

    fileprivate init(_ values: [FlatJSONObject.Value?]) {
        self.init(id: values[0]?.string, appRoleId: values[1]?.string, principalId: values[2]?.string, principalType: values[3]?.string,
                  principalDisplayName: values[4]?.string, resourceId: values[5]?.string, resourceDisplayName: values[6]?.string,
                  createdDateTime: values[7]?.string)
    }
}

extension GraphTenantServicePrincipal {
    private static let scope = FlatJSONObject([
        ("id", .string), ("value", .string), ("type", .string), ("adminConsentDisplayName", .string), ("adminConsentDescription", .string),
        ("userConsentDisplayName", .string), ("userConsentDescription", .string), ("isEnabled", .bool), ("origin", .string),
    ])
    private static let role = FlatJSONObject([
        ("id", .string), ("value", .string), ("displayName", .string), ("description", .string), ("allowedMemberTypes", .strings),
        ("isEnabled", .bool), ("origin", .string),
    ])
    private static let flat = FlatJSONObject([
        ("id", .string), ("appId", .string), ("displayName", .string), ("appOwnerOrganizationId", .string), ("servicePrincipalType", .string),
        ("publisherName", .string), ("accountEnabled", .bool), ("verifiedPublisher", .object(FlatJSONObject(names: ["displayName", "verifiedPublisherId"]))),
        ("appRoles", .objects(role)), ("oauth2PermissionScopes", .objects(scope)), ("publishedPermissionScopes", .objects(scope)),
        ("appRoleAssignments", .objects(GraphAppRoleAssignment.flat)), ("appRoleAssignedTo", .objects(GraphAppRoleAssignment.flat)),
    ])

    /// Read by the fast path; nil when it declines the element.
    init?(flat element: Data) {
        guard let values = Self.flat.values(in: element) else { return nil }
        self.init(
            id: values[0]?.string, appId: values[1]?.string, displayName: values[2]?.string, appOwnerOrganizationId: values[3]?.string,
            servicePrincipalType: values[4]?.string, publisherName: values[5]?.string, accountEnabled: values[6]?.bool,
            verifiedPublisher: values[7]?.object.map { GraphVerifiedPublisher(displayName: $0[0]?.string, verifiedPublisherId: $0[1]?.string) },
            appRoles: values[8]?.objects?.map(Self.role(_:)), oauth2PermissionScopes: values[9]?.objects?.map(Self.scope(_:)),
            publishedPermissionScopes: values[10]?.objects?.map(Self.scope(_:)),
            appRoleAssignments: values[11]?.objects?.map(GraphAppRoleAssignment.init(_:)),
            appRoleAssignedTo: values[12]?.objects?.map(GraphAppRoleAssignment.init(_:)))
    }

    private static func scope(_ values: [FlatJSONObject.Value?]) -> GraphPermissionScope {
        GraphPermissionScope(
            id: values[0]?.string, value: values[1]?.string, type: values[2]?.string, adminConsentDisplayName: values[3]?.string,
            adminConsentDescription: values[4]?.string, userConsentDisplayName: values[5]?.string, userConsentDescription: values[6]?.string,
            isEnabled: values[7]?.bool, origin: values[8]?.string)
    }

    private static func role(_ values: [FlatJSONObject.Value?]) -> GraphAppRole {
        GraphAppRole(id: values[0]?.string, value: values[1]?.string, displayName: values[2]?.string, description: values[3]?.string,
                     allowedMemberTypes: values[4]?.strings, isEnabled: values[5]?.bool, origin: values[6]?.string)
    }
}
