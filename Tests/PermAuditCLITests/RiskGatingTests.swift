import Foundation
import PermAuditTestSupport
import Testing

/// `--fail-on` on the sample tenant, run through the binary as a pipeline runs it: exit codes and the exact
/// holdings named. The second week adds Contoso Phish Catcher (Directory.ReadWrite.All and Mail.Send, tenant-wide)
/// and makes Adatum Survey's consent tenant-wide.
@Suite struct RiskGatingTests {
    /// The sample tenant with the default seeds (EntraOps, MSIdentityTools), made once and copied per test; a
    /// failure to make it fails each test that copies it instead of crashing the run.
    static let sample = Result<URL, any Error> {
        let folder = try Fixtures.temporaryDirectory()
        let run = try Run.permaudit(["import", "--sample", "--db", "db.sqlite"], in: folder)
        guard run.status == 0 else { throw SampleFailure(message: run.stderr) }
        return folder
    }

    struct SampleFailure: Error {
        var message: String
    }

    static func copyOfSample(importing fixtures: [String] = []) throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        try FileManager.default.copyItem(at: try sample.get().appendingPathComponent("db.sqlite"), to: folder.appendingPathComponent("db.sqlite"))
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
        #expect(run.stdout.hasPrefix("change,app,publisher,permission,kind,consentType,admin,risk,riskLevelSource,tier,tierSource,field,from,to,"
            + "exception,exceptionOwner,exceptionReason,textFlags\r\n"))
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
        #expect(valid.stdout.contains("added,Contoso Phish Catcher,thirdParty,Directory.ReadWrite.All,delegated,AllPrincipals,yes,critical,policy,0,policy,,,,"
            + "until 2026-12-31,secops@contoso.example,\"Phishing simulation vendor, contract CT-2026-114\",\r\n"))
        #expect(valid.stderr == "excepted: tier0: \(Self.phishCatcher) holds Directory.ReadWrite.All (delegated, AllPrincipals) on Microsoft Graph; "
            + "exception until 2026-12-31, owner secops@contoso.example\n")
        let expired = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "tier0", "--today", "2027-01-01", "--format", "csv"],
                                        in: folder)
        #expect(expired.status == 1)
        #expect(expired.stdout.contains(",critical,policy,0,policy,,,,EXPIRED 2026-12-31,secops@contoso.example,\"Phishing simulation vendor, contract CT-2026-114\",\r\n"))
        #expect(expired.stderr == """
            permaudit: --fail-on: 1 holding failed:
              tier0: \(Self.phishCatcher) holds Directory.ReadWrite.All (delegated, AllPrincipals) on Microsoft Graph; exception EXPIRED 2026-12-31, owner secops@contoso.example

            """)
        let withoutPolicy = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "risk>=critical", "--today", "2027-01-01", "-q"],
                                              in: try Self.copyOfSample())
        #expect(withoutPolicy.status == 0, "no seeded list calls anything in the sample's new holdings critical")
    }

    @Test func reportGatesItsRowsAndFiltersByRiskAndTier() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml", "tiers-own-sample-2025-10-30.json"])
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
        #expect(gate.stderr == """
            permaudit: --fail-on: 2 holdings failed:
              third-party-application-role: Fabrikam Mailbox Backup (c572105d-6d77-5d4a-8320-c81774d90b44) holds Files.Read.All (application, Application) on Microsoft Graph
              third-party-application-role: Fabrikam Mailbox Backup (c572105d-6d77-5d4a-8320-c81774d90b44) holds User.Read.All (application, Application) on Microsoft Graph

            """)
        let since = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--fail-on", "new-admin-consent"], in: folder)
        #expect(since.status == 2 && since.stderr.contains("needs --since"))
    }

    @Test func theLevelsAppearInEveryFormat() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml"])
        let base = ["report", "--admin-consent", "--db", "db.sqlite", "--app", "Contoso Phish Catcher", "--today", "2026-11-08", "--format"]
        let table = try Run.permaudit(base + ["table"], in: folder)
        #expect(table.stdout.contains("Directory.ReadWrite.All  all users  yes    critical/P  0/P   Microsoft G…\n"))
        #expect(table.stdout.contains("\nset by: P policy\n"))
        #expect(table.stdout.contains("exception: Contoso Phish Catcher Directory.ReadWrite.All (delegated): until 2026-12-31, owner secops@contoso.example"))
        let reason = "Phishing simulation vendor, contract CT-2026-114"
        let expected = [
            "csv": "critical,policy,0,policy,2026-12-31,true,secops@contoso.example,\"\(reason)\",\r\n",
            "tsv": "critical\tpolicy\t0\tpolicy\t2026-12-31\ttrue\tsecops@contoso.example\t\(reason)\t\r\n",
            "markdown": "| critical | policy | 0 | policy | 2026-12-31 | true | secops@contoso.example | \(reason) |  |\n",
        ]
        for (format, row) in expected {
            let run = try Run.permaudit(base + [format], in: folder)
            #expect(run.stdout.contains(row), "\(format): \(run.stdout)")
        }
        let json = try Run.permaudit(base + ["json"], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { $0["permission"] as? String == "Directory.ReadWrite.All" })
        #expect(row["riskLevel"] as? String == "critical" && row["riskLevelSource"] as? String == "policy")
        #expect(row["tier"] as? Int == 0 && row["tierSource"] as? String == "policy")
        #expect(row["exceptionOwner"] as? String == "secops@contoso.example" && row["exceptionReason"] as? String == reason)
    }

    /// diff tenant: compact in the table (`critical/P`, `0/P`, the exception in a line under it, as under the
    /// report), in full in CSV, TSV and Markdown.
    @Test func theDiffShowsLevelsTiersTheirSourcesAndExceptionsInEveryFormat() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml"])
        let base = ["diff", "tenant", "--db", "db.sqlite", "--today", "2026-11-08", "--format"]
        let table = try Run.permaudit(base + ["table"], in: folder, environment: ["COLUMNS": "400"])
        let line = try #require(table.stdout.split(separator: "\n").first { $0.contains("Directory.ReadWrite.All") })
        #expect(line.split(separator: " ", omittingEmptySubsequences: true).suffix(3) == ["yes", "critical/P", "0/P"])
        #expect(table.stdout.contains("\nset by: P policy"))
        #expect(table.stdout.contains("\nexception: Contoso Phish Catcher Directory.ReadWrite.All (delegated): until 2026-12-31, owner secops@contoso.example: "))
        let reason = "Phishing simulation vendor, contract CT-2026-114"
        let prefix = ["added", "Contoso Phish Catcher", "thirdParty", "Directory.ReadWrite.All", "delegated", "AllPrincipals", "yes",
                      "critical", "policy", "0", "policy", "", "", "", "until 2026-12-31", "secops@contoso.example"]
        let expected = [
            "csv": prefix.joined(separator: ",") + ",\"\(reason)\",\r\n",
            "tsv": (prefix + [reason, ""]).joined(separator: "\t") + "\r\n",
            "markdown": "| " + (prefix + [reason, ""]).joined(separator: " | ") + " |\n",
        ]
        for (format, row) in expected {
            let run = try Run.permaudit(base + [format], in: folder)
            #expect(run.stdout.contains(row), "\(format): \(run.stdout)")
        }
    }

    @Test func theBrokenTieringFileExitsTwoAndChangesNothing() throws {
        let folder = try Self.copyOfSample()
        let before = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", "SELECT count(*) FROM riskList"], in: folder)
        let run = try Run.permaudit(["import", "--db", "db.sqlite", Fixtures.path("risk/tiers-own-broken-2025-10-30.json")], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: \(Fixtures.path("risk/tiers-own-broken-2025-10-30.json")): line 29, column 5: "
            + "not valid JSON: expected ',' or ']', found '{'; a comma is missing before it\n")
        let after = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", "SELECT count(*) FROM riskList"], in: folder)
        #expect(after.stdout == before.stdout && before.stdout == "count(*)\r\n2\r\n")
    }

    /// The policy imported last is in effect; older imports stay, listed with their files.
    @Test func snapshotsListTheRiskListsAndWhichIsInEffect() throws {
        let folder = try Self.copyOfSample(importing: ["policy-example.yaml"])
        try Data(#"{"rules": [{"permission": "*", "tier": 2}]}"#.utf8).write(to: folder.appendingPathComponent("later.json"))
        let later = try Run.permaudit(["import", "--db", "db.sqlite", "--as-of", "2027-01-01", "later.json"], in: folder)
        #expect(later.status == 0, "\(later.stderr)")
        let run = try Run.permaudit(["snapshots", "--risk", "--db", "db.sqlite", "--format", "csv"], in: folder)
        let rows = run.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(5).joined(separator: ",") }
        let today = Date().formatted(.iso8601.year().month().day())
        #expect(rows == ["id,source,asOf,entryCount,inEffect", "1,entraOps,2026-03-08,615,true", "2,msIdentityTools,2024-01-31,56,true",
                         "3,policy,\(today),4,false", "4,policy,2027-01-01,1,true"])
        let tiers = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--tier", "0", "--format", "csv"], in: folder)
        #expect(tiers.stdout.split(separator: "\r\n").count == 1, "the later policy makes every holding tier 2")
    }

    /// A policy put back is in effect again: the policy imported last decides, whatever its as-of date. Run with
    /// dates that grow, shrink, and none (today for all).
    @Test(arguments: [["2026-01-01", "2026-02-01", "2026-03-01"], ["2027-01-01", "2026-01-01", "2025-01-01"], []])
    func aPolicyImportedAgainIsInEffectAgain(dates: [String]) throws {
        let folder = try Self.copyOfSample()
        try Data(#"{"rules": [{"permission": "*", "tier": 2}]}"#.utf8).write(to: folder.appendingPathComponent("all-tier2.json"))
        let example = Fixtures.path("risk/policy-example.yaml")
        func importing(_ file: String, _ index: Int) throws -> String {
            let date = dates.isEmpty ? [] : ["--as-of", dates[index]]
            let run = try Run.permaudit(["import", "--db", "db.sqlite"] + date + [file], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            return String(run.importNotes.split(separator: "\n").last ?? "")
        }
        func tierZero() throws -> [String] {
            let run = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--tier", "0", "--app", "Contoso Phish Catcher",
                                         "--format", "csv"], in: folder)
            return run.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[10]) }
        }
        let asOf = dates.isEmpty ? [String](repeating: Date().formatted(.iso8601.year().month().day()), count: 3) : dates
        #expect(try importing(example, 0) == "policy \(asOf[0]): new list #3, in effect (4 entries)")
        #expect(try tierZero() == ["Directory.ReadWrite.All"])
        #expect(try importing("all-tier2.json", 1) == "policy \(asOf[1]): new list #4, in effect (1 entry)")
        #expect(try tierZero() == [])
        #expect(try importing(example, 2) == "policy \(asOf[2]): list #3 already stored, import recorded, in effect (4 entries)")
        #expect(try tierZero() == ["Directory.ReadWrite.All"])
        let listing = try Run.permaudit(["snapshots", "--risk", "--db", "db.sqlite", "--format", "csv"], in: folder)
        let policies = listing.stdout.split(separator: "\r\n").filter { $0.contains(",policy,") }
            .map { $0.split(separator: ",").prefix(6).joined(separator: ",") }
        #expect(policies == ["3,policy,\(asOf[0]),4,false,3", "4,policy,\(asOf[1]),1,false,4", "5,policy,\(asOf[2]),4,true,3"])
    }

    /// A publisher's list dated earlier than the one in effect is kept, and the import says it is not in effect.
    @Test func anOlderListImportedLaterIsKeptButNotInEffect() throws {
        let folder = try Self.copyOfSample()
        let file = Fixtures.path("risk/entraops-classification-approles-2026-03-08.json")
        let older = try Run.permaudit(["import", "--db", "db.sqlite", "--as-of", "2025-01-01", file], in: folder)
        #expect(older.status == 0)
        #expect(older.importNotes.hasSuffix("entraOps 2025-01-01: new list #3, NOT in effect: list #1 as of 2026-03-08 stays in effect (12 entries)\n"))
        let newer = try Run.permaudit(["import", "--db", "db.sqlite", "--as-of", "2026-03-09", file], in: folder)
        #expect(newer.importNotes.hasSuffix("entraOps 2026-03-09: list #3 already stored, import recorded, in effect (12 entries)\n"))
    }

    /// A consent narrowed from all users to some is a change, never a new holding: a clean-up must not fail the
    /// pipeline. Widened (some users to all users), it is new and fails.
    @Test func aNarrowedConsentPassesTheGateAndAWidenedOneFails() throws {
        let folder = try Self.copyOfSample()
        // A third week: Contoso Phish Catcher's tenant-wide grant narrowed to one user.
        let third = try Self.exportWeek(folder, narrowed: true, asOf: "2026-11-15")
        #expect(third.status == 0, "\(third.stderr)")
        for rules in [["--fail-on", "tier0", "--fail-on", "third-party-admin-consent"], ["--fail-on", "risk>=low"]] {
            let diff = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--format", "csv"] + rules, in: folder)
            #expect(diff.status == 0, "\(diff.stderr)")
            #expect(diff.stdout.contains("changed,Contoso Phish Catcher,thirdParty,Directory.ReadWrite.All,delegated,Principal,"))
        }
        let since = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--since", "previous", "--fail-on", "new-admin-consent",
                                       "--format", "csv"], in: folder)
        #expect(since.status == 0, "\(since.stderr)")
        #expect(!since.stdout.contains("Contoso Phish Catcher"))
        // Back to tenant-wide the week after: widened, new, and the gate fails on both commands.
        let fourth = try Self.exportWeek(folder, narrowed: false, asOf: "2026-11-22")
        #expect(fourth.status == 0, "\(fourth.stderr)")
        let diff = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "third-party-admin-consent", "--format", "csv"], in: folder)
        #expect(diff.status == 1)
        #expect(diff.stderr == """
            permaudit: --fail-on: 2 holdings failed:
              third-party-admin-consent: \(Self.phishCatcher) holds Directory.ReadWrite.All (delegated, AllPrincipals) on Microsoft Graph
              third-party-admin-consent: \(Self.phishCatcher) holds Mail.Send (delegated, AllPrincipals) on Microsoft Graph

            """)
        let widened = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--since", "previous", "--fail-on", "new-admin-consent",
                                         "--app", "Contoso Phish Catcher", "--format", "csv"], in: folder)
        #expect(widened.status == 1)
        #expect(widened.stderr == """
            permaudit: --fail-on: 1 holding failed:
              new-admin-consent: \(Self.phishCatcher) holds Directory.ReadWrite.All (delegated, AllPrincipals) on Microsoft Graph

            """)
    }

    /// Contoso Phish Catcher's tenant-wide grant in the second week's export, and the same grant to one user.
    static let phishCatcherGrant = #""clientId":"d5d0070c-f501-5805-85e5-f432e3990f4f","consentType":"AllPrincipals","id":"dd804f90-8766-5486-99bf-cdc4dbdcb5c0","principalId":null"#
    static let phishCatcherGrantToOneUser = #""clientId":"d5d0070c-f501-5805-85e5-f432e3990f4f","consentType":"Principal","id":"dd804f90-8766-5486-99bf-cdc4dbdcb5c0","principalId":"0b1e7c55-0000-4000-8000-000000000001""#

    /// The second week's export as another week, `asOf`, with Contoso Phish Catcher's grant narrowed to one user or not.
    static func exportWeek(_ folder: URL, narrowed: Bool, asOf: String) throws -> Run {
        let week = folder.appendingPathComponent("week-\(asOf)")
        try FileManager.default.createDirectory(at: week, withIntermediateDirectories: true)
        let seeds = Fixtures.packageRoot.appendingPathComponent("Seeds/sample-tenant")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where name.contains("2026-11-08") {
            var text = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
            if narrowed && name.hasPrefix("oauth2PermissionGrants") {
                #expect(text.contains(phishCatcherGrant))
                text = text.replacingOccurrences(of: phishCatcherGrant, with: phishCatcherGrantToOneUser)
            }
            try text.write(to: week.appendingPathComponent(name.replacingOccurrences(of: "2026-11-08", with: asOf)), atomically: true, encoding: .utf8)
        }
        return try Run.permaudit(["import", "--db", "db.sqlite", week.path], in: folder)
    }

    /// Digits of another script (Arabic-Indic here) are not a date: one line, exit 2, nothing written.
    @Test func datesInOtherDigitsAreRefusedInOneLine() throws {
        let folder = try Self.copyOfSample()
        let date = "٢٠٢٦-١١-٢٩"
        let count = ["query", "--db", "db.sqlite", "--format", "csv", "SELECT (SELECT count(*) FROM riskImport) || ' ' || (SELECT count(*) FROM riskList)"]
        let before = try Run.permaudit(count, in: folder).stdout
        let today = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--today", date], in: folder)
        #expect(today.status == 2 && today.stderr == "permaudit: --today \(date): expected a date written YYYY-MM-DD\n")
        let diff = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--today", date], in: folder)
        #expect(diff.status == 2 && diff.stderr == "permaudit: --today \(date): expected a date written YYYY-MM-DD\n")
        try Data(#"{"rules": [{"permission": "*", "tier": 2}]}"#.utf8).write(to: folder.appendingPathComponent("p.json"))
        let asOf = try Run.permaudit(["import", "--db", "db.sqlite", "--as-of", date, "p.json"], in: folder)
        #expect(asOf.status == 2 && asOf.stderr == "permaudit: --as-of \(date): expected a date written YYYY-MM-DD\n")
        try Data("exceptions:\n  - app: x\n    permission: Mail.Read\n    reason: r\n    owner: o\n    expires: \"\(date)\"\n".utf8)
            .write(to: folder.appendingPathComponent("p.yaml"))
        let expires = try Run.permaudit(["import", "--db", "db.sqlite", "p.yaml"], in: folder)
        #expect(expires.status == 2 && expires.stderr == "permaudit: p.yaml: $.exceptions[0].expires: expected a date written YYYY-MM-DD, found \"\(date)\"\n")
        #expect(try Run.permaudit(count, in: folder).stdout == before && before.hasSuffix("\r\n2 2\r\n"))
    }

    /// An unknown rule is one line naming every rule; a rule given twice is one rule.
    @Test func failOnRulesAreCheckedInOneLineAndCountedOnce() throws {
        let folder = try Self.copyOfSample()
        let unknown = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "tier3"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "permaudit: --fail-on tier3: expected one of tier0, tier1, tier2, risk>=low|medium|high|critical, "
            + "new-admin-consent, third-party-admin-consent, third-party-application-role\n")
        let twice = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--format", "csv", "--fail-on", "third-party-admin-consent",
                                       "--fail-on", "third-party-admin-consent"], in: folder)
        #expect(twice.status == 1)
        #expect(twice.stderr.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("  third-party-admin-consent: ") })
    }

    /// A rule or exception that can match nothing is imported, and named in the note.
    @Test func aPolicyThatMatchesNothingIsNamedInTheImportNote() throws {
        let folder = try Self.copyOfSample()
        try Data("""
            rules:
              - permission: "User.Reed*"
                level: high
              - permission: "Mail.*"
                level: high
            exceptions:
              - app: Contoso Phish Catcher
                permission: Mail.Sendd
                reason: r
                owner: o
                expires: 2026-12-31
            """.utf8).write(to: folder.appendingPathComponent("p.yaml"))
        let run = try Run.permaudit(["import", "--db", "db.sqlite", "--as-of", "2026-11-08", "p.yaml"], in: folder)
        #expect(run.status == 0)
        #expect(run.importNotes.hasSuffix("policy 2026-11-08: new list #3, in effect (3 entries); warning: rules[0] matches no permission in the catalog; "
            + "warning: exceptions[0]: Mail.Sendd is not in the catalog; "
            + "warning: exceptions[0]: app Contoso Phish Catcher is not an appId or service principal id, so it matches no app\n"))
    }

    /// The README shows the policy file the tests import, word for word.
    @Test func theReadmeDocumentsThePolicyTheTestsUse() throws {
        let readme = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let policy = try String(contentsOfFile: Fixtures.path("risk/policy-example.yaml"), encoding: .utf8)
        #expect(readme.contains("```yaml\n" + policy + "```"))
    }
}
