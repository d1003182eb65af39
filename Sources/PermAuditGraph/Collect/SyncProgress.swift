import Foundation

/// What a running sync has read, as one line for a terminal: objects and pages per collection, then the
/// run's requests, retries and throttling waits (Graph's limits are per app and tenant, so waits are the run's).
public actor SyncProgress {
    private var objects: [String: Int] = [:]
    private var pages: [String: Int] = [:]
    private var order: [String] = []
    private let show: @Sendable (String) -> Void

    public init(show: @escaping @Sendable (String) -> Void) {
        self.show = show
    }

    /// A page staged: `count` more objects in `collection` (every app-role listing counts as one).
    func staged(_ count: Int, in collection: String, tally: RequestTally) async {
        let name = collection.hasPrefix("appRoleAssignedTo/") ? "appRoleAssignedTo" : collection
        if objects[name] == nil { order.append(name) }
        objects[name, default: 0] += count
        pages[name, default: 0] += 1
        let requests = await tally.requests, retries = await tally.retries, waits = await tally.throttledWaits
        let waited = waits.reduce(Duration.zero, +).components.seconds
        let parts = order.map { "\($0) \(objects[$0] ?? 0) in \(pages[$0] ?? 0) pages" }
        show(parts.joined(separator: ", ") + "; \(requests) requests, \(retries) retries, \(waits.count) throttling waits (\(waited) s)")
    }
}
