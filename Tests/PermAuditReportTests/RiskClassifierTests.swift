import Foundation
@testable import PermAuditStore
import Testing
@testable import PermAuditReport

@Suite struct RiskClassifierTests {
    static let graph = WellKnownApp.microsoftGraph
    /// User.Read.All is both an app role and a delegated scope, with different ids.
    static let userReadAllRole = "df021288-bdef-4463-88db-98f22de89214"
    static let userReadAllScope = "a154be20-db9c-4678-8ab7-66f6cc099a59"

    static func holding(_ permission: String, _ kind: PermissionKind, id: String? = nil, level: Int? = nil,
                        publisher: String = "thirdParty", app: String = "11111111-0000-0000-0000-000000000001") -> PermissionHolding {
        PermissionHolding(tenantId: "t", asOf: "2026-11-08", clientId: "sp-" + app, clientAppId: app, clientDisplayName: "App " + app.suffix(1),
                          publisher: publisher, resourceId: "graph-sp", resourceAppId: graph, resourceDisplayName: "Microsoft Graph",
                          permission: permission, permissionId: id, kind: kind,
                          consentType: kind == .application ? "Application" : "AllPrincipals", requiresAdminConsent: true,
                          privilegeLevel: level)
    }

    static let lists = CurrentRisk(entries: [
        .msIdentityTools: [
            RiskEntry(location: "line 2", resourceAppId: nil, kind: .delegated, permission: "Mail.ReadBasic", level: .medium),
            RiskEntry(location: "line 3", resourceAppId: nil, kind: .delegated, permission: "Mail", level: .high),
            RiskEntry(location: "line 4", resourceAppId: nil, kind: .delegated, permission: "MailboxSettings", level: .low),
        ],
        .azureTiering: [
            RiskEntry(location: "$[0]", resourceAppId: graph, kind: .application, permission: "Wrong.Name", permissionId: userReadAllRole.uppercased(), tier: 2),
        ],
        .entraOps: [
            RiskEntry(location: "$[0]", resourceAppId: graph, kind: .application, permission: "User.Read.All", tier: 1),
            RiskEntry(location: "$[1]", resourceAppId: graph, kind: .application, permission: "Directory.ReadWrite.All", tier: 0),
        ],
    ])

    static func classify(_ holding: PermissionHolding, _ risk: CurrentRisk = lists, today: String = "2026-11-08") -> HoldingRisk {
        RiskClassifier(risk, today: today).classify(holding)
    }

    /// As MSIdentityTools matches: the exact name first, else the part before the first dot; never a mere string prefix.
    @Test func msIdentityToolsMatchesExactThenNameRoot() {
        #expect(Self.classify(Self.holding("Mail.ReadBasic", .delegated)).level == .medium)
        #expect(Self.classify(Self.holding("Mail.ReadBasic.All", .delegated)).level == .high)
        #expect(Self.classify(Self.holding("Mail.Read", .delegated)).level == .high)
        #expect(Self.classify(Self.holding("MailboxSettings.Read", .delegated)).level == .low)
        #expect(Self.classify(Self.holding("Mail", .application)).level == nil, "entries are per kind")
        #expect(Self.classify(Self.holding("Mail.Read", .delegated)).levelSource == .msIdentityTools)
    }

    /// Tiers follow (resource, kind, id) where the source gives ids, (resource, kind, name) where it gives names.
    @Test func tiersAreKeyedByKindAndIdNeverByNameAlone() {
        let role = Self.classify(Self.holding("User.Read.All", .application, id: Self.userReadAllRole))
        #expect(role.tier == 1 && role.tierSource == .entraOps, "the lower of azure-tiering's 2 and EntraOps' 1")
        let scope = Self.classify(Self.holding("User.Read.All", .delegated, id: Self.userReadAllScope))
        #expect(scope.tier == nil, "neither list classifies the delegated scope of the same name")
        var onlyTiering = Self.lists
        onlyTiering.entries[.entraOps] = nil
        let byId = Self.classify(Self.holding("User.Read.All", .application, id: Self.userReadAllRole), onlyTiering)
        #expect(byId.tier == 2 && byId.tierSource == .azureTiering, "matched by id although the list's name is wrong")
        #expect(Self.classify(Self.holding("Wrong.Name", .application, id: "other"), onlyTiering).tier == nil)
    }

