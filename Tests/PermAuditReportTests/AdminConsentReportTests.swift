import Foundation
import PermAuditStore
import Testing
@testable import PermAuditReport

@Suite struct AdminConsentReportTests {
    static func holding(_ consentType: String, principals: Int? = nil, admin: Bool? = true) throws -> PermissionHolding {
        let json = """
            {"tenantId": "t", "asOf": "2026-11-01", "clientId": "\(UUID().uuidString)",
             "clientDisplayName": "An application with a very long display name indeed", "publisher": "thirdParty",
             "resourceId": "r", "resourceDisplayName": "Microsoft Graph", "permission": "DeviceManagementManagedDevices.PrivilegedOperations.All",
             "kind": "\(consentType == "Application" ? "application" : "delegated")", "consentType": "\(consentType)",
             "principalCount": \(principals.map(String.init) ?? "null"), "requiresAdminConsent": \(admin.map(String.init) ?? "null"),
             "privilegeLevel": 4}
            """
        return try JSONDecoder().decode(PermissionHolding.self, from: Data(json.utf8))
    }

    /// The report is written a piece at a time; the pieces joined must be the whole rendering, byte for byte.
    @Test(arguments: [ListingFormat.json, .csv, .tsv, .markdown, .table])
    func writtenInPiecesIsTheWholeReport(format: ListingFormat) throws {
        let rows = [try Self.holding("Application"), try Self.holding("AllPrincipals"), try Self.holding("Principal", principals: 3),
                    try Self.holding("AllPrincipals", admin: nil), try Self.holding("Principal", principals: 1)]
        for count in [0, 1, 4, 5] {
            let some = Array(rows.prefix(count))
            for size in [1, 2, 4096] {
                var written = ""
                AdminConsentReport.write(HoldingRows(some), style: OutputStyle(format), rowsPerPiece: size) { written += $0 }
                #expect(written == AdminConsentReport.render(some, format: format), "\(format) \(count) rows by \(size)")
            }
        }
    }

    @Test func theTableFitsOneHundredColumns() throws {
        let rows = [try Self.holding("Application"), try Self.holding("AllPrincipals"),
                    try Self.holding("Principal", principals: 12_345), try Self.holding("AllPrincipals", admin: nil)]
        let table = AdminConsentReport.render(rows, format: .table)
        for line in table.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
        #expect(table.contains("app role") && table.contains("all users") && table.contains("12k users"))
        #expect(table.split(separator: "\n")[5].contains("  ?  "), "unknown admin consent shows as ?")
    }

    @Test func theTableShowsTheMostDangerousFirstUnknownLast() throws {
        var rows = [try Self.holding("Application"), try Self.holding("AllPrincipals"), try Self.holding("Principal"), try Self.holding("Application")]
        rows[0].risk = HoldingRisk(level: .medium, levelSource: .kibali, tier: 0, tierSource: .entraOps)
        rows[1].risk = HoldingRisk(level: .critical, levelSource: .policy)
        rows[2].risk = HoldingRisk(tier: 0, tierSource: .azureTiering)
        rows[3].risk = HoldingRisk(level: .medium, levelSource: .msIdentityTools, tier: 1, tierSource: .policy)
        let sorted = AdminConsentReport.mostDangerousFirst(rows)
        #expect(sorted.map(\.consentType) == ["AllPrincipals", "Application", "Application", "Principal"])
        #expect(sorted.map { $0.risk?.tier } == [nil, 0, 1, 0])
        let table = AdminConsentReport.render(sorted, format: .table)
        #expect(table.hasSuffix("\nset by: P policy, K kibali, M msIdentityTools, E entraOps, T azureTiering\n"))
        #expect(AdminConsentReport.users(9_999) == "9999 users" && AdminConsentReport.users(250_000) == "250k users"
                && AdminConsentReport.users(1) == "1 user")
    }

    @Test func jsonHasEveryContractFieldEvenWhenNull() throws {
        let json = AdminConsentReport.render([try Self.holding("AllPrincipals", admin: nil)], format: .json)
        let object = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first)
        #expect(Set(object.keys) == Set(AdminConsentReport.fields))
        #expect(object["requiresAdminConsent"] is NSNull)
    }
}
