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
