import Foundation
import PermAuditStore
import PermAuditSync
import Testing
@testable import PermAuditReport

/// Drift between the sample tenant and a second export made from it with known changes.
@Suite struct TenantDiffTests {
    typealias Objects = [[String: Any]]

    static func page(_ name: String) throws -> Objects {
        let input = try #require(CatalogSeeder.sampleTenantInputs.first { $0.name.hasSuffix(name) })
        return (try JSONSerialization.jsonObject(with: input.bytes) as! [String: Any])["value"] as! Objects
    }

    static func encode(_ collection: String, _ objects: Objects) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["@odata.context": "https://graph.microsoft.com/v1.0/$metadata#\(collection)", "value": objects])
    }

    /// The sample a week later: Northwind's consent revoked, Tailspin deleted, a new app with an admin
    /// scope, Adatum's per-user consent turned tenant-wide, one more Litware user, Fabrikam's Mail.Read role removed.
    static func changedExport() throws -> [(name: String, bytes: Data)] {
        var principals = try page("servicePrincipals-2026-11-01.json")
        var grants = try page("oauth2PermissionGrants-2026-11-01.json")
        var assignments = try page("appRoleAssignments-2026-11-01.json")
        func id(_ name: String) -> String { principals.first { $0["displayName"] as? String == name }!["id"] as! String }
        let graph = id("Microsoft Graph"), northwind = id("Northwind Call Assistant"), tailspin = id("Tailspin Legacy Connector")
        let adatum = id("Adatum Survey"), litware = id("Litware Reports"), fabrikam = id("Fabrikam Mailbox Backup")
        grants.removeAll { $0["clientId"] as? String == northwind || $0["clientId"] as? String == tailspin || $0["clientId"] as? String == adatum }
        assignments.removeAll { $0["principalId"] as? String == tailspin }
        principals.removeAll { $0["id"] as? String == tailspin }
        let mailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01"
        assignments.removeAll { $0["principalId"] as? String == fabrikam && $0["appRoleId"] as? String == mailRead }
        principals.append(["id": "phish-sp", "appId": "phish-app", "displayName": "Contoso Phish Catcher",
                           "appOwnerOrganizationId": "another-tenant", "servicePrincipalType": "Application"])
        grants.append(["id": "phish-grant", "clientId": "phish-sp", "consentType": "AllPrincipals", "principalId": NSNull(),
                       "resourceId": graph, "scope": "Directory.ReadWrite.All Mail.Send"])
        grants.append(["id": "adatum-all", "clientId": adatum, "consentType": "AllPrincipals", "principalId": NSNull(),
                       "resourceId": graph, "scope": "User.Read Mail.Read openid"])
        grants.append(["id": "litware-13", "clientId": litware, "consentType": "Principal", "principalId": "user-13",
                       "resourceId": graph, "scope": "User.Read Reports.Read.All"])
        let organization = CatalogSeeder.sampleTenantInputs.first { $0.name.contains("organization") }!
        return [
            (name: "organization-2026-11-08.json", bytes: organization.bytes),
            (name: "servicePrincipals-2026-11-08.json", bytes: try encode("servicePrincipals", principals)),
            (name: "oauth2PermissionGrants-2026-11-08.json", bytes: try encode("oauth2PermissionGrants", grants)),
            (name: "appRoleAssignments-2026-11-08.json", bytes: try encode("appRoleAssignments", assignments)),
        ]
    }

    static let diff: TenantDiff = {
        let database = try! AppDatabase.inMemory()
        try! CatalogSeeder.seed(database)
        // The later export first: import order must not matter.
        _ = try! Importer(database: database).importInputs(try! changedExport())
        _ = try! Importer(database: database).importInputs(CatalogSeeder.sampleTenantInputs)
        return try! TenantDiff.make(database, tenantId: nil, from: .previous, to: .latest)
    }()

    static func describe(_ h: PermissionHolding) -> String {
        "\(h.clientDisplayName ?? h.clientId) \(h.permission ?? "role \(h.permissionId ?? "")") \(h.kind.rawValue) \(h.consentType)"
    }

    @Test func listsExactlyTheChangesMade() throws {
        let diff = Self.diff
        #expect([diff.from.asOf, diff.to.asOf] == ["2026-11-01", "2026-11-08"])
        #expect(diff.appsAdded.map(\.displayName) == ["Contoso Phish Catcher"])
        #expect(diff.appsRemoved.map(\.displayName) == ["Tailspin Legacy Connector"])
        #expect(diff.added.map(Self.describe) == [
            "Contoso Phish Catcher Directory.ReadWrite.All delegated AllPrincipals",
            "Contoso Phish Catcher Mail.Send delegated AllPrincipals",
        ])
        #expect(Set(diff.removed.map(Self.describe)) == [
            "Northwind Call Assistant User.Read delegated AllPrincipals",
            "Northwind Call Assistant CallDelegation.ReadWrite delegated AllPrincipals",
            "Northwind Call Assistant Calendars.Read delegated AllPrincipals",
            "Northwind Call Assistant offline_access delegated AllPrincipals",
            "Fabrikam Mailbox Backup Mail.Read application Application",
            "Tailspin Legacy Connector User.Read delegated AllPrincipals",
            "Tailspin Legacy Connector Legacy.FullAccess delegated AllPrincipals",
            "Tailspin Legacy Connector role fbd08f20-5bfe-5d06-9bf6-58421f98f90c application Application",
        ])
        let changes = diff.changed.flatMap { entry in
            entry.changes.map { change -> String in
                guard case let .field(name, from, to) = change else { return "?" }
                return "\(Self.describe(entry.holding)): \(name) \(from ?? "-") -> \(to ?? "-")"
            }
        }
        #expect(Set(changes) == [
            "Adatum Survey User.Read delegated AllPrincipals: consentType Principal -> AllPrincipals",
            "Adatum Survey Mail.Read delegated AllPrincipals: consentType Principal -> AllPrincipals",
            "Adatum Survey openid delegated AllPrincipals: consentType Principal -> AllPrincipals",
            "Litware Reports User.Read delegated Principal: principalCount 12 -> 13",
            "Litware Reports Reports.Read.All delegated Principal: principalCount 12 -> 13",
        ])
        #expect(changes.count == 5)
    }

    @Test func newAdminConsentHoldingsComeFirst() {
        #expect(Self.diff.added.first?.permission == "Directory.ReadWrite.All")
        #expect(Self.diff.added.first?.requiresAdminConsent == true)
        #expect(Self.diff.added.last?.requiresAdminConsent == false)
    }

    @Test func jsonContract() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.diff.render(.json).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["tenantId", "from", "to", "appsAdded", "appsRemoved", "added", "removed", "changed"])
        let added = try #require((object["added"] as? [[String: Any]])?.first)
        for field in ["tenantId", "clientId", "clientAppId", "clientDisplayName", "resourceAppId", "permission", "kind", "consentType"] {
            #expect(added.keys.contains(field), "\(field)")
        }
        let changed = try #require((object["changed"] as? [[String: Any]])?.first)
        #expect(changed["changes"] is [[String: Any]])
    }
}
