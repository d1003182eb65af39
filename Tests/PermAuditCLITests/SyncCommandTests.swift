import Foundation
import PermAuditTestSupport
import Testing

/// Today in UTC, the date a sync gives its snapshot.
enum AsOfToday {
    static var text: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

/// `permaudit sync` as users run it, against a fake Graph on 127.0.0.1: exit codes, one-line errors, status.
@Suite struct SyncCommandTests {
    private static let token = ["PERMAUDIT_GRAPH_TOKEN": FakeGraph.token]

    /// A folder with an empty, unseeded database (seeding takes seconds and is not what these tests are about).
    private static func folder() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        return folder
    }

    private static func sync(_ fake: FakeGraph, _ extra: [String] = [], in folder: URL, environment: [String: String] = token) throws -> Run {
        try Run.permaudit(["sync", "--db", "db.sqlite", "--graph-url", fake.baseURL] + extra, in: folder, environment: environment)
    }

    @Test func aCompleteSyncExitsZeroAndStatusShowsEachCollection() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        let folder = try Self.folder()
        let run = try Self.sync(fake, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("synced tenant 84841066-274d-4ec0-a5c1-276be684bdd3 as of "))
        #expect(run.stderr.contains(": 2 service principals, 3 grants, 1 app role assignments; 8 requests, 0 retries\n"))
        let status = try Run.permaudit(["sync", "status", "--db", "db.sqlite", "--format", "csv"], in: folder)
        let lines = status.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        try #require(lines.allSatisfy { $0.count == 11 }, "\(status.stdout)")
        #expect(lines.first == ["run", "asOf", "runStatus", "collection", "pages", "received", "unique", "expected", "reads", "status", "problem"])
        #expect(lines.dropFirst().map { [$0[3], $0[5], $0[7], $0[9]] } == [
            ["organization", "1", "", "complete"], ["servicePrincipals", "2", "2", "complete"], ["oauth2PermissionGrants", "3", "3", "complete"],
            ["appRoleAssignedTo/7ea9e944-71ce-443d-811c-71e8047b557a", "1", "1", "complete"],
        ])
    }

    @Test func aCountMismatchExitsFourSayingResumeAndImportsNothing() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.countOffset = ["oauth2PermissionGrants": 2]
        let folder = try Self.folder()
        let run = try Self.sync(fake, in: folder)
        #expect(run.status == 4)
        #expect(run.stderr == "permaudit: sync incomplete, no snapshot made: oauth2PermissionGrants: received 3 unique objects, Graph counts 5; run permaudit sync --resume\n")
        let snapshots = try Run.permaudit(["snapshots", "--tenants", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(snapshots.stdout.split(separator: "\r\n").count == 1, "\(snapshots.stdout)")
    }

    @Test func acceptIncompleteStoresAFlaggedSnapshotThatReportsWarnAbout() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.countOffset = ["oauth2PermissionGrants": 2]
        let folder = try Self.folder()
        let run = try Self.sync(fake, ["--accept-incomplete"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("permaudit: warning: snapshot 1 was made from incomplete collections (--accept-incomplete): "
            + "oauth2PermissionGrants: received 3 unique objects, Graph counts 5\n"))
        let report = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "csv", "-q"], in: folder)
        let warning = "permaudit: warning: tenant snapshot 1 (84841066-274d-4ec0-a5c1-276be684bdd3, \(AsOfToday.text)) was made by "
            + "permaudit sync from incomplete collections: oauth2PermissionGrants: received 3 unique objects, Graph counts 5\n"
        #expect(report.status == 0)
        #expect(report.stderr == warning)
        // A gate cannot pass on a snapshot that may be missing objects, whatever its rules find.
        let refusal = "permaudit: --fail-on: tenant snapshot 1 (84841066-274d-4ec0-a5c1-276be684bdd3, \(AsOfToday.text)) is flagged "
            + "incomplete (permaudit sync --accept-incomplete), so no rule can pass on it; sync the tenant again, complete\n"
        let gated = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "csv", "-q", "--fail-on", "tier0"], in: folder)
        #expect(gated.status == 1)
        #expect(gated.stderr == warning + refusal)
        let diff = try Run.permaudit(["diff", "tenant", "--from", "1", "--to", "1", "--db", "db.sqlite", "--format", "csv", "-q",
                                      "--fail-on", "new-admin-consent"], in: folder)
        #expect(diff.status == 1)
        #expect(diff.stderr == warning + refusal)
    }

    @Test func a403ExitsTwoNamingThePermission() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.fault = { request, _ in
            request.path.hasSuffix("/servicePrincipals/$count") ? FakeGraph.error(403, "Authorization_RequestDenied", "Insufficient privileges") : nil
        }
        let run = try Self.sync(fake, in: try Self.folder())
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: Graph denied GET /v1.0/servicePrincipals/$count (403) (Authorization_RequestDenied: Insufficient privileges): the token needs the Application.Read.All permission\n")
    }

    @Test func withoutATokenNothingIsSentAndNoDatabaseIsMade() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        let folder = try Fixtures.temporaryDirectory()
        let run = try Self.sync(fake, in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: no access token: set PERMAUDIT_GRAPH_TOKEN (e.g. from az account get-access-token --resource-type ms-graph) or give --token-file PATH\n")
        #expect(fake.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("db.sqlite").path))
    }

    @Test func theTokenIsReadFromAFileOrStdin() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        let folder = try Self.folder()
        try Data((FakeGraph.token + "\n").utf8).write(to: folder.appendingPathComponent("token"))
        let fromFile = try Self.sync(fake, ["--token-file", "token", "--check"], in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let shell = "\(Run.binary.path) sync --check --graph-url \(fake.baseURL) --token-file - < token"
        let fromStdin = try Run.program(URL(fileURLWithPath: "/bin/sh"), ["-c", shell], in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fake.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(FakeGraph.token)" })
        let missing = try Self.sync(fake, ["--token-file", "nowhere"], in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(missing.status == 2 && missing.stderr == "permaudit: --token-file nowhere: cannot read it as text\n")
    }

    /// A token file renewed by another program while the sync runs: read again when Graph refuses the old token.
    @Test func aTokenFileIsReadAgainWhenGraphRefusesTheToken() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.pageSize = 1
        fake.acceptedTokens = [FakeGraph.token, "renewed-token"]
        let folder = try Self.folder()
        let tokenFile = folder.appendingPathComponent("token")
        try Data(FakeGraph.token.utf8).write(to: tokenFile)
        fake.fault = { request, _ in
            guard request.path.hasSuffix("/oauth2PermissionGrants"), request.query["$skiptoken"] != nil,
                  request.headers["authorization"] == "Bearer \(FakeGraph.token)" else { return nil }
            try? Data("renewed-token\n".utf8).write(to: tokenFile)
            return FakeGraph.error(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.")
        }
        let run = try Self.sync(fake, ["--token-file", "token"], in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fake.requests.contains { $0.headers["authorization"] == "Bearer renewed-token" })
    }

    @Test func anApplicationSignsInWithItsClientSecret() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        let folder = try Self.folder()
        let signIn = ["--client-id", FakeGraph.clientId, "--tenant", "84841066-274d-4ec0-a5c1-276be684bdd3", "--login-url", fake.baseURL]
        let run = try Self.sync(fake, signIn, in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": "", "PERMAUDIT_CLIENT_SECRET": FakeGraph.clientSecret])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fake.requests.first?.method == "POST")
        #expect(fake.requests.dropFirst().allSatisfy { $0.headers["authorization"] == "Bearer \(FakeGraph.token)" })

        try Data("not-the-secret\n".utf8).write(to: folder.appendingPathComponent("secret"))
        let refused = try Self.sync(fake, signIn + ["--client-secret-file", "secret"], in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr == "permaudit: sign-in refused for client \(FakeGraph.clientId) (invalid_client): AADSTS7000215: Invalid client secret provided.\n")

        let noTenant = try Self.sync(fake, ["--client-id", FakeGraph.clientId], in: folder, environment: ["PERMAUDIT_CLIENT_SECRET": "x"])
        #expect(noTenant.status == 2)
        #expect(noTenant.stderr == "permaudit: --client-id needs --tenant ID|DOMAIN: the tenant the application signs in to\n")
    }

    @Test func anApplicationSignsInWithItsCertificate() throws {
        let certificate = try TestCertificate()
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.certificateThumbprint = try certificate.thumbprint()
        let folder = try Self.folder()
        let certificateFile = certificate.folder.appendingPathComponent("cert.pem").path
        let run = try Self.sync(fake, ["--client-id", FakeGraph.clientId, "--tenant", "84841066-274d-4ec0-a5c1-276be684bdd3", "--login-url", fake.baseURL,
                                       "--certificate", certificateFile, "--private-key", certificate.folder.appendingPathComponent("key.pem").path],
                                in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try certificate.verifies(try #require(fake.assertions.first)))
        let half = try Self.sync(fake, ["--client-id", "c", "--tenant", "t", "--certificate", certificateFile], in: folder)
        #expect(half.status == 2 && half.stderr == "permaudit: --certificate and --private-key go together\n")
    }

    @Test func aUserSignsInWithADeviceCode() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.devicePolls = ["authorization_pending", "ok"]
        fake.deviceInterval = 0 // no real wait between polls
        let folder = try Self.folder()
        let run = try Self.sync(fake, ["--device-code", "--client-id", FakeGraph.clientId, "--login-url", fake.baseURL, "-q"], in: folder,
                                environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FAKE1234 to authenticate.\n")
        let noClient = try Self.sync(fake, ["--device-code"], in: folder)
        #expect(noClient.status == 2 && noClient.stderr == "permaudit: --device-code needs --client-id, an app registration that allows public client flows\n")
    }

    @Test func plainHTTPToARemoteHostIsRefused() throws {
        let run = try Run.permaudit(["sync", "--graph-url", "http://graph.example.com"], in: try Fixtures.temporaryDirectory(), environment: Self.token)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: --graph-url http://graph.example.com: plain http:// is allowed only for loopback addresses; use https://\n")
    }

    @Test func checkReportsCountsAndWritesNothing() throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        let folder = try Fixtures.temporaryDirectory()
        let run = try Self.sync(fake, ["--check"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("tenant: 84841066-274d-4ec0-a5c1-276be684bdd3\n"))
        #expect(run.stdout.contains("service principals: 2\ndelegated grants: 3\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("db.sqlite").path))
    }

    /// Where a sync is killed: while a request is in flight, everything before it committed.
    enum KillPoint: String, CaseIterable, Sendable {
        case secondPageOfServicePrincipals, secondPageOfGrants, firstAppRoleListing
        /// Mid fan-out: the second page of a resource's assignments, its first page committed.
        case secondPageOfAnAppRoleListing
        /// Between collections: the service principals' end count, their pages read, the fan-out not begun.
        case endCountOfServicePrincipals
        /// Before the snapshot: the grants' end count once the fan-out has been asked, every listing's pages read.
        case lastCountBeforeTheSnapshot

        /// Whether `request` is the one held while the sync is killed; `earlier`: the requests before it.
        func stalls(_ request: FakeRequest, earlier: [FakeRequest]) -> Bool {
            let later = request.query["$skiptoken"] != nil
            func asked(_ suffix: String) -> Bool { earlier.contains { $0.path.hasSuffix(suffix) } }
            switch self {
            case .secondPageOfServicePrincipals: return later && request.path.hasSuffix("/servicePrincipals")
            case .secondPageOfGrants: return later && request.path.hasSuffix("/oauth2PermissionGrants")
            case .firstAppRoleListing: return request.path.hasSuffix("/appRoleAssignedTo")
            case .secondPageOfAnAppRoleListing: return later && request.path.hasSuffix("/appRoleAssignedTo")
            case .endCountOfServicePrincipals: return request.path.hasSuffix("/servicePrincipals/$count") && asked("/servicePrincipals")
            case .lastCountBeforeTheSnapshot:
                return request.path.hasSuffix("/oauth2PermissionGrants/$count") && asked("/oauth2PermissionGrants") && asked("/appRoleAssignedTo")
            }
        }

        /// The grants' end count waits (a few seconds at most) for the fan-out to be asked, so that it is the last request.
        func waitsForTheFanOut(_ request: FakeRequest) -> Bool {
            self == .lastCountBeforeTheSnapshot && request.path.hasSuffix("/oauth2PermissionGrants/$count")
        }

        /// The listings whose first page, committed before the kill, a resumed sync must not ask for again.
        var committedListings: [String] {
            switch self {
            case .secondPageOfGrants: ["/oauth2PermissionGrants"]
            case .secondPageOfAnAppRoleListing: ["/servicePrincipals", "/appRoleAssignedTo"]
            case .lastCountBeforeTheSnapshot: ["/servicePrincipals", "/oauth2PermissionGrants"]
            default: ["/servicePrincipals"]
            }
        }
    }

    /// The sample of Graph's documentation, with a second assignment of Microsoft Graph's roles (a user's default
    /// access), so that a resource's listing has two pages of one.
    private static func tenantWithTwoAssignments() throws -> FakeTenant {
        var tenant = try FakeTenant.graphDocs()
        tenant.assignments.append([
            "id": "second-assignment-of-graph", "appRoleId": "00000000-0000-0000-0000-000000000000", "createdDateTime": "2023-01-02T03:04:05Z",
            "principalDisplayName": "MOD Administrator", "principalId": "cdb555e3-b33e-4fd5-a427-17fadacbdfa7", "principalType": "User",
            "resourceDisplayName": "Microsoft Graph", "resourceId": "7ea9e944-71ce-443d-811c-71e8047b557a",
        ])
        return tenant
    }

    /// Killed while a request is in flight, then resumed: `sync status` shows the killed run interrupted, the
    /// pages committed before stay (not asked for again), and the snapshot equals an uninterrupted sync's.
    @Test(arguments: KillPoint.allCases)
    func killedThenResumedMakesTheSameSnapshot(_ point: KillPoint) throws {
        let fake = try FakeGraph(try Self.tenantWithTwoAssignments())
        defer { fake.stop() }
        fake.pageSize = 1
        let held = HeldRequest()
        fake.fault = { [weak fake] request, number in
            guard let fake else { return nil }
            if point.waitsForTheFanOut(request) {
                for _ in 0..<100 where !fake.requests.contains(where: { $0.path.hasSuffix("/appRoleAssignedTo") }) {
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
            guard point.stalls(request, earlier: Array(fake.requests.prefix(number))) else { return nil }
            held.hold()
            return .stall(seconds: 5)
        }
        let folder = try Self.folder()
        let process = Process()
        process.executableURL = Run.binary
        process.arguments = ["sync", "-q", "--db", "db.sqlite", "--graph-url", fake.baseURL]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(Self.token) { $1 }
        try process.run()
        for _ in 0..<600 where !held.isHeld {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(held.isHeld, "the sync never reached \(point)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        fake.fault = nil

        let status = try Run.permaudit(["sync", "status", "--db", "db.sqlite", "--format", "csv"], in: folder)
        let runStatuses = Set(status.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[2] })
        #expect(runStatuses == ["interrupted"], "\(status.stdout)")
        let resumed = try Self.sync(fake, ["--resume"], in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for listing in point.committedListings {
            let firstPages = fake.requests.filter { $0.path.hasSuffix(listing) && $0.query["$skiptoken"] == nil }
            #expect(firstPages.count == 1, "\(listing) asked again")
        }
        let other = try Self.folder()
        #expect(try Self.sync(fake, in: other).status == 0)
        let hash = "SELECT contentHash FROM tenantSnapshot"
        #expect(try FaultTests.count(hash, db: "db.sqlite", in: folder) == FaultTests.count(hash, db: "db.sqlite", in: other))
        #expect(try FaultTests.count("SELECT count(*) FROM syncRun", db: "db.sqlite", in: folder) == "1")
        #expect(try FaultTests.count("SELECT status FROM syncRun", db: "db.sqlite", in: folder) == "complete")
        #expect(try FaultTests.count("PRAGMA integrity_check", db: "db.sqlite", in: folder) == "ok")
    }
}

/// Set by the fake server's thread when it holds the request the test kills the sync at.
private final class HeldRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var held = false

    func hold() { lock.withLock { held = true } }
    var isHeld: Bool { lock.withLock { held } }
}