    @Test func theMostSevereListWinsAndThePolicyDecidesFirst() {
        let kibaliHigher = Self.classify(Self.holding("Mail.ReadBasic", .delegated, level: 4))
        #expect(kibaliHigher.level == .high && kibaliHigher.levelSource == .kibali)
        let tie = Self.classify(Self.holding("Mail.Read", .delegated, level: 4))
        #expect(tie.levelSource == .msIdentityTools)
        var withPolicy = Self.lists
        withPolicy.policy.rules = [
            PolicyRule(location: "rules[0]", permission: "Mail.*", kind: .application, level: .critical),
            PolicyRule(location: "rules[1]", permission: "Mail.Re?d", publisher: "thirdParty", level: .low),
            PolicyRule(location: "rules[2]", permission: "*", tier: 2),
            PolicyRule(location: "rules[3]", permission: "Mail.Read", level: .critical, tier: 0),
        ]
        let lowered = Self.classify(Self.holding("Mail.Read", .delegated, level: 4), withPolicy)
        #expect(lowered == HoldingRisk(level: .low, levelSource: .policy, tier: 2, tierSource: .policy), "first matching rule per field")
        let microsoft = Self.classify(Self.holding("Mail.Read", .delegated, publisher: "microsoft"), withPolicy)
        #expect(microsoft.level == .critical && microsoft.tier == 2)
    }

