import PermAuditStore

/// A holding as diffs and `--since` compare it: client, resource, permission, kind and consent type.
struct HoldingIdentity: Hashable {
    var clientId: String
    var resourceId: String
    var permission: String
    var kind: PermissionKind
    var consentType: String

    init(_ holding: PermissionHolding) {
        clientId = holding.clientId
        resourceId = holding.resourceId
        permission = holding.permission ?? holding.permissionId ?? ""
        kind = holding.kind
        consentType = holding.consentType
    }

    /// Whether `before` held this holding: the same, or wider (a consent for all users narrowed to some users
    /// is not a new holding).
    func wasHeld(in before: Set<HoldingIdentity>) -> Bool {
        guard !before.contains(self) else { return true }
        var wider = self
        wider.consentType = "AllPrincipals"
        return consentType == "Principal" && before.contains(wider)
    }

    /// Principal -> AllPrincipals: a consent for some users made tenant-wide, which counts as a new holding.
    static func widens(from: String?, to: String?) -> Bool {
        from == "Principal" && to == "AllPrincipals"
    }

    /// The same holding whatever its consent type: what a consentType change keeps.
    var ignoringConsentType: HoldingIdentity {
        var identity = self
        identity.consentType = ""
        return identity
    }
}
