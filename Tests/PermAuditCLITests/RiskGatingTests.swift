import Foundation
import PermAuditTestSupport
import Testing

/// `--fail-on` on the sample tenant, run through the binary as a pipeline runs it: exit codes and the exact
/// holdings named. The second week adds Contoso Phish Catcher (Directory.ReadWrite.All and Mail.Send, tenant-wide)
/// and makes Adatum Survey's consent tenant-wide.
@Suite struct RiskGatingTests {
    /// The sample tenant with the default seeds (EntraOps, MSIdentityTools), made once and copied per test.
    static let sample: URL = {
        let folder = try! Fixtures.temporaryDirectory()
        let run = try! Run.permaudit(["import", "--sample", "--db", "db.sqlite"], in: folder)
        precondition(run.status == 0, run.stderr)
        return folder
    }()

    static func copyOfSample(importing fixtures: [String] = []) throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        try FileManager.default.copyItem(at: sample.appendingPathComponent("db.sqlite"), to: folder.appendingPathComponent("db.sqlite"))
        if !fixtures.isEmpty {
            let run = try Run.permaudit(["import", "--db", "db.sqlite"] + fixtures.map { Fixtures.path("risk/" + $0) }, in: folder)
            #expect(run.status == 0, "\(run.stderr)")
        }
        return folder
    }

    static let phishCatcher = "Contoso Phish Catcher (815ecd63-a35e-5cfb-8c46-30f1dcf8b5bf)"

    @Test func newThirdPartyAdminConsentFailsNamingExactlyTheNewHoldings() throws {
        let folder = try Self.copyOfSample()
        let run = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--format", "csv", "--fail-on", "third-party-admin-consent"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr == """
            permaudit: --fail-on: 5 holdings failed:
              third-party-admin-consent: \(Self.phishCatcher) holds Directory.ReadWrite.All (delegated, AllPrincipals) on Microsoft Graph
              third-party-admin-consent: \(Self.phishCatcher) holds Mail.Send (delegated, AllPrincipals) on Microsoft Graph
              third-party-admin-consent: Adatum Survey (125b1422-32f8-57ca-b4ac-ab9a330554c4) holds Mail.Read (delegated, AllPrincipals) on Microsoft Graph
              third-party-admin-consent: Adatum Survey (125b1422-32f8-57ca-b4ac-ab9a330554c4) holds User.Read (delegated, AllPrincipals) on Microsoft Graph
              third-party-admin-consent: Adatum Survey (125b1422-32f8-57ca-b4ac-ab9a330554c4) holds openid (delegated, AllPrincipals) on Microsoft Graph

            """)
        #expect(run.stdout.hasPrefix("change,app,publisher,permission,kind,consentType,admin,risk,tier,field,from,to,exception\r\n"))
        let quiet = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(quiet.status == 0 && quiet.stdout == run.stdout)
        let noRoles = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "third-party-application-role"], in: folder)
        #expect(noRoles.status == 0, "the second week adds no application role")
    }

    /// The README's policy: Directory.ReadWrite.* is tier 0, with an exception for Contoso Phish Catcher through 2026-12-31.
    @Test func anExceptionCoversThroughItsExpiryDayAndFailsTheDayAfter() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml"])
        let valid = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "tier0", "--today", "2026-12-31", "--format", "csv"],
                                      in: folder)
        #expect(valid.status == 0)
        #expect(valid.stdout.contains("added,Contoso Phish Catcher,thirdParty,Directory.ReadWrite.All,delegated,AllPrincipals,yes,critical,0,,,,until 2026-12-31\r\n"))
        #expect(valid.stderr == "excepted: tier0: \(Self.phishCatcher) holds Directory.ReadWrite.All (delegated, AllPrincipals) on Microsoft Graph; "
            + "exception until 2026-12-31, owner secops@contoso.example\n")
        let expired = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "tier0", "--today", "2027-01-01", "--format", "csv"],
                                        in: folder)
        #expect(expired.status == 1)
        #expect(expired.stdout.contains(",critical,0,,,,EXPIRED 2026-12-31\r\n"))
        #expect(expired.stderr == """
            permaudit: --fail-on: 1 holding failed:
              tier0: \(Self.phishCatcher) holds Directory.ReadWrite.All (delegated, AllPrincipals) on Microsoft Graph; exception EXPIRED 2026-12-31, owner secops@contoso.example

            """)
        let withoutPolicy = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "risk>=critical", "--today", "2027-01-01", "-q"],
                                              in: try Self.copyOfSample())
        #expect(withoutPolicy.status == 0, "no seeded list calls anything in the sample's new holdings critical")
    }

    @Test func reportGatesItsRowsAndFiltersByRiskAndTier() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml", "azure-tiering-small-2025-10-30.json"])
        let critical = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--min-risk", "critical", "--format", "json",
                                          "--today", "2026-11-08"], in: folder)
        #expect(critical.status == 0, "\(critical.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(critical.stdout.utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty && rows.allSatisfy { $0["riskLevel"] as? String == "critical" && $0["riskLevelSource"] as? String == "policy" })
        let phish = try #require(rows.first { $0["clientDisplayName"] as? String == "Contoso Phish Catcher" })
        #expect(phish["exceptionExpires"] as? String == "2026-12-31" && phish["exceptionValid"] as? Bool == true)
        let tier1 = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--tier", "1", "--format", "csv"], in: folder)
        let lines = tier1.stdout.split(separator: "\r\n").dropFirst()
        #expect(!lines.isEmpty && lines.allSatisfy { $0.contains(",1,azureTiering,") || $0.contains(",1,entraOps,") })
        let gate = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--app", "Fabrikam Mailbox Backup",
                                      "--fail-on", "third-party-application-role", "--format", "csv"], in: folder)
        #expect(gate.status == 1)
        #expect(gate.stderr.split(separator: "\n").count == 1 + gate.stdout.split(separator: "\r\n").count - 1, "every row is a third-party role")
        let since = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--fail-on", "new-admin-consent"], in: folder)
        #expect(since.status == 2 && since.stderr.contains("needs --since"))
    }

    @Test func theLevelsAppearInEveryFormat() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml"])
        let base = ["report", "--admin-consent", "--db", "db.sqlite", "--app", "Contoso Phish Catcher", "--today", "2026-11-08", "--format"]
        let table = try Run.permaudit(base + ["table"], in: folder)
        #expect(table.stdout.contains("Directory.ReadWrite.All  all users  yes    critical  0"))
        #expect(table.stdout.contains("exception: Contoso Phish Catcher Directory.ReadWrite.All (delegated): until 2026-12-31, owner secops@contoso.example"))
        for format in ["csv", "tsv", "markdown", "json"] {
            let run = try Run.permaudit(base + [format], in: folder)
            #expect(run.stdout.contains("critical") && run.stdout.contains("policy") && run.stdout.contains("secops@contoso.example")
                    && run.stdout.contains("2026-12-31"), "\(format)")
        }
    }

    @Test func theBrokenTieringFileExitsTwoAndChangesNothing() throws {
        let folder = try Self.copyOfSample()
        let before = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", "SELECT count(*) FROM riskList"], in: folder)
        let run = try Run.permaudit(["import", "--db", "db.sqlite", Fixtures.path("risk/azure-tiering-broken-2025-10-30.json")], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: \(Fixtures.path("risk/azure-tiering-broken-2025-10-30.json")): line 29, column 5: "
            + "not valid JSON: expected ',' or ']', found '{'; a comma is missing before it\n")
        let after = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", "SELECT count(*) FROM riskList"], in: folder)
        #expect(after.stdout == before.stdout && before.stdout == "count(*)\r\n2\r\n")
    }

    /// Each source's latest list is in effect; older ones stay, listed with their files.
    @Test func snapshotsListTheRiskListsAndWhichIsInEffect() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml"])
        try Data(#"{"rules": [{"permission": "*", "tier": 2}]}"#.utf8).write(to: folder.appendingPathComponent("later.json"))
        let later = try Run.permaudit(["import", "--db", "db.sqlite", "--as-of", "2027-01-01", "later.json"], in: folder)
        #expect(later.status == 0, "\(later.stderr)")
        let run = try Run.permaudit(["snapshots", "--risk", "--db", "db.sqlite", "--format", "csv"], in: folder)
        let rows = run.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(5).joined(separator: ",") }
        #expect(rows == ["id,source,asOf,entryCount,inEffect", "1,entraOps,2026-03-08,615,true", "2,msIdentityTools,2024-01-31,56,true",
                         "3,policy,\(rows.count > 3 ? String(rows[3].split(separator: ",")[2]) : ""),4,false", "4,policy,2027-01-01,1,true"])
        let tiers = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--tier", "0", "--format", "csv"], in: folder)
        #expect(tiers.stdout.split(separator: "\r\n").count == 1, "the later policy makes every holding tier 2")
    }

    /// The README shows the policy file the tests import, word for word.
    @Test func theReadmeDocumentsThePolicyTheTestsUse() throws {
        let readme = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let policy = try String(contentsOfFile: Fixtures.path("risk/policy-example.yaml"), encoding: .utf8)
        #expect(readme.contains("```yaml\n" + policy + "```"))
    }
}
