import PermAuditStore

/// Maps the older permissions-descriptions.json: its `isAdmin` is that file's admin-consent flag.
enum DescriptionsMapping {
    static func entries(_ list: [DescribedPermission], kind: PermissionKind, file: String, at: String) throws -> [PermissionEntry] {
        try list.enumerated().map { index, described in
            let value = try ServicePrincipalMapping.requiredValue(described.value, file: file, at: "\(at)[\(index)]")
            var entry = PermissionEntry(kind: kind, value: value)
            entry.permissionId = described.id
            entry.requiresAdminConsent = described.isAdmin
            entry.isEnabled = described.isEnabled
            entry.allowedMemberTypes = described.allowedMemberTypes?.joined(separator: ",")
            switch kind {
            case .delegated:
                entry.adminConsentDisplayName = described.adminConsentDisplayName
                entry.adminConsentDescription = described.adminConsentDescription
                entry.userConsentDisplayName = described.userConsentDisplayName ?? described.consentDisplayName
                entry.userConsentDescription = described.userConsentDescription ?? described.consentDescription
            case .application:
                // Roles have one text, written for the admin; older files call it consent*.
                entry.adminConsentDisplayName = described.adminConsentDisplayName ?? described.consentDisplayName
                entry.adminConsentDescription = described.adminConsentDescription ?? described.consentDescription
            }
            return entry
        }
    }
}

enum MicrosoftAppsMapping {
    static func entries(_ list: [MicrosoftAppListing], file: String, at: String) throws -> [MicrosoftApplicationEntry] {
        try list.enumerated().map { index, app in
            guard let appId = app.appId, !appId.isEmpty else {
                throw ImportError(file: file, location: "\(at)[\(index)]", problem: "an application without an \"AppId\"")
            }
            return MicrosoftApplicationEntry(
                appId: appId, appDisplayName: app.appDisplayName,
                appOwnerOrganizationId: app.appOwnerOrganizationId.flatMap { $0.isEmpty ? nil : $0 },
                listedBy: app.source)
        }
    }
}
