extension PermissionHolding {
    /// A holding by no app: the catalog entry alone, for classifying a permission's own risk (a page that
    /// shows the level and tier of the permission, whoever holds it).
    public static func unheld(resourceAppId: String, kind: PermissionKind, permission: String, permissionId: String?,
                              requiresAdminConsent: Bool?, privilegeLevel: Int?) -> PermissionHolding {
        PermissionHolding(
            tenantId: "", asOf: "", clientId: "", clientAppId: nil, clientDisplayName: nil, publisher: nil, verifiedPublisherName: nil,
            resourceId: "", resourceAppId: resourceAppId, resourceDisplayName: nil, permission: permission, permissionId: permissionId,
            kind: kind, consentType: kind == .application ? "Application" : "AllPrincipals", principalCount: nil,
            requiresAdminConsent: requiresAdminConsent, resolvedBy: nil, privilegeLevel: privilegeLevel, firstSeen: nil, risk: nil)
    }
}
