import PermAuditStore

/// Maps what a service principal publishes (scopes and app roles) to permission entries.
/// A scope's `type` is what Entra enforces: Admin means admin consent is required.
enum ServicePrincipalMapping {
    static func entries(_ scopes: [GraphPermissionScope], file: String, at: String) throws -> [PermissionEntry] {
        try scopes.enumerated().map { index, scope in
            var entry = PermissionEntry(kind: .delegated, value: try requiredValue(scope.value, file: file, at: "\(at)[\(index)]"))
            entry.permissionId = scope.id
            entry.type = try consentType(scope.type, file: file, at: "\(at)[\(index)].type")
            entry.requiresAdminConsent = entry.type.map { $0 == "Admin" }
            entry.adminConsentDisplayName = scope.adminConsentDisplayName
            entry.adminConsentDescription = scope.adminConsentDescription
            entry.userConsentDisplayName = scope.userConsentDisplayName
            entry.userConsentDescription = scope.userConsentDescription
            entry.isEnabled = scope.isEnabled
            entry.origin = scope.origin
            return entry
        }
    }

    static func entries(_ roles: [GraphAppRole], file: String, at: String) throws -> [PermissionEntry] {
        try roles.enumerated().map { index, role in
            var entry = PermissionEntry(kind: .application, value: try requiredValue(role.value, file: file, at: "\(at)[\(index)]"))
            entry.permissionId = role.id
            entry.adminConsentDisplayName = role.displayName
            entry.adminConsentDescription = role.description
            entry.allowedMemberTypes = role.allowedMemberTypes?.joined(separator: ",")
            // A role that applications can hold is granted by an administrator only.
            entry.requiresAdminConsent = (role.allowedMemberTypes ?? ["Application"]).contains("Application") ? true : nil
            entry.isEnabled = role.isEnabled
            entry.origin = role.origin
            return entry
        }
    }

    static func requiredValue(_ value: String?, file: String, at location: String) throws -> String {
        guard let value, !value.isEmpty else {
            throw ImportError(file: file, location: location, problem: "a permission without a \"value\" (its name)")
        }
        return value
    }

    private static func consentType(_ type: String?, file: String, at location: String) throws -> String? {
        guard let type else { return nil }
        guard type == "Admin" || type == "User" else {
            throw ImportError(file: file, location: location, problem: "expected \"Admin\" or \"User\", found \"\(type)\"")
        }
        return type
    }
}
