import PermAuditStore

/// The objects one tenant export file holds, each with where it was (file and JSON path or line).
struct TenantFile {
    struct Located<Object> {
        var object: Object
        var location: String
    }

    var name: String
    var servicePrincipals: [Located<TenantServicePrincipal>] = []
    var grants: [Located<TenantGrant>] = []
    var assignments: [Located<TenantAssignment>] = []
    var organizationIds: [String] = []
    var formatName: String

    var objectCount: Int { servicePrincipals.count + grants.count + assignments.count + organizationIds.count }
}
