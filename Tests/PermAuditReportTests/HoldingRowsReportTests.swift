import Foundation
@testable import PermAuditStore
import Testing
@testable import PermAuditReport

/// The report made from rows (classified by entry and publisher, sorted by ranks, JSON from fragments)
/// against the same report made holding by holding.
@Suite struct HoldingRowsReportTests {
    static let lists = RiskClassifierTests.lists

    /// Holdings of several apps and permissions, hostile names among them, some dated.
    static func holdings() -> [PermissionHolding] {
        var all: [PermissionHolding] = []
        let apps = ["11111111-0000-0000-0000-000000000001", "11111111-0000-0000-0000-000000000002", "11111111-0000-0000-0000-000000000003"]
        let permissions: [(String, PermissionKind, Int?)] = [
            ("Mail.Read", .delegated, 4), ("Mail.ReadBasic", .delegated, 2), ("Directory.ReadWrite.All", .application, 5),
            ("User.Read.All", .application, nil), ("MailboxSettings.Read", .delegated, 1),
        ]
        for (index, app) in apps.enumerated() {
            for (permission, kind, level) in permissions {
                var holding = RiskClassifierTests.holding(permission, kind, id: kind == .application ? RiskClassifierTests.userReadAllRole : nil,
                                                          level: level, publisher: index == 1 ? "microsoft" : "thirdParty", app: app)
                if kind == .delegated && index == 2 { (holding.consentType, holding.principalCount) = ("Principal", 12_345) }
                all.append(holding)
            }
        }
        all[1].clientDisplayName = "Evil\u{202E}gnp.exe \u{1B}[31m\"quoted\""
        all[5].verifiedPublisherName = "Micr\u{043E}soft"
        all[7].firstSeen = "2026-11-01"
        all[8].resourceDisplayName = nil
        return all
    }

    static var policy: CurrentRisk {
        var risk = lists
        risk.policy.rules = [PolicyRule(location: "rules[0]", permission: "Mail.*", publisher: "microsoft", level: .critical)]
        risk.policy.exceptions = [PolicyException(location: "exceptions[0]", app: "11111111-0000-0000-0000-000000000003",
                                                  permission: "Directory.ReadWrite.All", kind: .application,
                                                  reason: "vendor \"X\"", owner: "secops", expires: "2026-12-31")]
        return risk
    }

    @Test func rowsGiveBackTheHoldingsTheyWereMadeOf() {
        let holdings = Self.holdings()
        let rows = HoldingRows(holdings)
        #expect(Array(rows) == holdings)
        #expect(rows.apps.count < 2 * holdings.count, "each app stored once")
        var joined = rows
        joined.append(contentsOf: HoldingRows(Array(holdings.prefix(4))))
        #expect(Array(joined) == holdings + holdings.prefix(4))
    }

    @Test func classifyingRowsIsClassifyingEachHolding() {
        let classifier = RiskClassifier(Self.policy, today: "2026-11-08")
        let holdings = Self.holdings()
        let classified = Array(classifier.classified(HoldingRows(holdings)))
        #expect(classified.map(\.risk) == holdings.map { Optional(classifier.classify($0)) })
        #expect(classified.contains { $0.risk?.exception != nil } && classified.contains { $0.risk?.levelSource == .policy })
    }

    @Test func theMostDangerousComeFirstAndTiesKeepTheirOrder() {
        let holdings = RiskClassifier(Self.policy, today: "2026-11-08").classified(Self.holdings())
        let sorted = Array(AdminConsentReport.mostDangerousFirst(HoldingRows(holdings)))
        func key(_ holding: PermissionHolding) -> Int {
            let levels = RiskLevel.allCases.count
            return (holding.risk?.level.map { levels - 1 - RiskLevel.allCases.firstIndex(of: $0)! } ?? levels) * 4 + (holding.risk?.tier ?? 3)
        }
        let expected = holdings.enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }.map(\.element)
        #expect(sorted == expected)
    }

    /// The JSON written from fragments is what the cell-by-cell rendering writes, byte for byte: escapes,
    /// text flags, exceptions, dates and user counts included, in pieces of any size.
    @Test func jsonFromFragmentsIsTheCellByCellJSON() throws {
        let holdings = RiskClassifier(Self.policy, today: "2026-11-08").classified(Self.holdings())
        let reference = AdminConsentReport.full(holdings).render(.json)
        #expect(reference.contains("textFlags\": \"clientDisplayName (") && reference.contains("\\u202e"))
        for size in [1, 4, 4096] {
            var written = ""
            AdminConsentReport.write(HoldingRows(holdings), style: OutputStyle(.json), rowsPerPiece: size) { written += $0 }
            #expect(written == reference, "pieces of \(size)")
        }
        #expect(try JSONSerialization.jsonObject(with: Data(reference.utf8)) is [[String: Any]])
    }
}
