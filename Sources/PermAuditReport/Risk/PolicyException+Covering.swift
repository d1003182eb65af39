import PermAuditStore

/// Whether an exception is about this holding (valid or not: the classifier says which).
extension PolicyException {
    func covers(_ holding: PermissionHolding) -> Bool {
        let app = app.lowercased()
        guard app == holding.clientAppId?.lowercased() || app == holding.clientId.lowercased() else { return false }
        guard permission == holding.permission else { return false }
        if let kind, kind != holding.kind { return false }
        if let resourceAppId, resourceAppId.lowercased() != holding.resourceAppId?.lowercased() { return false }
        return true
    }
}
