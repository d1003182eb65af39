/// One object of a tenant export with its content hash, ready for the sink: made by whoever reads the
/// export, so the hashing runs on the reader's thread while the sink writes on another.
public struct TenantRecord: Sendable, Equatable {
    public enum Object: Sendable, Equatable {
        case servicePrincipal(TenantServicePrincipal)
        case grant(TenantGrant)
        case assignment(TenantAssignment)
    }

    public let object: Object
    /// sha256 of the object's content line: equal contents are one stored version.
    let contentHash: String

    public init(_ object: Object) {
        self.object = object
        switch object {
        case .servicePrincipal(let principal): contentHash = SHA256.hex(principal.contentBytes)
        case .grant(let grant): contentHash = SHA256.hex(grant.contentBytes)
        case .assignment(let assignment): contentHash = SHA256.hex(assignment.contentBytes)
        }
    }
}
