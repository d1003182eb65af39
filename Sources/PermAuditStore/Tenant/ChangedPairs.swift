/// The (client, resource) pairs whose grants an import changes: a grant version the latest snapshot held and
/// this export does not, or one this export holds and the latest did not (new, or back). Every other pair
/// holds the very grants it held, so its delegated holdings are the latest snapshot's: the tally counts only
/// these pairs' grants and the writer carries the others' holdings over (a week's 0.1% of changes touches a
/// few thousand pairs of a million grants').
struct ChangedPairs {
    private var pairs: Set<UInt64> = []

    mutating func insert(client: UInt32, resource: UInt32) {
        pairs.insert(Self.pair(client, resource))
    }

    func contains(client: UInt32, resource: UInt32) -> Bool {
        pairs.contains(Self.pair(client, resource))
    }

    var count: Int { pairs.count }

    private static func pair(_ client: UInt32, _ resource: UInt32) -> UInt64 {
        UInt64(client) << 32 | UInt64(resource)
    }
}
