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
        #expect(report.stderr == "permaudit: warning: tenant snapshot 1 (84841066-274d-4ec0-a5c1-276be684bdd3, \(AsOfToday.text)) was made by "
            + "permaudit sync from incomplete collections: oauth2PermissionGrants: received 3 unique objects, Graph counts 5\n")
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

    /// Where a sync is killed: while a page of a listing is in flight (the pages before it committed).
    enum KillPoint: String, CaseIterable, Sendable {
        case secondPageOfServicePrincipals, secondPageOfGrants, firstAppRoleListing

        func stalls(_ request: FakeRequest) -> Bool {
            let later = request.query["$skiptoken"] != nil
            switch self {
            case .secondPageOfServicePrincipals: return later && request.path.hasSuffix("/servicePrincipals")
            case .secondPageOfGrants: return later && request.path.hasSuffix("/oauth2PermissionGrants")
            case .firstAppRoleListing: return request.path.hasSuffix("/appRoleAssignedTo")
            }
        }

        /// The listing whose first page, committed before the kill, a resumed sync must not ask for again.
        var committedListing: String {
            self == .secondPageOfGrants ? "/oauth2PermissionGrants" : "/servicePrincipals"
        }
    }

    /// Killed while a page is in flight, then resumed: the pages committed before stay (not asked for again),
    /// and the snapshot equals an uninterrupted sync's.
    @Test(arguments: KillPoint.allCases)
    func killedThenResumedMakesTheSameSnapshot(_ point: KillPoint) throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.pageSize = 1
        fake.fault = { request, _ in point.stalls(request) ? .stall(seconds: 3) : nil }
        let folder = try Self.folder()
        let process = Process()
        process.executableURL = Run.binary
        process.arguments = ["sync", "-q", "--db", "db.sqlite", "--graph-url", fake.baseURL]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(Self.token) { $1 }
        try process.run()
        for _ in 0..<600 where !fake.requests.contains(where: point.stalls) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        fake.fault = nil

        let resumed = try Self.sync(fake, ["--resume"], in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let firstPages = fake.requests.filter { $0.path.hasSuffix(point.committedListing) && $0.query["$skiptoken"] == nil }
        #expect(firstPages.count == 1)
        let other = try Self.folder()
        #expect(try Self.sync(fake, in: other).status == 0)
        let hash = "SELECT contentHash FROM tenantSnapshot"
        #expect(try FaultTests.count(hash, db: "db.sqlite", in: folder) == FaultTests.count(hash, db: "db.sqlite", in: other))
        #expect(try FaultTests.count("SELECT count(*) FROM syncRun", db: "db.sqlite", in: folder) == "1")
        #expect(try FaultTests.count("PRAGMA integrity_check", db: "db.sqlite", in: folder) == "ok")
    }
}
