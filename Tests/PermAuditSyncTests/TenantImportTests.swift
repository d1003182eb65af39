import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

@Suite struct TenantImportTests {
    static let tenantFolder = Fixtures.path("tenant-graphdocs")
    static let catalog = ["kibali-permissions-2026-08-07.json", "powershell-GraphDelegateRoles-2026-08-19.json"].map(Fixtures.path)

    static func imported(tenantId: String? = nil) throws -> (AppDatabase, ImportReport) {
        let database = try AppDatabase.inMemory()
        let report = try Importer(database: database).importPaths(catalog + [tenantFolder], tenantId: tenantId)
        return (database, report)
    }

    /// (client, resource, scope, consentType) counted straight from the raw grants page, independently of permaudit.
    static func rawDelegatedHoldings() throws -> Set<String> {
        let page = try JSONSerialization.jsonObject(with: Fixtures.data("tenant-graphdocs/oauth2PermissionGrants-2026-11-01.json")) as! [String: Any]
        var holdings = Set<String>()
        for grant in page["value"] as! [[String: Any]] {
            for scope in (grant["scope"] as! String).split(whereSeparator: { $0 == " " }) {
                holdings.insert("\(grant["clientId"]!) \(grant["resourceId"]!) \(scope) \(grant["consentType"]!)")
            }
        }
        return holdings
    }

    @Test func theTenantIdComesFromTheOrganizationObject() throws {
        let (_, report) = try Self.imported()
        #expect(report.tenant?.tenantId == "84841066-274d-4ec0-a5c1-276be684bdd3")
        #expect(report.tenant?.asOf == "2026-11-01")
        #expect(report.tenant.map { [$0.servicePrincipalCount, $0.grantCount, $0.assignmentCount] } == [2, 3, 2])
    }

    @Test func everyDelegatedHoldingOfTheRawExportIsReported() throws {
        let (database, _) = try Self.imported()
        let delegated = try database.adminConsentHoldings().filter { $0.kind == .delegated }
        let reported = Set(delegated.map { "\($0.clientId) \($0.resourceId) \($0.permission ?? "") \($0.consentType)" })
        // Every scope here either needs admin consent or is unknown (its resource is not in the export).
        #expect(reported == (try Self.rawDelegatedHoldings()))
        #expect(delegated.count == reported.count)
    }

