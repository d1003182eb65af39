import Foundation

/// Which Graph collection a tenant export file holds: named by `@odata.context`, else by the file
/// name, else by the objects' shape.
enum TenantCollection: String, Equatable {
    case servicePrincipals, oauth2PermissionGrants, appRoleAssignments, organization

    static func fromContext(_ context: String) -> TenantCollection? {
        guard let fragment = context.split(separator: "#", maxSplits: 1).last.map(String.init) else { return nil }
        if fragment.contains("appRoleAssignedTo") || fragment.contains("appRoleAssignments") { return .appRoleAssignments }
        if fragment.hasPrefix("oauth2PermissionGrants") { return .oauth2PermissionGrants }
        if fragment.hasPrefix("servicePrincipals") { return .servicePrincipals }
        if fragment.hasPrefix("organization") { return .organization }
        return nil
    }

    static func fromFileName(_ path: String) -> TenantCollection? {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name.contains("oauth2permissiongrant") { return .oauth2PermissionGrants }
        if name.contains("approleassign") { return .appRoleAssignments }
        if name.contains("serviceprincipal") { return .servicePrincipals }
        if name.contains("organization") { return .organization }
        return nil
    }

    /// From the lower-cased property names of one object.
    static func fromShape(_ keys: Set<String>) -> TenantCollection? {
        if keys.contains("clientid") && keys.contains("consenttype") { return .oauth2PermissionGrants }
        if keys.contains("approleid") && keys.contains("principaltype") { return .appRoleAssignments }
        if keys.contains("appid") && (keys.contains("serviceprincipaltype") || keys.contains("appownerorganizationid")) {
            return .servicePrincipals
        }
        if keys.contains("verifieddomains") || keys.contains("tenanttype") { return .organization }
        return nil
    }
}
