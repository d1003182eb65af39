import Foundation
import PermAuditTestSupport

/// Answers the first `times` requests that `matches` picks with `reply`, then lets the fake answer as Graph.
final class FaultScript: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int
    private let matches: @Sendable (FakeRequest) -> Bool
    private let reply: @Sendable (FakeRequest) -> FakeReply

    init(times: Int, matches: @escaping @Sendable (FakeRequest) -> Bool, reply: @escaping @Sendable (FakeRequest) -> FakeReply) {
        remaining = times
        self.matches = matches
        self.reply = reply
    }

    convenience init(times: Int, matches: @escaping @Sendable (FakeRequest) -> Bool, _ reply: FakeReply) {
        self.init(times: times, matches: matches, reply: { _ in reply })
    }

    var fault: @Sendable (FakeRequest, Int) -> FakeReply? {
        { [self] request, _ in
            lock.withLock {
                guard remaining > 0, matches(request) else { return nil }
                remaining -= 1
                return reply(request)
            }
        }
    }

    /// Pages of a listing (not its `/$count`), the first only or every one.
    static func listing(_ name: String, firstPage: Bool? = nil) -> @Sendable (FakeRequest) -> Bool {
        { request in
            guard request.path.hasSuffix("/" + name) else { return false }
            guard let firstPage else { return true }
            return firstPage == (request.query["$skiptoken"] == nil)
        }
    }
}