    @Test func resolvesAgainstTheResourceServicePrincipalThenTheCatalog() throws {
        let (database, _) = try Self.imported()
        var filter = HoldingFilter()
        filter.app = "My application"
        let rows = try database.adminConsentHoldings(filter)
        #expect(rows.map { "\($0.permission!) \($0.kind.rawValue) \($0.consentType)" }
            == ["User.Read.All delegated Principal", "Group.Read.All delegated Principal", "User.Read.All application Application"])
        #expect(rows.allSatisfy { $0.publisher == "thirdParty" && $0.requiresAdminConsent == true })
        #expect(rows[0].permissionId == "a154be20-db9c-4678-8ab7-66f6cc099a59")
        #expect(rows[0].principalCount == 1)
        #expect(rows[0].privilegeLevel == 3)
        #expect(rows[2].permissionId == "df021288-bdef-4463-88db-98f22de89214")
    }

    @Test func unknownScopesAreReportedAsUnknownNotDropped() throws {
        let (database, _) = try Self.imported()
        let unknown = try database.adminConsentHoldings().filter { $0.requiresAdminConsent == nil }
        #expect(unknown.count == (try Self.rawDelegatedHoldings()).filter { $0.hasPrefix("263a5b01") }.count)
    }

    @Test func userAssignmentsAndTheDefaultRoleAreStoredButAreNotAppPermissions() throws {
        let (database, _) = try Self.imported()
        #expect(try database.query("SELECT principalType, appRoleId FROM appRoleAssignment ORDER BY principalType").rows == [
            [.text("ServicePrincipal"), .text("df021288-bdef-4463-88db-98f22de89214")],
            [.text("User"), .text("00000000-0000-0000-0000-000000000000")],
        ])
        #expect(try database.adminConsentHoldings().filter { $0.kind == .application }.count == 1)
    }

    @Test func scopeStringsSplitOnAnyWhiteSpace() {
        let grant = TenantGrant(id: "g", clientId: "c", consentType: "AllPrincipals", principalId: nil, resourceId: "r",
                                scope: "  User.Read\tMail.Read\n\nUser.Read  openid ")
        #expect(grant.scopeValues == ["User.Read", "Mail.Read", "openid"])
        let unicode = TenantGrant(id: "g", clientId: "c", consentType: "AllPrincipals", principalId: nil, resourceId: "r",
                                  scope: "User.Read\u{00A0}Mail.Read\u{2003}Café.Read")
        #expect(unicode.scopeValues == ["User.Read", "Mail.Read", "Café.Read"])
    }

    @Test func withoutATenantIdTheImportFailsAndSaysWhatToDo() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: ImportError(file: "tenant export", problem: "no tenant id: give --tenant ID, or include the organization object (GET /organization)")) {
            try Importer(database: database).importPaths([Fixtures.path("tenant-graphdocs/oauth2PermissionGrants-2026-11-01.json")])
        }
        #expect(try database.query("SELECT count(*) FROM tenantSnapshot").rows == [[.integer(0)]])
    }

    @Test func eachTenantSeesOnlyItsOwnRows() throws {
        let database = try AppDatabase.inMemory()
        let grants = Fixtures.path("tenant-graphdocs/oauth2PermissionGrants-2026-11-01.json")
        _ = try Importer(database: database).importPaths([grants], tenantId: "tenant-a")
        _ = try Importer(database: database).importPaths([grants], asOf: "2026-11-02", tenantId: "tenant-b")
        var filter = HoldingFilter()
        filter.tenantIds = ["tenant-a"]
        let a = try database.adminConsentHoldings(filter)
        #expect(!a.isEmpty && a.allSatisfy { $0.tenantId == "tenant-a" })
        #expect(try database.adminConsentHoldings().count == 2 * a.count)
    }

    @Test func reimportIsANoOp() throws {
        let (database, _) = try Self.imported()
        let again = try Importer(database: database).importPaths(Self.catalog + [Self.tenantFolder])
        #expect(again.tenant?.created == false)
        #expect(try database.query("SELECT count(*) FROM tenantSnapshot").rows == [[.integer(1)]])
    }

    @Test func duplicatesAcrossPagesAreKeptOnceAndConflictsNameBothPlaces() throws {
        let page = try Fixtures.data("tenant-graphdocs/oauth2PermissionGrants-2026-11-01.json")
        let database = try AppDatabase.inMemory()
        let report = try Importer(database: database).importInputs(
            [(name: "page1.json", bytes: page), (name: "page2.json", bytes: page)], tenantId: "t")
        #expect(report.tenant?.grantCount == 3)
        let changed = Data(String(decoding: page, as: UTF8.self).replacingOccurrences(of: "User.Read Group.ReadWrite.All", with: "User.Read").utf8)
        let error = try #require(throws: ImportError.self) {
            try Importer(database: AppDatabase.inMemory()).importInputs(
                [(name: "page1.json", bytes: page), (name: "page2.json", bytes: changed)], tenantId: "t")
        }
        #expect(error.description.hasPrefix("page2.json: $.value[0]: object AVs6JuUDjkCFV7q2gd8QTPimBBgj5iBFj0C6GwwRxC0 differs from the one with the same id at page1.json: $.value[0]"))
    }

    @Test func powerShellPascalCaseGrantsAreRead() throws {
        let json = #"[{"ClientId": "c1", "ConsentType": "Principal", "Id": "g1", "PrincipalId": "u1", "ResourceId": "r1", "Scope": "Mail.Read"}]"#
        let report = try Importer(database: AppDatabase.inMemory()).importInputs(
            [(name: "Get-MgOauth2PermissionGrant.json", bytes: Data(json.utf8))], tenantId: "t")
        #expect(report.tenant?.grantCount == 1)
        #expect(report.files.first?.format == "tenant oauth2PermissionGrants")
    }
}

@Suite struct TenantCollectionTests {
    @Test(arguments: [
        ("https://graph.microsoft.com/v1.0/$metadata#servicePrincipals", TenantCollection.servicePrincipals),
        ("https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(id,displayName,appId,appRoles)", .servicePrincipals),
        ("https://graph.microsoft.com/v1.0/$metadata#oauth2PermissionGrants", .oauth2PermissionGrants),
        ("https://graph.microsoft.com/v1.0/$metadata#appRoleAssignments", .appRoleAssignments),
        ("https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('8e881353-1735-45af-af21-ee1344582a4d')/appRoleAssignedTo", .appRoleAssignments),
        ("https://graph.microsoft.com/v1.0/$metadata#organization", .organization),
    ])
    func theCollectionIsNamedByTheODataContext(context: String, collection: TenantCollection) {
        #expect(TenantCollection.fromContext(context) == collection)
    }

    @Test func elseByTheFileNameElseByTheShape() {
        #expect(TenantCollection.fromFileName("exports/Get-MgOauth2PermissionGrant-page3.json") == .oauth2PermissionGrants)
        #expect(TenantCollection.fromFileName("sp-appRoleAssignedTo.ndjson") == .appRoleAssignments)
        #expect(TenantCollection.fromFileName("page1.json") == nil)
        #expect(TenantCollection.fromShape(["clientid", "consenttype", "scope"]) == .oauth2PermissionGrants)
        #expect(TenantCollection.fromShape(["approleid", "principaltype", "resourceid"]) == .appRoleAssignments)
        #expect(TenantCollection.fromShape(["id", "appid", "serviceprincipaltype"]) == .servicePrincipals)
        #expect(TenantCollection.fromShape(["id", "tenanttype"]) == .organization)
        #expect(TenantCollection.fromShape(["id", "name"]) == nil)
    }
}
