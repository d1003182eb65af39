/// The export elements a tenant's stored versions were read from, by digest: the thread that reads the export
/// decodes only the elements it does not find here. Immutable once made.
public final class KnownElements: Sendable {
    public enum Collection: Sendable {
        case servicePrincipals, grants, assignments
    }

    private let servicePrincipals: ElementLookup
    private let grants: ElementLookup
    private let assignments: ElementLookup

    public init(_ stored: StoredElements) {
        servicePrincipals = ElementLookup(stored.servicePrincipals.digests)
        grants = ElementLookup(stored.grants.digests)
        assignments = ElementLookup(stored.assignments.digests)
    }

    /// The element's index among the stored elements, to hand to `TenantSink.addKnown`. The one after
    /// `previous` (the last element's) is tried first: an export lists its objects in the order of the last
    /// one, which stored them in key order, so most are found without a probe into the table.
    public func index(of element: ElementDigest, in collection: Collection, after previous: Int32? = nil) -> Int32? {
        switch collection {
        case .servicePrincipals: servicePrincipals.index(of: element, after: previous)
        case .grants: grants.index(of: element, after: previous)
        case .assignments: assignments.index(of: element, after: previous)
        }
    }
}

/// One collection's remembered element digests and their table.
struct ElementLookup: Sendable {
    let digests: [ContentDigest]
    private let table: DigestTable

    init(_ digests: [ContentDigest]) {
        self.digests = digests
        table = DigestTable(digests)
    }

    func index(of element: ElementDigest, after previous: Int32?) -> Int32? {
        if let previous, Int(previous) + 1 < digests.count, digests[Int(previous) + 1] == element.digest { return previous + 1 }
        return table.position(of: element.digest, in: digests).map { Int32($0) }
    }
}
