import Foundation
import PermAuditGraph
import PermAuditStore
import PermAuditTestSupport
import Testing

/// Graph failing the ways it does: each fault is retried or recorded, never imported as a whole tenant.
@Suite struct SyncFaultTests {
    /// The small tenant (2 service principals, 3 grants, 1 assignment): these tests are about the faults.
    private func fake(pageSize: Int = 999, fault: FaultScript? = nil) throws -> FakeGraph {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        fake.pageSize = pageSize
        fake.fault = fault?.fault
        return fake
    }

    @Test func retryAfterIsHonouredAsOnePauseThenTheSameURLIsSentAgain() async throws {
        let script = FaultScript(times: 1, matches: FaultScript.listing("servicePrincipals"),
                                 FakeGraph.error(429, "TooManyRequests", "Too many requests").withHeader("Retry-After", "30"))
        let fake = try fake(fault: script)
        defer { fake.stop() }
        let sleeps = SleepLog()
        let outcome = try await SyncHarness.sync(fake, sleeps: sleeps)
        #expect(outcome.isComplete)
        #expect(sleeps.sleeps == [.seconds(30)])
        let pages = SyncHarness.requests(fake, path: "/servicePrincipals")
        #expect(pages.count == 2 && pages[0].target == pages[1].target)
    }

    @Test func throttlingWithoutRetryAfterAndA5xxBurstBackOffWithJitter() async throws {
        let statuses = [429, 500, 502, 503, 504]
        let counter = FaultCounter()
        let script = FaultScript(times: statuses.count, matches: FaultScript.listing("oauth2PermissionGrants", firstPage: true)) { _ in
            FakeGraph.error(statuses[counter.next()], "ServiceUnavailable", "try later")
        }
        let fake = try fake(fault: script)
        defer { fake.stop() }
        let sleeps = SleepLog()
        let outcome = try await SyncHarness.sync(fake, maxAttempts: 8, sleeps: sleeps)
        #expect(outcome.isComplete)
        // Full jitter with the random number fixed at 0.5: half of 2 s, 4 s, 8 s, 16 s, 32 s.
        #expect(sleeps.sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16)])
    }

    @Test func aFailureBeyondMaxAttemptsAbandonsTheCollectionAndMakesNoSnapshot() async throws {
        let script = FaultScript(times: 100, matches: FaultScript.listing("oauth2PermissionGrants"),
                                 FakeGraph.error(503, "ServiceUnavailable", "down"))
        let fake = try fake(fault: script)
        defer { fake.stop() }
        let database = try AppDatabase.inMemory()
        let outcome = try await SyncHarness.sync(fake, into: database, maxAttempts: 3)
        #expect(outcome.snapshot == nil && outcome.run.status == "incomplete")
        let grants = try #require(outcome.collections.first { $0.name == "oauth2PermissionGrants" })
        #expect(grants.status == "abandoned")
        #expect(grants.problem?.contains("no answer after 3 attempts (last: HTTP 503 ServiceUnavailable: down)") == true)
        #expect(SyncHarness.requests(fake, path: "/oauth2PermissionGrants").count == 3)
        #expect(try SyncHarness.snapshotHashes(database).isEmpty)
    }

    /// Each attempt fails at once (the client does not reconnect until the deadline, which is long here).
    @Test func aRefusedConnectionIsRetriedThenAResumableFailure() async throws {
        let closed = "http://127.0.0.1:\(LoopbackServer.closedPort())"
        let sleeps = SleepLog()
        let error = await #expect(throws: SyncError.self) { _ = try await SyncHarness.sync(baseURL: closed, maxAttempts: 3, deadline: .seconds(60), sleeps: sleeps) }
        #expect(error?.isResumable == true)
        #expect(error?.description.hasPrefix("GET /v1.0/organization: no answer after 3 attempts (last: network error: ") == true)
        #expect(sleeps.sleeps == [.seconds(1), .seconds(2)])
        #expect(error?.description.contains("refused") == true, "\(String(describing: error))")
    }

