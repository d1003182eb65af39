import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// Graph activity logs: every export shape read, each request matched to the catalog's templates by walking
/// them (not by the look of an id), duplicates dropped, calls aggregated.
@Suite struct ActivityImportTests {
    static let templates = [
        "/users", "/users/{id}", "/users/{id}/messages", "/me", "/me/messages", "/users/{id}/drive/root:/{item-path}:/content",
        "/users/{id}/mailfolders/{id}/messages", "/groups/{id}/members", "/sites/{site-id}/lists",
        "/reports/getOffice365ActiveUserDetail(period={value})", "/drives/{id}/root/.../children", "/users/delta",
    ].map(ApiTemplate.key)

    static let tree = TemplateTree(keys: templates)

    static func match(_ uri: String, userId: String? = nil) -> String? {
        tree.match(RequestPath(uri), userId: userId).map { "\($0.template) \($0.kind.rawValue)" }
    }

    @Test func pathsMeetTheCatalogsTemplates() {
        #expect(Self.match("https://graph.microsoft.com/v1.0/users?$select=id") == "/users exact")
        #expect(Self.match("https://graph.microsoft.com/beta/Users/megan@contoso.example") == "/users/{id} exact")
        // A literal segment wins over a parameter: /users/delta is not /users/{id}.
        #expect(Self.match("https://graph.microsoft.com/v1.0/users/delta") == "/users/delta exact")
        // A well-known name is an id where the catalog has a parameter.
        #expect(Self.match("https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages") == "/users/{id}/mailfolders/{id}/messages exact")
        #expect(Self.match("https://graph.microsoft.com/v1.0/users/x/drive/root:/Backups/a%20b.zip:/content") == "/users/{id}/drive/root:/{id}:/content exact")
        #expect(Self.match("https://graph.microsoft.com/v1.0/reports/getOffice365ActiveUserDetail(period='D7')")
                == "/reports/getoffice365activeuserdetail() exact")
        #expect(Self.match("https://graph.microsoft.com/v1.0/groups/g1/members/$ref") == "/groups/{id}/members dollarStripped")
        #expect(Self.match("https://graph.microsoft.com/v1.0/drives/d/root/a/b/children") == "/drives/{id}/root/.../children exact")
        #expect(Self.match("https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com,1,2/lists") == "/sites/{id}/lists exact")
        #expect(Self.match("https://graph.microsoft.com/v1.0/applications/a/owners") == nil)
    }

    /// A delegated call on the signed-in user's own /users/{id} is the /me call it stands for.
    @Test func theCallersOwnUserIdIsMe() {
        #expect(Self.match("https://graph.microsoft.com/v1.0/users/U-1/messages", userId: "u-1") == "/me/messages meAlias")
        #expect(Self.match("https://graph.microsoft.com/v1.0/users/U-2/messages", userId: "u-1") == "/users/{id}/messages exact")
    }

    @Test func unmatchedPathsAreKeptByShape() {
        let path = RequestPath("https://graph.microsoft.com/beta/contoso/things/8f0c2a64-3f4b-4c47-9e5b-0a1b2c3d4e5f/parts/12?x=1")
        #expect(path.apiVersion == "beta")
        #expect(path.shapeKey == "/contoso/things/{id}/parts/{id}")
    }

    /// The storage record (camelCase, properties nested, numbers as strings), Log Analytics' PascalCase, a flat object.
    @Test func everyShapeOfARecordDecodes() throws {
        let storage: [String: Any] = [
            "time": "2026-07-16T02:00:45.0159703Z", "category": "MicrosoftGraphActivityLogs", "operationName": "Microsoft Graph Activity",
            "resultSignature": "200", "tenantId": "T",
            "properties": ["requestId": "R", "requestMethod": "post", "responseStatusCode": 201, "appId": "A",
                           "servicePrincipalId": "S", "C_Idtyp": "app", "requestUri": "https://graph.microsoft.com/beta/users/x", "apiVersion": "beta"],
        ]
        let record = try ActivityRecord.decode(storage).get()
        #expect(record.method == "POST" && record.status == 201 && record.scheme == .application && record.appId == "a")
        let pascal: [String: Any] = ["TimeGenerated": "2026-11-07T08:00:00Z", "RequestId": "R2", "RequestMethod": "GET",
                                     "RequestUri": "https://graph.microsoft.com/v1.0/me", "ResponseStatusCode": "200", "AppId": "B",
                                     "UserId": "U", "ServicePrincipalId": NSNull()]
        #expect(try ActivityRecord.decode(pascal).get().scheme == .delegated)
        guard case .failure(let problem) = ActivityRecord.decode(["RequestUri": "x", "RequestMethod": "GET", "AppId": "A"]) else {
            Issue.record("a record without a status decoded")
            return
        }
        #expect(problem.field == "responseStatusCode")
    }

    /// The fast path reads what the full decoder reads, record for record, and declines what it cannot read.
    @Test func theScannerAgreesWithTheDecoder() throws {
        let scanner = ActivityRecordScanner()
        let folder = Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("PT1H.json") }
        var lines = try files.flatMap { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).split(separator: "\r\n") }
        lines.append(#"{"RequestUri": "https://graph.microsoft.com/v1.0/me", "RequestMethod": "GET", "ResponseStatusCode": 204.0, "AppId": "A", "TimeGenerated": "2026-11-07T08:00:00Z", "tenantId": "outer", "properties": {"tenantId": "inner"}, "identity": {"appId": "not this"}}"#)
        #expect(lines.count > 30)
        for line in lines {
            let bytes = Data(line.utf8)
            let fast = try #require(scanner.values(in: bytes), "declined: \(line)")
            let fields = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            #expect(String(describing: ActivityRecord.decode(fast)) == String(describing: ActivityRecord.decode(fields)), "\(line)")
        }
        for declined in [#"{"requestUri": "https://graph.microsoft.com/v1.0/users/a\u0040b"}"#, #"{"appId": "é"}"#, #"{"appId": "a""#] {
            #expect(scanner.values(in: Data(declined.utf8)) == nil, "\(declined)")
        }
        #expect(scanner.values(in: Data(#"{"userAgent": "a \"quoted\" agent", "appId": "x"}"#.utf8)) == ActivityFields(["appid": "x"]))
    }

    @Test func portalTimesBecomeISO8601() {
        #expect(ActivityTime.iso("11/6/2026, 7:05:09.123 PM") == "2026-11-06T19:05:09.123Z")
        #expect(ActivityTime.iso("1/16/2026, 12:00:00 AM") == "2026-01-16T00:00:00Z")
        #expect(ActivityTime.iso("2026-07-16T02:00:45.0159703Z") == "2026-07-16T02:00:45.0159703Z")
        #expect(ActivityTime.iso("yesterday") == nil)
    }

    @Test func duplicatesAreCountedOnceAndCallsAggregated() throws {
        var aggregator = ActivityAggregator(templates: [])
        let uri = "https://graph.microsoft.com/v1.0/users/x"
        for (id, status) in [("r1", 200), ("r1", 200), ("r2", 204), ("r3", 403)] {
            aggregator.add(ActivityRecord(time: "2026-11-05T09:00:0\(id.last!)Z", requestId: id, method: "GET", requestUri: uri, status: status,
                                          appId: "a", scheme: .application, userId: nil, tenantId: "t", apiVersion: nil))
        }
        let batch = aggregator.batch(fileSetHash: "h", formats: ["storage"])
        #expect(batch.recordsRead == 4 && batch.recordsDuplicate == 1 && batch.tenantId == "t")
        #expect(batch.calls.map { "\($0.statusClass) \($0.calls)" }.sorted() == ["2xx 2", "403 1"])
        #expect(batch.calls.allSatisfy { $0.matchKind == .unmatched && $0.template == "/users/x" })
    }

    /// The sample export (Samples/graph-activity) through the importer: both shapes, the duplicate dropped,
    /// re-importing it changes nothing, and a broken record stops the import with its place and nothing written.
    @Test func theSampleExportImports() throws {
        let database = try SeededDatabase.copy()
        let sample = Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity").path
        let report = try Importer(database: database).importPaths([sample])
        let activity = try #require(report.activity)
        #expect(activity.created && activity.recordsRead == 45 && activity.recordsDuplicate == 1)
        #expect(activity.firstEventAt?.hasPrefix("2026-11-05") == true && activity.lastEventAt?.hasPrefix("2026-11-07") == true)
        #expect(report.files.map(\.format).sorted() == ["Graph activity log (csv)", "Graph activity log (logAnalytics)", "Graph activity log (storage)",
                                                         "Graph activity log (storage)", "service principal sign-in activity"])
        let calls = try database.graphCalls()
        #expect(calls.reduce(0) { $0 + $1.calls } == 44)
        // The CSV's portal times (11/6/2026, 7:00:00.000 AM) are days like any other.
        #expect(calls.filter { $0.day == "2026-11-06" }.map(\.template).sorted() == ["/me/messages/{id}", "/users/{id}"])
        let signIns = try #require(try database.latestSignIns())
        #expect(signIns.asOf == "2026-11-08" && signIns.apps.count == 4)
        #expect(signIns.apps["a802ff08-f6c9-534a-9844-d337a324bad4"]?.delegatedClient == "2026-07-01T10:00:00Z")
        #expect(calls.contains { $0.template == "/me/sendmail" && $0.statusClass == "2xx" && $0.scheme == .delegated })
        #expect(calls.filter { $0.matchKind == .unmatched }.map(\.template) == ["/contoso/phishingsimulations/{id}"])
        #expect(try Importer(database: database).importPaths([sample]).activity?.created == false)

        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("PT1H.json")
        try Data("{\"category\":\"MicrosoftGraphActivityLogs\",\"operationName\":\"x\",\"properties\":{\"requestUri\":\"/v1.0/me\",\"requestMethod\":\"GET\",\"appId\":\"a\",\"time\":\"t\"}}\r\n".utf8).write(to: broken)
        #expect(throws: ImportError(file: broken.path, location: "line 1", problem: "responseStatusCode: expected an HTTP status code")) {
            try Importer(database: database).importPaths([broken.path])
        }
        #expect(try database.graphCalls().count == calls.count)
    }

    /// The totals stored at import (graphCallTotal) are the per-day rows added up: the advice's default window
    /// reads them, a narrower one adds up the days. (CommandLineTests: `check` finds an edited total.)
    @Test func theTotalsAreTheDaysAddedUp() throws {
        let database = try SeededDatabase.copy()
        let sample = Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity").path
        _ = try Importer(database: database).importPaths([sample])
        let perDay = try database.graphCalls()
        var added: [String: (calls: Int, day: String, first: String, last: String)] = [:]
        for call in perDay {
            let key = [call.appId, call.scheme.rawValue, call.method, call.template, call.matchKind.rawValue, call.statusClass].joined(separator: " ")
            let sum = added[key]
            added[key] = ((sum?.calls ?? 0) + call.calls, min(sum?.day ?? call.day, call.day),
                          min(sum?.first ?? call.firstSeen, call.firstSeen), max(sum?.last ?? call.lastSeen, call.lastSeen))
        }
        let totals = try database.graphCalls(summed: true)
        #expect(totals.count == added.count && totals.count < perDay.count)
        for total in totals {
            let key = [total.appId, total.scheme.rawValue, total.method, total.template, total.matchKind.rawValue, total.statusClass].joined(separator: " ")
            let sum = try #require(added[key])
            #expect((total.calls, total.day, total.firstSeen, total.lastSeen) == (sum.calls, sum.day, sum.first, sum.last), "\(key)")
        }
        // One day of the window: added up from that day's rows alone.
        let day = try database.graphCalls(from: "2026-11-06", through: "2026-11-06", summed: true)
        #expect(day.reduce(0) { $0 + $1.calls } == perDay.filter { $0.day == "2026-11-06" }.reduce(0) { $0 + $1.calls })
        #expect(try database.check().allSatisfy(\.passed))
    }

    /// Files are read on several threads but reported in their order: the first bad record of the first
    /// broken file stops the import, whichever thread meets a broken record first.
    @Test func theFirstBrokenFileInOrderIsReported() throws {
        let database = try SeededDatabase.copy()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = #"{"requestUri":"/v1.0/me","requestMethod":"GET","responseStatusCode":200,"appId":"a","time":"2026-11-05T09:00:00Z"}"#
        let bad = #"{"requestUri":"/v1.0/me","requestMethod":"GET","appId":"a","time":"2026-11-05T09:00:00Z"}"#
        // The first file breaks late (line 3,000), the second at once: the first file's error is the one reported.
        let first = folder.appendingPathComponent("a.json"), second = folder.appendingPathComponent("b.json")
        try (Array(repeating: good, count: 2999) + [bad]).joined(separator: "\n").write(to: first, atomically: true, encoding: .utf8)
        try [bad, good].joined(separator: "\n").write(to: second, atomically: true, encoding: .utf8)
        let expected = ImportError(file: first.path, location: "line 3000", problem: "responseStatusCode: expected an HTTP status code")
        for _ in 0..<3 {
            #expect(throws: expected) { try Importer(database: database).importPaths([first.path, second.path]) }
        }
        #expect(try database.graphCalls().isEmpty)
    }
}
