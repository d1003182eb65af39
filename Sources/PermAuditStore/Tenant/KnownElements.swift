/// The export elements a tenant's stored versions were read from, by digest: the thread that reads the export
/// decodes only the elements it does not find here. Immutable once made.
public final class KnownElements: Sendable {
    public enum Collection: Sendable {
        case servicePrincipals, grants
    }

    private let servicePrincipals: ElementLookup
    private let grants: ElementLookup

    public init(_ stored: StoredElements) {
        servicePrincipals = ElementLookup(stored.servicePrincipals)
        grants = ElementLookup(stored.grants)
    }

    /// The position of the stored version read from this element, to hand to `TenantSink.addKnown`.
    public func position(of element: ElementDigest, in collection: Collection) -> Int32? {
        switch collection {
        case .servicePrincipals: servicePrincipals.position(of: element)
        case .grants: grants.position(of: element)
        }
    }
}

/// One collection's remembered element digests (`ElementDigest.none` where a version has none) and their table.
struct ElementLookup: Sendable {
    let digests: [ContentDigest]
    private let table: DigestTable

    init(_ digests: [ContentDigest]) {
        self.digests = digests
        table = DigestTable(digests, skipping: ElementDigest.none.digest)
    }

    func position(of element: ElementDigest) -> Int32? {
        table.position(of: element.digest, in: digests).map { Int32($0) }
    }
}