    @Test func anExceptionIsValidThroughItsExpiryDayAndExpiredAfter() throws {
        var risk = Self.lists
        risk.policy.exceptions = [PolicyException(location: "exceptions[0]", app: "11111111-0000-0000-0000-000000000001",
                                                  permission: "Directory.ReadWrite.All", kind: .application,
                                                  reason: "vendor", owner: "secops", expires: "2026-12-31")]
        let held = Self.holding("Directory.ReadWrite.All", .application)
        let other = Self.holding("Directory.ReadWrite.All", .application, app: "11111111-0000-0000-0000-000000000002")
        let onTheDay = RiskClassifier(risk, today: "2026-12-31").classified([held, other])
        #expect(onTheDay[0].risk?.exceptionValid == true && onTheDay[1].risk?.exception == nil)
        let gate = Gate(onTheDay, rules: [.tier(0)])
        #expect(gate.failed.map(\.holding.clientAppId) == ["11111111-0000-0000-0000-000000000002"])
        #expect(gate.excepted.map(\.holding.clientAppId) == ["11111111-0000-0000-0000-000000000001"])
        let dayAfter = Gate(RiskClassifier(risk, today: "2027-01-01").classified([held, other]), rules: [.tier(0)])
        #expect(dayAfter.failed.count == 2 && dayAfter.excepted.isEmpty)
        #expect(dayAfter.failureMessage == """
            --fail-on: 2 holdings failed:
              tier0: App 1 (11111111-0000-0000-0000-000000000001) holds Directory.ReadWrite.All (application, Application) on Microsoft Graph; exception EXPIRED 2026-12-31, owner secops
              tier0: App 2 (11111111-0000-0000-0000-000000000002) holds Directory.ReadWrite.All (application, Application) on Microsoft Graph
            """)
    }

    @Test func failOnRulesParseAndMatch() throws {
        #expect(["tier0", "risk>=high", "new-admin-consent", "third-party-admin-consent", "third-party-application-role"]
            .compactMap(FailOnRule.init).map(\.description) == ["tier0", "risk>=high", "new-admin-consent", "third-party-admin-consent",
                                                                 "third-party-application-role"])
        #expect(FailOnRule("tier3") == nil && FailOnRule("risk>=severe") == nil && FailOnRule("risk>high") == nil)
        var holding = Self.holding("Mail.Read", .delegated)
        holding.risk = HoldingRisk(level: .high)
        #expect(FailOnRule.riskAtLeast(.high).matches(holding) && !FailOnRule.riskAtLeast(.critical).matches(holding))
        #expect(FailOnRule.thirdPartyAdminConsent.matches(holding) && !FailOnRule.thirdPartyApplicationRole.matches(holding))
        holding.consentType = "Principal"
        holding.requiresAdminConsent = false
        #expect(!FailOnRule.newAdminConsent.matches(holding), "a user's own consent to a user-consentable scope")
    }

    @Test func namePatterns() {
        #expect(NamePattern.matches("Mail.*", "Mail.Read") && NamePattern.matches("*", "") && NamePattern.matches("*.All", "User.Read.All"))
        #expect(!NamePattern.matches("Mail.*", "MailboxSettings.Read") && !NamePattern.matches("mail.*", "Mail.Read"))
        #expect(NamePattern.matches("User.Read?All", "User.Read.All") && !NamePattern.matches("User.Read", "User.Read.All"))
    }

    /// The exception notes under the table quote the app's name and the policy's owner and reason: a line
    /// break or an escape in them stays inside the note's one line.
    @Test func anExceptionNoteIsOneSafeLine() {
        var holding = Self.holding("Mail.Read", .application)
        holding.clientDisplayName = "Evil\r\n::error::forged\u{1B}[2J"
        holding.risk = HoldingRisk(level: .high, levelSource: .policy, tier: nil, tierSource: nil,
                                   exception: PolicyException(location: "", app: "a", permission: "p", reason: "x\n##[add-mask]y",
                                                              owner: "o", expires: "2026-12-31"),
                                   exceptionValid: true)
        let notes = AdminConsentReport.render([holding], format: .table).components(separatedBy: "\n\n").last ?? ""
        #expect(notes.hasSuffix("exception: Evil\\u000d\\u000a::error::forged\\u001b[2J Mail.Read (application): until 2026-12-31, "
                                + "owner o: x\\u000a#\\u0023[add-mask]y\n"), "\(notes)")
    }

    @Test func everyFormatShowsLevelTierTheirSourcesAndExceptions() throws {
        var holding = Self.holding("DeviceManagementManagedDevices.PrivilegedOperations.All", .application)
        holding.clientDisplayName = "An application with a very long display name indeed"
        holding.risk = HoldingRisk(level: .critical, levelSource: .policy, tier: 0, tierSource: .azureTiering,
                                   exception: PolicyException(location: "", app: "a", permission: "p", reason: "vendor", owner: "secops",
                                                              expires: "2026-12-31"),
                                   exceptionValid: false)
        let table = AdminConsentReport.render([holding], format: .table)
        // The rows fit 100 columns; the exception notes below them are sentences.
        for line in table.components(separatedBy: "\n\n")[0].split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        #expect(table.contains("critical/P  0/T"))
        #expect(table.contains("\nset by: P policy, T azureTiering\n"))
        #expect(table.hasSuffix("exception: An application with a very long display name indeed DeviceManagementManagedDevices.PrivilegedOperations.All (application): EXPIRED 2026-12-31, owner secops: vendor\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(AdminConsentReport.render([holding], format: .json).utf8)) as? [[String: Any]])
        #expect(json[0]["riskLevel"] as? String == "critical" && json[0]["riskLevelSource"] as? String == "policy")
        #expect(json[0]["tier"] as? Int == 0 && json[0]["tierSource"] as? String == "azureTiering")
        #expect(json[0]["exceptionExpires"] as? String == "2026-12-31" && json[0]["exceptionValid"] as? Bool == false)
        for format in [ListingFormat.csv, .tsv, .markdown] {
            let text = AdminConsentReport.render([holding], format: format)
            #expect(text.contains("riskLevel") && text.contains("tierSource") && text.contains("azureTiering") && text.contains("2026-12-31"), "\(format)")
        }
    }
}
