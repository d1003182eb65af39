import Foundation
import PermAuditTestSupport
import Testing

/// `permaudit sync catalog` against a fake Graph on 127.0.0.1 that also serves the public files: each source a
/// snapshot of today, conditional requests, one failing source leaving the others stored.
@Suite struct SyncCatalogCommandTests {
    private static let token = ["PERMAUDIT_GRAPH_TOKEN": FakeGraph.token]
    private static let permissions = "/devx/permissions/new/permissions.json"
    private static let provisioning = "/devx/permissions/new/provisioningInfo.json"

    /// A fake Graph serving small cuts of the real sources: Kibali's two files, a v1.0 and a beta `$metadata`.
    private static func fake() throws -> FakeGraph {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        fake.files = [
            permissions: try Fixtures.data("kibali-permissions-2026-08-07.json"),
            provisioning: try Fixtures.data("kibali-provisioningInfo-2026-08-07.json"),
            "/v1.0/$metadata": try Fixtures.data("csdl/graph-v1.0-call-cut-2023-05-09.xml"),
            "/beta/$metadata": try Fixtures.data("csdl/shapes-2026-01-01.xml"),
        ]
        return fake
    }

    private static func folder() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        return folder
    }

    private static func syncCatalog(_ fake: FakeGraph, _ extra: [String] = [], in folder: URL, environment: [String: String] = token) throws -> Run {
        try Run.permaudit(["sync", "catalog", "--db", "db.sqlite", "--graph-url", fake.baseURL, "--format", "csv",
                           "--permissions-url", fake.baseURL + permissions, "--provisioning-info-url", fake.baseURL + provisioning] + extra,
                          in: folder, environment: environment)
    }

    /// Each source's (source, status) from the command's CSV.
    private static func statuses(_ run: Run) -> [[String]] {
        run.stdout.split(separator: "\r\n").dropFirst().map { line in Array(line.split(separator: ",").prefix(2).map(String.init)) }
    }

    private static func query(_ sql: String, in folder: URL) throws -> [String] {
        let run = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", sql], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\r\n").dropFirst().map(String.init)
    }

    @Test func everySourceIsASnapshotOfTodayThenUnchangedCostsOneSmallRequest() throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let folder = try Self.folder()
        let first = try Self.syncCatalog(fake, in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.statuses(first) == [["kibali permissions", "created"], ["kibali provisioningInfo", "created"], ["metadata v1.0", "created"],
                                         ["metadata beta", "created"], ["graph servicePrincipal", "created"]])
        let today = AsOfToday.text
        #expect(try Self.query("SELECT source || ' ' || asOf FROM catalogSnapshot ORDER BY id", in: folder)
            == ["kibali \(today)", "provisioningInfo \(today)", "servicePrincipal \(today)"])
        // The beta document is stored as beta, told by the name the sync gives it.
        #expect(try Self.query("SELECT apiVersion || ' ' || asOf FROM metadataSnapshot ORDER BY apiVersion", in: folder)
            == ["beta \(today)", "v1.0 \(today)"])
        #expect(fake.requests.filter { $0.path == "/v1.0/$metadata" || $0.path.hasPrefix("/devx/") }
            .allSatisfy { $0.headers["authorization"] == nil }, "the token goes to Graph's API only")

        let before = fake.requests.count
        let second = try Self.syncCatalog(fake, in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.statuses(second).map { $0[1] } == ["unchanged", "unchanged", "unchanged", "unchanged", "unchanged"])
        let again = fake.requests.dropFirst(before)
        #expect(again.count == 5, "one request a source")
        #expect(again.filter { $0.path.hasPrefix("/devx/") || $0.path.hasSuffix("/$metadata") }.allSatisfy { $0.headers["if-none-match"] != nil })
        #expect(try Self.query("SELECT count(*) FROM catalogSnapshot", in: folder) == ["3"])
        #expect(try Self.query("SELECT count(*) FROM metadataSnapshot", in: folder) == ["2"])
        #expect(try Self.query("SELECT count(*) FROM catalogFetch WHERE etag IS NOT NULL", in: folder) == ["4"])
    }

    @Test func aFailingSourceIsNamedExitsFourAndTheOthersAreStored() throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        fake.fault = { request, _ in
            request.path == Self.provisioning ? FakeGraph.error(404, "NotFound", "404: Not Found") : nil
        }
        let folder = try Self.folder()
        let run = try Self.syncCatalog(fake, in: folder)
        #expect(run.status == 4)
        #expect(Self.statuses(run).map { $0[1] } == ["created", "failed", "created", "created", "created"])
        #expect(run.stdout.contains("kibali provisioningInfo,failed,\(AsOfToday.text),HTTP 404\r\n"), "\(run.stdout)")
        #expect(run.stderr == "permaudit: sync catalog: kibali provisioningInfo failed (the other sources are stored); run permaudit sync catalog again\n")
        #expect(try Self.query("SELECT source FROM catalogSnapshot ORDER BY id", in: folder) == ["kibali", "servicePrincipal"])
    }

    @Test func aMirrorAnsweringWithAnotherFileImportsNothingForThatSource() throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let folder = try Self.folder()
        let run = try Self.syncCatalog(fake, ["--permissions-url", fake.baseURL + Self.provisioning], in: folder)
        #expect(run.status == 4)
        #expect(run.stdout.contains("kibali permissions,failed,\(AsOfToday.text),\"\(fake.baseURL)\(Self.provisioning) answered with "
            + "a provisioningInfo file, not a kibali file\"\r\n"), "\(run.stdout)")
        #expect(try Self.query("SELECT source FROM catalogSnapshot ORDER BY id", in: folder) == ["provisioningInfo", "servicePrincipal"])
    }

    @Test func withoutATokenTheServicePrincipalIsSkipped() throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let folder = try Self.folder()
        let run = try Self.syncCatalog(fake, in: folder, environment: ["PERMAUDIT_GRAPH_TOKEN": ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.statuses(run).last == ["graph servicePrincipal", "skipped"])
        #expect(fake.requests.allSatisfy { $0.headers["authorization"] == nil })
    }

    @Test func aChangedSourceTheSameDayKeepsTodaysSnapshot() throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let folder = try Self.folder()
        #expect(try Self.syncCatalog(fake, in: folder).status == 0)
        fake.files[Self.permissions] = try Fixtures.data("kibali-permissions-2023-03-07.json")
        let run = try Self.syncCatalog(fake, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.statuses(run).first == ["kibali permissions", "kept"])
        #expect(try Self.query("SELECT count(*) FROM catalogSnapshot WHERE source = 'kibali'", in: folder) == ["1"])
    }

    @Test func plainHTTPToARemoteMirrorIsRefused() throws {
        let run = try Run.permaudit(["sync", "catalog", "--permissions-url", "http://mirror.example.com/permissions.json"],
                                    in: try Fixtures.temporaryDirectory())
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: --permissions-url http://mirror.example.com/permissions.json: plain http:// is allowed only for loopback addresses; use https://\n")
    }
}
