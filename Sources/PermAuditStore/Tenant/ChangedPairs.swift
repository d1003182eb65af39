/// Some (client, resource) pairs of a tenant's grants: when only the holdings that changed are counted
/// (TenantSink's `countOnlyChanges`), the pairs of the grants that came or went, whose other grants are the only
/// ones read again (a week's 0.1% of changes touches a few thousand pairs of a million grants').
struct ChangedPairs {
    private var pairs: Set<UInt64> = []

    mutating func insert(client: UInt32, resource: UInt32) {
        pairs.insert(Self.pair(client, resource))
    }

    func contains(client: UInt32, resource: UInt32) -> Bool {
        pairs.contains(Self.pair(client, resource))
    }

    private static func pair(_ client: UInt32, _ resource: UInt32) -> UInt64 {
        UInt64(client) << 32 | UInt64(resource)
    }
}
