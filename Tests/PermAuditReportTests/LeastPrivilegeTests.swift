import Foundation
import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing
@testable import PermAuditReport

/// Least-privilege advice on the sample tenant (Seeds/sample-tenant, second week) with the sample activity
/// (Samples/graph-activity), against the real default catalog: one worked example per verdict.
@Suite struct LeastPrivilegeTests {
    static let built = Result<AppDatabase, any Error> {
        let database = try SeededDatabase.copy()
        for week in SampleTenant.weeks { _ = try Importer(database: database).importInputs(week) }
        _ = try Importer(database: database).importPaths([Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity").path])
        return database
    }

    static func verdicts(_ app: String) throws -> [String: String] {
        var filter = HoldingFilter()
        filter.app = app
        let advice = try OverprivilegedReport.advice(built.get(), filter: filter, from: nil, through: nil)
        return Dictionary(uniqueKeysWithValues: advice.flatMap(\.judgements).map {
            ($0.holding.permission ?? "?", $0.verdict.rawValue + ($0.suggested.isEmpty ? "" : " " + $0.suggested.joined(separator: ",")))
        })
    }

    /// Mail.Send is kept: its call answered 202, which a filter on 200 would have missed. GET /users/{upn}
    /// needs User.ReadBasic.All, not Directory.ReadWrite.All; the refused PATCH and the unknown beta path are
    /// listed, not counted as use.
    @Test func aWriteKeepsItsPermissionAndABroadOneIsDowngraded() throws {
        #expect(try Self.verdicts("Contoso Phish Catcher") == ["Mail.Send": "keep", "Directory.ReadWrite.All": "downgrade User.ReadBasic.All"])
        var filter = HoldingFilter()
        filter.app = "Contoso Phish Catcher"
        let advice = try #require(try OverprivilegedReport.advice(Self.built.get(), filter: filter, from: nil, through: nil).first)
        #expect(advice.denied.map { "\($0.method) \($0.template)" } == ["PATCH /users/{id}"])
        #expect(advice.unmatched.map(\.template) == ["/contoso/phishingsimulations/{id}"])
        #expect(advice.suggested == ["Mail.Send", "User.ReadBasic.All"])
    }

    /// Application: GET /users needs only User.ReadBasic.All (Kibali's least, same level as User.Read.All);
    /// the drive calls need Files.Read.All, kept.
    @Test func anApplicationPermissionIsDowngradedToTheLeastMarkedOne() throws {
        #expect(try Self.verdicts("Fabrikam Mailbox Backup") == ["Files.Read.All": "keep", "User.Read.All": "downgrade User.ReadBasic.All"])
    }

    /// Directory.Read.All's only call (GET /users) is allowed by User.ReadWrite.All, which PATCH needs anyway.
    @Test func aPermissionWhoseCallsOthersAllowIsRedundant() throws {
        let verdicts = try Self.verdicts("Dynamics 365 AI for Customer Insights")
        #expect(verdicts["User.ReadWrite.All"] == "keep")
        #expect(verdicts["Directory.Read.All"] == "redundant User.ReadWrite.All")
        #expect(verdicts["openid"] == "cannotJudge")
    }

    @Test func aPermissionNoCallNeedsIsUnusedAndAnAppWithoutCallsCannotBeJudged() throws {
        #expect(try Self.verdicts("Litware Reports") == ["Reports.Read.All": "keep", "User.Read": "unused"])
        // GET /me/messages needs only Mail.ReadBasic, but reading one message (GET /me/messages/{id}, in the CSV) needs Mail.Read.
        #expect(try Self.verdicts("Adatum Survey") == ["User.Read": "keep", "Mail.Read": "keep", "openid": "cannotJudge"])
        #expect(Set(try Self.verdicts("Northwind Call Assistant").values) == ["cannotJudge"])
    }

    /// The window: before 2026-11-07 Litware's calls of that day do not count, the 2026-11-05 ones do.
    @Test func theWindowBoundsTheCalls() throws {
        var filter = HoldingFilter()
        filter.app = "Litware Reports"
        let early = try OverprivilegedReport.advice(Self.built.get(), filter: filter, from: nil, through: "2026-11-06")
        #expect(early.flatMap(\.judgements).first { $0.holding.permission == "Reports.Read.All" }?.calls == 2)
        let none = try OverprivilegedReport.advice(Self.built.get(), filter: filter, from: "2026-11-08", through: nil)
        #expect(none.flatMap(\.judgements).allSatisfy { $0.verdict == .cannotJudge })
    }

    /// One permission for two calls beats two permissions, one for each (the research's GET /users and
    /// GET /users/delta example); a candidate with AlsoRequires brings what it requires.
    @Test func theCoverIsTheLeastSetNotTheUnionOfLeasts() {
        let cover = PermissionCover(levels: ["User.ReadBasic.All": 2, "User.Read.All": 3, "Policy.Read.All": 2, "X.Read": 1], held: [])
        let users: [PermissionCover.Option] = [.init(permissions: ["User.ReadBasic.All"], least: true, pathSetMethods: 1),
                                               .init(permissions: ["User.Read.All"], least: false, pathSetMethods: 1)]
        let delta: [PermissionCover.Option] = [.init(permissions: ["User.Read.All"], least: true, pathSetMethods: 1)]
        #expect(cover.least([users, delta]).set == ["User.Read.All"])
        let guarded: [PermissionCover.Option] = [.init(permissions: ["X.Read", "Policy.Read.All"], least: true, pathSetMethods: 1)]
        #expect(cover.least([guarded]).set == ["X.Read", "Policy.Read.All"])
        #expect(cover.least([users, delta]).alternatives.isEmpty)
    }

    /// An app's name with a line break and an escape stays inside its one line of the --fail-on message.
    @Test func aFailureIsOneSafeLinePerPermission() throws {
        var holding = try #require(try Self.built.get().latestHoldings().first)
        holding.clientDisplayName = "Evil\n::error::forged\u{1B}[2J"
        let judgement = LeastPrivilegeAdvice.Judgement(holding: holding, verdict: .unused, suggested: [], calls: 0, lastUsed: nil,
                                                       reason: "no call in the window needs it")
        let lines = OverprivilegedReport.failureMessage([judgement]).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("  unused: Evil\\u000a::error::forged\\u001b[2J ("))
    }

    @Test func theJSONRowsCarryTheContractsFields() throws {
        let advice = try OverprivilegedReport.advice(Self.built.get(), filter: HoldingFilter(), from: nil, through: nil)
        let json = OverprivilegedReport.render(advice, style: OutputStyle(.json))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.allSatisfy { Set($0.keys) == Set(OverprivilegedReport.columns) })
        #expect(rows.contains { $0["verdict"] as? String == "downgrade" && $0["suggested"] as? [String] == ["User.ReadBasic.All"] })
    }

    /// Two permissions that cost exactly the same for a call (same level, both marked least, neither held, the
    /// same path set): the first is suggested, the other kept as an alternative, not dropped.
    @Test func realTiesAreAlternatives() {
        let cover = PermissionCover(levels: ["A.Read.All": 2, "B.Read.All": 2, "C.Read.All": 3], held: [])
        let tie: [PermissionCover.Option] = [.init(permissions: ["A.Read.All"], least: true, pathSetMethods: 1),
                                             .init(permissions: ["B.Read.All"], least: true, pathSetMethods: 1),
                                             .init(permissions: ["C.Read.All"], least: true, pathSetMethods: 1)]
        let result = cover.least([tie])
        #expect(result.set == ["A.Read.All"] && result.exact)
        #expect(result.alternatives == [["B.Read.All"]])
        // Held already: no longer a tie, the held one wins alone.
        let held = PermissionCover(levels: cover.levels, held: ["B.Read.All"]).least([tie])
        #expect(held.set == ["B.Read.All"] && held.alternatives.isEmpty)
    }
}
