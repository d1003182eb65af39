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
    let digest: ContentDigest
    /// The digest as stored: 64 lowercase hex digits, made only for a new version.
    var contentHash: String { digest.hex }
    /// The export element the object was read from, when it made this object alone: remembered with the version.
    public let element: ElementDigest?

    public init(_ object: Object, element: ElementDigest? = nil) {
        self.object = object
        self.element = element
        switch object {
        case .servicePrincipal(let principal): digest = SHA256.digest(principal.contentBytes)
        case .grant(let grant): digest = SHA256.digest(grant.contentBytes)
        case .assignment(let assignment): digest = SHA256.digest(assignment.contentBytes)
        }
    }
}
