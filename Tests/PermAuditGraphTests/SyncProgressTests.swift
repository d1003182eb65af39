import Foundation
import PermAuditGraph
import PermAuditTestSupport
import Testing

/// The progress line a terminal shows: objects and pages per collection, requests, retries, throttling waits.
@Suite struct SyncProgressTests {
    /// The lines drawn, in order.
    private final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var drawn: [String] = []
        var all: [String] { lock.withLock { drawn } }
        func add(_ line: String) { lock.withLock { drawn.append(line) } }
    }

    @Test func eachPageRedrawsObjectsAndPagesPerCollectionWithRetriesAndWaits() async throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.pageSize = 1
        fake.fault = FaultScript(times: 1, matches: FaultScript.listing("oauth2PermissionGrants", firstPage: true),
                                 FakeGraph.error(429, "TooManyRequests", "Too many requests").withHeader("Retry-After", "30")).fault
        let lines = Lines()
        let outcome = try await SyncHarness.sync(fake, progress: SyncProgress { lines.add($0) })
        #expect(outcome.isComplete)
        // One line a staged page: 2 service principals, 3 grants, 1 assignment, a page each.
        #expect(lines.all.count == 6)
        let last = try #require(lines.all.last)
        for part in ["servicePrincipals 2 in 2 pages", "oauth2PermissionGrants 3 in 3 pages", "appRoleAssignedTo 1 in 1 pages"] {
            #expect(last.contains(part), "\(last)")
        }
        #expect(last.hasSuffix(" requests, 1 retries, 1 throttling waits (30 s)"), "\(last)")
    }
}