    @Test func aNextLinkToAnotherHostIsRefusedAndThatHostReceivesNothing() async throws {
        let other = RequestRecorder()
        let otherServer = try LoopbackServer { request in other.record(request); return .json(200, Data(#"{"value":[]}"#.utf8)) }
        defer { otherServer.stop() }
        let foreign = "http://127.0.0.1:\(otherServer.port)/v1.0/servicePrincipals?$skiptoken=abc"
        let page = Data(#"{"@odata.context":"x#servicePrincipals","value":[],"@odata.nextLink":"\#(foreign)"}"#.utf8)
        let script = FaultScript(times: 10, matches: FaultScript.listing("servicePrincipals"), .json(200, page))
        let fake = try fake(fault: script)
        defer { fake.stop() }
        let outcome = try await SyncHarness.sync(fake)
        #expect(outcome.snapshot == nil)
        let principals = try #require(outcome.collections.first { $0.name == "servicePrincipals" })
        #expect(principals.status == "abandoned" && principals.problem?.contains("refused, the token goes only to") == true)
        #expect(other.requests.isEmpty)
    }

    @Test func theSameNextLinkTwiceStopsTheListing() async throws {
        let script = FaultScript(times: 10, matches: FaultScript.listing("servicePrincipals", firstPage: false)) { request in
            let link = "http://127.0.0.1:\(request.headers["host"]?.split(separator: ":").last ?? "0")\(request.target)"
            return .json(200, Data(#"{"@odata.context":"x#servicePrincipals","value":[],"@odata.nextLink":"\#(link)"}"#.utf8))
        }
        let fake = try fake(pageSize: 1, fault: script)
        defer { fake.stop() }
        let outcome = try await SyncHarness.sync(fake)
        let principals = try #require(outcome.collections.first { $0.name == "servicePrincipals" })
        #expect(principals.status == "abandoned")
        #expect(principals.problem == "servicePrincipals: Graph sent the same next page twice, so the listing would never end")
        #expect(outcome.snapshot == nil)
    }

    @Test func a403NamesTheMissingPermissionAndStopsTheRun() async throws {
        let script = FaultScript(times: 10, matches: FaultScript.listing("oauth2PermissionGrants"),
                                 FakeGraph.error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."))
        let fake = try fake(fault: script)
        defer { fake.stop() }
        let database = try AppDatabase.inMemory()
        let error = await #expect(throws: SyncError.self) { _ = try await SyncHarness.sync(fake, into: database) }
        #expect(error?.kind == .configuration)
        #expect(error?.description.hasSuffix("the token needs the Directory.Read.All permission") == true)
        #expect(try database.syncRuns().first?.status == "failed")
        #expect(try SyncHarness.snapshotHashes(database).isEmpty)
    }

    @Test func aWrongTokenIsAConfigurationError() async throws {
        let fake = try fake()
        defer { fake.stop() }
        let error = await #expect(throws: SyncError.self) { _ = try await SyncHarness.sync(fake, token: "expired") }
        #expect(error?.kind == .configuration && error?.description.contains("(401)") == true)
    }

    @Test func aTokenExpiringMidRunIsResumable() async throws {
        let script = FaultScript(times: 100, matches: FaultScript.listing("oauth2PermissionGrants", firstPage: false),
                                 FakeGraph.error(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."))
        let graph = try fake(pageSize: 1, fault: script)
        defer { graph.stop() }
        let database = try AppDatabase.inMemory()
        let expired = try await SyncHarness.sync(graph, into: database)
        let grants = try #require(expired.collections.first { $0.name == "oauth2PermissionGrants" })
        #expect(grants.status == "abandoned" && grants.pages == 1)
        #expect(grants.problem?.hasSuffix("it has expired; get a new one and run permaudit sync --resume") == true)
        graph.fault = nil
        let resumed = try await SyncHarness.sync(graph, into: database, options: SyncOptions(resume: true))
        #expect(resumed.isComplete && resumed.snapshot?.grantCount == 3)
    }

    /// A token refused mid-run is renewed once (a token file read again) and the refused request sent again.
    @Test func aTokenRefusedMidRunIsRenewedAndTheRunCompletes() async throws {
        let graph = try fake(pageSize: 1)
        defer { graph.stop() }
        graph.acceptedTokens = [FakeGraph.token, "renewed-token"]
        graph.fault = { request, _ in
            request.path.hasSuffix("/oauth2PermissionGrants") && request.query["$skiptoken"] != nil
                && request.headers["authorization"] == "Bearer \(FakeGraph.token)"
                ? FakeGraph.error(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.") : nil
        }
        let renewals = FaultCounter()
        let outcome = try await SyncHarness.sync(graph, renewToken: { _ = renewals.next(); return try? AccessToken("renewed-token") })
        #expect(outcome.isComplete && outcome.snapshot?.grantCount == 3)
        #expect(renewals.next() == 1)
        let refused = try #require(graph.requests.firstIndex { $0.query["$skiptoken"] != nil && $0.path.hasSuffix("/oauth2PermissionGrants") })
        let again = try #require(graph.requests[(refused + 1)...].first { $0.target == graph.requests[refused].target })
        #expect(again.headers["authorization"] == "Bearer renewed-token")
    }

    @Test func aResourceDeletedDuringTheSyncIsRecordedVanished() async throws {
        let script = FaultScript(times: 100, matches: FaultScript.listing("appRoleAssignedTo"),
                                 FakeGraph.error(404, "Request_ResourceNotFound", "Resource does not exist."))
        let graph = try fake(fault: script)
        defer { graph.stop() }
        let outcome = try await SyncHarness.sync(graph)
        #expect(outcome.isComplete)
        let listings = outcome.collections.filter { $0.name.hasPrefix("appRoleAssignedTo/") }
        #expect(listings.count == 1 && listings.allSatisfy { $0.status == "vanished" })
        #expect(outcome.snapshot?.assignmentCount == 0)
    }

    /// A service principal id is Graph's text, so hostile: it is escaped into the path of its listing and
    /// cannot add a path segment or a query.
    @Test func aHostileResourceIdIsEscapedIntoItsListingPath() async throws {
        var tenant = try FakeTenant.graphDocs()
        tenant.servicePrincipals[1]["id"] = "x/../../organization?$top=1#é\u{202E}"
        tenant.servicePrincipals[1]["appRoles"] = tenant.servicePrincipals[0]["appRoles"]
        let graph = try FakeGraph(tenant)
        defer { graph.stop() }
        let outcome = try await SyncHarness.sync(graph)
        let listing = try #require(graph.requests.first { $0.path.contains("x%2F") })
        #expect(listing.path == "/v1.0/servicePrincipals/x%2F%2E%2E%2F%2E%2E%2Forganization%3F%24top%3D1%23%C3%A9%E2%80%AE/appRoleAssignedTo")
        #expect(outcome.collections.first { $0.name.hasPrefix("appRoleAssignedTo/x/") }?.status == "vanished")
    }

    @Test func anExpiredPageTokenRestartsOnlyThatCollection() async throws {
        let script = FaultScript(times: 1, matches: FaultScript.listing("servicePrincipals", firstPage: false),
                                 FakeGraph.error(400, "Directory_ExpiredPageToken", "DirectoryPageTokenNotFoundException"))
        let fake = try fake(pageSize: 1, fault: script)
        defer { fake.stop() }
        let outcome = try await SyncHarness.sync(fake)
        #expect(outcome.isComplete)
        let reads = Dictionary(uniqueKeysWithValues: outcome.collections.map { ($0.name, $0.reads) })
        #expect(reads["servicePrincipals"] == 2 && reads["oauth2PermissionGrants"] == 1)
        #expect(outcome.snapshot?.servicePrincipalCount == 2)
    }

    enum ByteFault: String, CaseIterable, Sendable {
        case reset, cutMidBody, stall, notJSON, errorBody, htmlFrom502Proxy

        var reply: FakeReply {
            switch self {
            case .reset: .reset
            case .cutMidBody: .cut(status: 200, body: Data(#"{"value":[{"id":"1"},{"id":"2"}]}"#.utf8), sending: 12)
            case .stall: .stall(seconds: 1)
            case .notJSON: .respond(status: 200, headers: ["Content-Type": "application/json"], body: Data("not json".utf8))
            case .errorBody: FakeGraph.error(200, "UnknownError", "")
            case .htmlFrom502Proxy: .respond(status: 502, headers: ["Content-Type": "text/html"], body: Data("<html>Bad Gateway</html>".utf8))
            }
        }
    }

    @Test(arguments: ByteFault.allCases)
    func aBrokenAnswerIsRetriedAndTheSyncCompletes(_ fault: ByteFault) async throws {
        let script = FaultScript(times: 1, matches: FaultScript.listing("oauth2PermissionGrants", firstPage: true), fault.reply)
        // The small tenant: its pages come well within the short deadline the stall runs into.
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        fake.fault = script.fault
        defer { fake.stop() }
        let outcome = try await SyncHarness.sync(fake, deadline: .milliseconds(700))
        #expect(outcome.isComplete)
        #expect(outcome.retries == 1)
        #expect(SyncHarness.requests(fake, path: "/oauth2PermissionGrants").count == 2)
        #expect(outcome.snapshot?.grantCount == 3)
    }

    @Test func resumeContinuesFromTheSavedCursorAndMakesTheSameSnapshot() async throws {
        let database = try AppDatabase.inMemory()
        let script = FaultScript(times: 100, matches: FaultScript.listing("oauth2PermissionGrants", firstPage: false),
                                 FakeGraph.error(503, "ServiceUnavailable", "down"))
        let graph = try fake(pageSize: 1, fault: script)
        defer { graph.stop() }
        let broken = try await SyncHarness.sync(graph, into: database, maxAttempts: 2)
        #expect(broken.snapshot == nil)
        #expect(broken.collections.first { $0.name == "oauth2PermissionGrants" }?.pages == 1)

        // Graph healthy again: only the missing pages are read.
        graph.fault = nil
        let before = graph.requests.count
        let resumed = try await SyncHarness.sync(graph, into: database, options: SyncOptions(resume: true))
        #expect(resumed.isComplete && resumed.resumed && resumed.run.id == broken.run.id)
        let sent = graph.requests.dropFirst(before)
        #expect(!sent.contains { $0.path.hasSuffix("/servicePrincipals") })
        let grantPages = sent.filter { $0.path.hasSuffix("/oauth2PermissionGrants") }
        #expect(grantPages.count == 2 && grantPages.allSatisfy { $0.query["$skiptoken"] != nil })

        let uninterrupted = try AppDatabase.inMemory()
        let fresh = try fake(pageSize: 1)
        defer { fresh.stop() }
        _ = try await SyncHarness.sync(fresh, into: uninterrupted)
        #expect(try SyncHarness.snapshotHashes(database) == SyncHarness.snapshotHashes(uninterrupted))
    }
}

/// Hands out 0, 1, 2, ... to concurrent callers.
final class FaultCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}

/// What a server that must receive nothing received.
final class RequestRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [FakeRequest] = []

    var requests: [FakeRequest] { lock.withLock { log } }

    func record(_ request: FakeRequest) {
        lock.withLock { log.append(request) }
    }
}
