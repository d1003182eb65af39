import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// The synthetic Contoso tenant (Seeds/sample-tenant, thousands of grants) against the real default catalog.
@Suite struct SampleTenantTests {
    /// Built once and shared (the tests only read); a failure to build it fails each test that reads it
    /// instead of crashing the run.
    static let built = Result<AppDatabase, any Error> {
        let database = try SeededDatabase.copy()
        _ = try Importer(database: database).importInputs(SampleTenant.weeks[0])
        return database
    }

    static var database: AppDatabase { get throws { try built.get() } }

    static func objects(_ file: String) throws -> [[String: Any]] {
        let input = try #require(SampleTenant.weeks[0].first { $0.name.hasSuffix(file) })
        let page = try #require(try JSONSerialization.jsonObject(with: input.bytes) as? [String: Any])
        return try #require(page["value"] as? [[String: Any]])
    }

    /// The admin-consent holdings counted straight from the raw JSON, without permaudit's code: a scope
    /// counts when its resource publishes it as Admin or does not publish it (unknown); an app role
    /// assignment counts when it goes to a service principal and is not the default role.
    static func independentHoldings() throws -> Set<String> {
        var published: [String: [String: String]] = [:]
        for principal in try objects("servicePrincipals-2026-11-01.json") {
            let scopes = principal["oauth2PermissionScopes"] as? [[String: Any]] ?? []
            published[principal["id"] as! String] = Dictionary(
                scopes.map { ($0["value"] as! String, $0["type"] as! String) }, uniquingKeysWith: { a, _ in a })
        }
        var holdings = Set<String>()
        for grant in try objects("oauth2PermissionGrants-2026-11-01.json") {
            let resource = grant["resourceId"] as! String
            for value in Set((grant["scope"] as! String).split(whereSeparator: \.isWhitespace).map(String.init))
            where published[resource]?[value].map({ $0 == "Admin" }) ?? true {
                holdings.insert([grant["clientId"] as! String, resource, value, grant["consentType"] as! String].joined(separator: " "))
            }
        }
        for assignment in try objects("appRoleAssignments-2026-11-01.json")
        where assignment["principalType"] as? String == "ServicePrincipal"
            && assignment["appRoleId"] as? String != "00000000-0000-0000-0000-000000000000" {
            holdings.insert([assignment["principalId"] as! String, assignment["resourceId"] as! String,
                             assignment["appRoleId"] as! String, "Application"].joined(separator: " "))
        }
        return holdings
    }

    @Test func thousandsOfGrantsGiveExactlyTheIndependentlyCountedRows() throws {
        #expect(try Self.objects("oauth2PermissionGrants-2026-11-01.json").count > 2000)
        let rows = try Self.database.adminConsentHoldings()
        let reported = rows.map { row in
            [row.clientId, row.resourceId, row.kind == .application ? row.permissionId! : row.permission!, row.consentType]
                .joined(separator: " ")
        }
        #expect(Set(reported) == (try Self.independentHoldings()))
        #expect(reported.count == Set(reported).count, "one row per holding")
    }

    @Test func theNamedCasesAreThere() throws {
        var filter = HoldingFilter()
        filter.publisher = "thirdParty"
        let rows = try Self.database.adminConsentHoldings(filter)
        let callDelegation = try #require(rows.first { $0.permission == "CallDelegation.ReadWrite" })
        #expect(callDelegation.clientDisplayName == "Northwind Call Assistant")
        #expect(callDelegation.consentType == "AllPrincipals")
        #expect(callDelegation.requiresAdminConsent == true)
        #expect(rows.contains { $0.clientDisplayName == "Fabrikam Mailbox Backup" && $0.kind == .application && $0.permission == "Mail.Read" })
        #expect(rows.first { $0.clientDisplayName == "Litware Reports" }?.principalCount == 12)
        #expect(rows.filter { $0.requiresAdminConsent == nil }.map(\.clientDisplayName) == ["Tailspin Legacy Connector", "Tailspin Legacy Connector"])
        // Third-party first, then privilege level, highest first.
        let all = try Self.database.adminConsentHoldings()
        #expect(all.prefix(rows.count).allSatisfy { $0.publisher == "thirdParty" })
        #expect(rows.first?.privilegeLevel == 4)
    }

    @Test func inHouseAppsAreThisTenant() throws {
        var filter = HoldingFilter()
        filter.publisher = "thisTenant"
        let apps = Set(try Self.database.adminConsentHoldings(filter).compactMap(\.clientDisplayName))
        #expect(apps == ["Contoso Payroll", "Contoso Intranet"])
    }
}
