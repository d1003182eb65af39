import Foundation
import PermAuditTestSupport
import Testing

/// `report --overprivileged` and `advise` through the binary, on the sample tenant and its sample activity.
@Suite struct LeastPrivilegeCommandTests {
    static func sampleWithActivity() throws -> URL {
        let folder = try RiskGatingTests.copyOfSample()
        let activity = Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity").path
        let run = try Run.permaudit(["import", "--db", "db.sqlite", activity], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("activity 2026-11-05 to 2026-11-07: new activity import #1 (45 requests, 1 duplicate dropped, "), "\(run.stderr)")
        return folder
    }

    /// Request URIs hold user names and ids: none is kept unless asked, then at most three per app and call,
    /// as the log wrote them.
    @Test func requestUrisAreKeptOnlyOnRequest() throws {
        let folder = try Self.sampleWithActivity()
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = ["query", "--db", "db.sqlite", "--format", "csv", "SELECT count(*) AS n FROM graphCallUri"]
        #expect(try Run.permaudit(count, in: folder).stdout == "n\r\n0\r\n")
        let copy = try RiskGatingTests.copyOfSample()
        defer { try? FileManager.default.removeItem(at: copy) }
        let activity = Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity").path
        let kept = try Run.permaudit(["import", "--keep-request-uris", "--db", "db.sqlite", activity], in: copy)
        #expect(kept.status == 0, "\(kept.stderr)")
        let rows = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", """
            SELECT template, uri FROM graphCallUri WHERE template = '/contoso/phishingsimulations/{id}'
            """], in: copy)
        #expect(rows.stdout.hasPrefix("template,uri\r\n/contoso/phishingsimulations/{id},https://graph.microsoft.com/"), "\(rows.stdout)")
        let most = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", """
            SELECT max(n) AS most FROM (SELECT count(*) AS n FROM graphCallUri GROUP BY importKey, appId, scheme, method, template)
            """], in: copy)
        #expect(["most\r\n1\r\n", "most\r\n2\r\n", "most\r\n3\r\n"].contains(most.stdout), "\(most.stdout)")
    }

    @Test func failOnUnusedExitsOneNamingThePermission() throws {
        let folder = try Self.sampleWithActivity()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["report", "--overprivileged", "--db", "db.sqlite", "--app", "Litware Reports", "--fail-on", "unused",
                                     "--format", "csv"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("activity window 2026-11-05 to 2026-11-07; advice for review"), "\(run.stderr)")
        #expect(run.stderr.contains("permaudit: --fail-on: 1 permission failed:\n  unused: Litware Reports (a802ff08-f6c9-534a-9844-d337a324bad4) "
                                    + "holds User.Read (delegated): no call in the window needs it\n"), "\(run.stderr)")
        #expect(run.stdout.hasPrefix("tenantId,clientId,clientAppId,clientDisplayName,publisher,resourceAppId,permission,kind,consentType,verdict,"))
        let clean = try Run.permaudit(["report", "--overprivileged", "--db", "db.sqlite", "--app", "Fabrikam Mailbox Backup",
                                       "--fail-on", "unused", "-q"], in: folder)
        #expect(clean.status == 0, "\(clean.stderr)")
    }

    @Test func adviseShowsCallsAndVerdicts() throws {
        let folder = try Self.sampleWithActivity()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["advise", "Contoso Phish Catcher", "--db", "db.sqlite", "--format", "table"], in: folder,
                                    environment: ["COLUMNS": "160"])
        #expect(run.status == 0, "\(run.stderr)")
        for line in ["suggested set: Mail.Send, User.ReadBasic.All", "denied, 403 (1)", "not in the catalog (1)",
                     "Directory.ReadWrite.All  downgrade  User.ReadBasic.All"] {
            #expect(run.stdout.contains(line), "\(line)\n\(run.stdout)")
        }
        let json = try Run.permaudit(["advise", "815ecd63-a35e-5cfb-8c46-30f1dcf8b5bf", "--db", "db.sqlite", "--format", "json"], in: folder)
        let advice = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(advice.first?["suggested"] as? [String] == ["Mail.Send", "User.ReadBasic.All"])
    }

    @Test(arguments: [
        (["advise", "No Such App"], "permaudit: no app named \"No Such App\" holds Microsoft Graph permissions in the latest tenant snapshot"),
        (["report", "--overprivileged", "--since", "previous"], "permaudit: --since with --overprivileged: expected a date, YYYY-MM-DD"),
        (["report", "--overprivileged", "--fail-on", "tier0"], "permaudit: --fail-on tier0 with --overprivileged: expected unused, downgrade, redundant"),
        (["report", "--admin-consent", "--overprivileged"], "permaudit: name one report: --admin-consent, --overprivileged or --unused"),
        (["report", "--unused", "--days", "0"], "permaudit: --days 0: expected a number of days, 1 or more"),
    ])
    func badRequestsExitTwo(arguments: [String], error: String) throws {
        let folder = try RiskGatingTests.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(arguments + ["--db", "db.sqlite"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(error), "\(run.stderr)")
    }

    /// From the sign-in report alone: Litware last signed in with a user 130 days before the report.
    @Test func unusedListsAppsWithoutASignIn() throws {
        let folder = try Self.sampleWithActivity()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["report", "--unused", "--days", "100", "--db", "db.sqlite", "--format", "json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let litware = try #require(rows.first)
        #expect(litware["clientDisplayName"] as? String == "Litware Reports" && litware["daysSince"] as? Int == 130)
        #expect(litware["permissions"] as? [String] == ["Reports.Read.All", "User.Read"] && litware["inReport"] as? Bool == true)
        #expect(!rows.contains { $0["clientDisplayName"] as? String == "Fabrikam Mailbox Backup" })
        #expect(rows.contains { $0["clientDisplayName"] as? String == "Northwind Call Assistant" && $0["inReport"] as? Bool == false })
        let recent = try Run.permaudit(["report", "--unused", "--days", "200", "--db", "db.sqlite", "--format", "csv", "--app", "Litware Reports"], in: folder)
        #expect(recent.stdout.split(separator: "\r\n").count == 1, "\(recent.stdout)")
    }

    @Test func withoutActivityTheReportSaysWhatToImport() throws {
        let folder = try RiskGatingTests.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["report", "--overprivileged", "--db", "db.sqlite", "--format", "json"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout == "[]\n")
        #expect(run.stderr.hasPrefix("no Graph activity imported yet"), "\(run.stderr)")
    }
}
