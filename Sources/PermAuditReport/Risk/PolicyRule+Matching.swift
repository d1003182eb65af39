import PermAuditStore

/// Whether a rule's conditions all hold for this holding.
extension PolicyRule {
    func matches(_ holding: PermissionHolding) -> Bool {
        if let kind, kind != holding.kind { return false }
        if let publisher, publisher != holding.publisher { return false }
        if let resourceAppId, resourceAppId.lowercased() != holding.resourceAppId?.lowercased() { return false }
        guard let permission else { return true }
        return holding.permission.map { NamePattern.matches(permission, $0) } ?? false
    }
}
