import PermAuditStore

/// EntraOps' tier levels as risk entries.
enum EntraOpsMapping {
    /// One entry per (definition, name, kind): keyed by resource, kind and name, as EntraOps keys them.
    static func entries(_ levels: [EntraOpsTierLevel], file: String) throws -> [RiskEntry] {
        var entries: [RiskEntry] = []
        for (levelIndex, level) in levels.enumerated() {
            guard let tier = Int(level.EAMTierLevelTagValue), (0...2).contains(tier) else {
                throw ImportError(file: file, location: "$[\(levelIndex)].EAMTierLevelTagValue",
                                  problem: "expected a tier \"0\", \"1\" or \"2\", found \"\(level.EAMTierLevelTagValue)\"")
            }
            for (definitionIndex, definition) in level.TierLevelDefinition.enumerated() {
                let at = "$[\(levelIndex)].TierLevelDefinition[\(definitionIndex)]"
                let kinds = try kinds(definition.ResourceScope, file: file, at: at + ".ResourceScope")
                for (actionIndex, name) in definition.RoleDefinitionActions.enumerated() {
                    for kind in kinds {
                        entries.append(RiskEntry(location: "\(at).RoleDefinitionActions[\(actionIndex)]", resourceAppId: definition.ResourceAppId,
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
