import Foundation

/// One Graph listing a sync reads (research §1.1): where it starts, how it is counted, what a 403 lacks.
struct CollectionSpec: Sendable {
    /// The collection's name in the run's record: `servicePrincipals`, `appRoleAssignedTo/{id}`, ...
    var name: String
    var firstURL: URL
    /// `/$count`, read before and after the listing; nil when the first page's `@odata.count` serves instead.
    var countURL: URL?
    /// Sends `ConsistencyLevel: eventual` on every page (Graph returns more complete grant listings with it).
    var eventual: Bool
    var permission: String
    /// Whether `@odata.count` on the first page is the expected count (a relationship has no `/$count` read here).
    var countInFirstPage: Bool
    /// A missing resource (deleted since the listing) is recorded as vanished, not as a failure.
    var mayVanish: Bool

    static let servicePrincipalProperties = [
        "id", "appId", "displayName", "appDisplayName", "appOwnerOrganizationId", "servicePrincipalType", "accountEnabled",
        "appRoleAssignmentRequired", "publisherName", "verifiedPublisher", "signInAudience", "tags", "servicePrincipalNames",
        "disabledByMicrosoftStatus", "appRoles", "oauth2PermissionScopes", "resourceSpecificApplicationPermissions",
    ]
    static let grantProperties = ["id", "clientId", "consentType", "principalId", "resourceId", "scope"]
    static let assignmentProperties = [
        "id", "appRoleId", "principalId", "principalType", "principalDisplayName", "resourceId", "resourceDisplayName", "createdDateTime",
    ]
    private static let idCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")

    static func organization(_ endpoint: GraphEndpoint) -> CollectionSpec {
        CollectionSpec(name: "organization", firstURL: endpoint.url("organization", query: "$select=id,displayName,verifiedDomains"),
                       countURL: nil, eventual: false, permission: "Directory.Read.All", countInFirstPage: false, mayVanish: false)
    }

    /// Never `keyCredentials`: selecting it has its own limit of 150 requests a minute per tenant.
    static func servicePrincipals(_ endpoint: GraphEndpoint) -> CollectionSpec {
        CollectionSpec(name: "servicePrincipals",
                       firstURL: endpoint.url("servicePrincipals", query: "$top=999&$select=" + servicePrincipalProperties.joined(separator: ",")),
                       countURL: endpoint.url("servicePrincipals/$count"), eventual: false, permission: "Application.Read.All",
                       countInFirstPage: false, mayVanish: false)
    }

    static func grants(_ endpoint: GraphEndpoint) -> CollectionSpec {
        CollectionSpec(name: "oauth2PermissionGrants",
                       firstURL: endpoint.url("oauth2PermissionGrants", query: "$top=999&$count=true&$select=" + grantProperties.joined(separator: ",")),
                       countURL: endpoint.url("oauth2PermissionGrants/$count"), eventual: true, permission: "Directory.Read.All",
                       countInFirstPage: false, mayVanish: false)
    }

    /// The assignments of one resource's app roles: one listing per service principal that publishes roles.
    static func assignedTo(_ endpoint: GraphEndpoint, resource: String) -> CollectionSpec {
        // The id comes from Graph's answer: every byte but ASCII letters, digits and '-' is escaped.
        let id = resource.addingPercentEncoding(withAllowedCharacters: idCharacters) ?? ""
        return CollectionSpec(name: "appRoleAssignedTo/" + resource,
                              firstURL: endpoint.url("servicePrincipals/\(id)/appRoleAssignedTo",
                                                     query: "$top=999&$count=true&$select=" + assignmentProperties.joined(separator: ",")),
                              countURL: nil, eventual: true, permission: "Application.Read.All", countInFirstPage: true, mayVanish: true)
    }
}
