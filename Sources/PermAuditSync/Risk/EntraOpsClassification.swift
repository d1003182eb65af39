import PermAuditStore

/// EntraOps' classification of app roles (Classification_AppRoles.json): a list of tier levels
/// (ControlPlane, ManagementPlane, UserAccess), each with definitions naming a resource, a scope and role names.
struct EntraOpsTierLevel: Decodable {
    var EAMTierLevelName: String
    var EAMTierLevelTagValue: String
    var TierLevelDefinition: [Definition]

    struct Definition: Decodable {
        var Service: String?
        var ResourceAppId: String
        /// Application, Delegation, or All (both kinds).
        var ResourceScope: String
        var RoleDefinitionActions: [String]
    }
}

enum EntraOpsMapping {
    /// One entry per (definition, name, kind): keyed by resource, kind and name, as EntraOps keys them.
    static func entries(_ levels: [EntraOpsTierLevel], file: String) throws -> [RiskEntry] {
        var entries: [RiskEntry] = []
        for (l, level) in levels.enumerated() {
            guard let tier = Int(level.EAMTierLevelTagValue), (0...2).contains(tier) else {
                throw ImportError(file: file, location: "$[\(l)].EAMTierLevelTagValue",
                                  problem: "expected a tier \"0\", \"1\" or \"2\", found \"\(level.EAMTierLevelTagValue)\"")
            }
            for (d, definition) in level.TierLevelDefinition.enumerated() {
                let at = "$[\(l)].TierLevelDefinition[\(d)]"
                let kinds = try kinds(definition.ResourceScope, file: file, at: at + ".ResourceScope")
                for (a, name) in definition.RoleDefinitionActions.enumerated() {
                    for kind in kinds {
                        entries.append(RiskEntry(location: "\(at).RoleDefinitionActions[\(a)]", resourceAppId: definition.ResourceAppId,
                                                 kind: kind, permission: name, tier: tier, category: definition.Service))
                    }
                }
            }
        }
        return entries
    }

    private static func kinds(_ scope: String, file: String, at location: String) throws -> [PermissionKind] {
        switch scope {
        case "Application": [.application]
        case "Delegation": [.delegated]
        case "All": [.delegated, .application]
        default: throw ImportError(file: file, location: location, problem: "expected Application, Delegation or All, found \"\(scope)\"")
        }
    }
}
