import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

@Suite struct CatalogImportTests {
    static let currentFiles = [
        "kibali-permissions-2026-08-07.json", "kibali-provisioningInfo-2026-08-07.json",
        "powershell-GraphDelegateRoles-2026-08-19.json", "powershell-GraphAppRoles-2026-08-19.json",
    ]

    static func importing(_ names: [String], into database: AppDatabase? = nil, asOf: String? = nil) throws -> (AppDatabase, ImportReport) {
        let database = try database ?? AppDatabase.inMemory()
        let report = try Importer(database: database).importPaths(names.map { $0.hasPrefix("/") ? $0 : Fixtures.path($0) }, asOf: asOf)
        return (database, report)
    }

    @Test func perSourceAdminConsentFlagsAndTheDisagreement() throws {
        let (database, _) = try Self.importing(Self.currentFiles)
        let details = try #require(try database.permissionDetails(named: "CallDelegation.ReadWrite").first)
        #expect(details.permission.kind == .delegated)
        #expect(details.permission.permissionId == "599abf67-f72b-4b5f-98a3-cb38fe646118")
        #expect(details.permission.requiresAdminConsent == true)
        #expect(details.permission.requiresAdminConsentSource == "servicePrincipal")
        #expect(details.permission.kibaliRequiresAdminConsent == false)
        #expect(details.permission.servicePrincipalRequiresAdminConsent == true)
        #expect(details.permission.consentFlagsDisagree)
        #expect(details.permission.privilegeLevel == 2)
        #expect(Set(details.apiPaths.map { "\($0.method) \($0.path)" }).count == 14)
    }

    @Test func aNameThatIsBothARoleAndAScopeKeepsTwoGUIDs() throws {
        let (database, _) = try Self.importing(Self.currentFiles)
        let userReadAll = try database.permissionDetails(named: "User.Read.All")
        #expect(userReadAll.map(\.permission.kind) == [.application, .delegated])
        #expect(userReadAll.map(\.permission.permissionId) == ["df021288-bdef-4463-88db-98f22de89214", "a154be20-db9c-4678-8ab7-66f6cc099a59"])
        // The one name in the real data whose role and scope share a GUID.
        let export = try database.permissionDetails(named: "User.Export.All").map(\.permission.permissionId)
        #expect(export.count == 2 && export[0] == export[1])
    }

    @Test func namesDifferingOnlyByCaseAreBothKept() throws {
        let (database, _) = try Self.importing(["kibali-permissions-2026-08-07.json"])
        #expect(try database.permissionDetails(named: "Calls.JoinGroupCallasGuest.All").count == 1)
        #expect(try database.permissionDetails(named: "Calls.JoinGroupCallAsGuest.All").count == 1)
    }

    @Test func theAsOfDateComesFromTheOptionThenTheFileName() throws {
        let (_, named) = try Self.importing(["kibali-permissions-2023-03-07.json"])
        #expect(named.files.map(\.asOf) == ["2023-03-07"])
        #expect(named.files.map(\.asOfOrigin) == ["file name"])
        let (_, explicit) = try Self.importing(["kibali-permissions-2023-03-07.json"], asOf: "2024-01-31")
        #expect(explicit.outcomes.map(\.asOf) == ["2024-01-31"])
    }

    @Test func reimportIsANoOpThatSaysSo() throws {
        let (database, first) = try Self.importing(Self.currentFiles)
        let snapshots = try database.catalogSnapshots()
        let (_, second) = try Self.importing(Self.currentFiles, into: database)
        #expect(first.outcomes.map(\.effect) == [.created, .created, .created])
        #expect(second.outcomes.map(\.effect) == [.unchanged, .unchanged, .unchanged])
        #expect(try database.catalogSnapshots() == snapshots)
    }

    @Test func scopesAndRolesFilesOfOneDateMakeOneSnapshot() throws {
        let (database, _) = try Self.importing(["powershell-GraphDelegateRoles-2026-08-19.json"])
        let (_, report) = try Self.importing(["powershell-GraphAppRoles-2026-08-19.json"], into: database)
        #expect(report.outcomes.map(\.effect) == [.extended])
        #expect(try database.catalogSnapshots().map(\.parts) == ["application,delegated"])
    }

    @Test func aBadFileAmongGoodOnesImportsNothing() throws {
        let folder = try Fixtures.temporaryDirectory()
        try Fixtures.data("kibali-permissions-2026-08-07.json").write(to: folder.appendingPathComponent("a-good.json"))
        try Data(#"{"permissions": {"Mail.Read": {"schemes": {"Application": {"privilegeLevel": "high"}}}}}"#.utf8)
            .write(to: folder.appendingPathComponent("b-bad.json"))
        let database = try AppDatabase.inMemory()
        let bad = folder.appendingPathComponent("b-bad.json").path
        #expect(throws: ImportError(file: bad, location: #"$.permissions["Mail.Read"].schemes.Application.privilegeLevel"#,
                                    problem: "expected a whole number: Expected to decode Int but found a string instead.")) {
            try Importer(database: database).importPaths([folder.path])
        }
        #expect(try database.catalogSnapshots().isEmpty)
        #expect(try database.query("SELECT count(*) FROM permission").rows == [[.integer(0)]])
    }

    @Test(arguments: [
        ("", "the file is empty; expected a JSON catalog or export"),
        ("  \n", "the file is empty; expected a JSON catalog or export"),
        (#"{"permissions": {"#, "not valid JSON"),
        ("[]", "unrecognised format: an empty list: nothing to tell its format from"),
        (#"{"hello": 1}"#, "unrecognised format: an object with properties hello"),
        (#"[{"Value": "Mail.Read", "Type": "Sometimes", "AdminConsentDisplayName": "x"}]"#, #"$[0].type: expected "Admin" or "User", found "Sometimes""#),
        (#"{"value": [{"allowedMemberTypes": ["Application"], "id": "x"}]}"#, #"$.value[0]: a permission without a "value" (its name)"#),
        (#"{"permissions": {"X": {"schemes": {"Delegated": {}}}}}"#, "unknown scheme \"Delegated\""),
        // A Graph page whose list is "Value": a document, refused as a tenant export (not streamed as an empty one).
        (#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals", "Value": [{"id": "x"}]}"#,
         "a tenant servicePrincipals export where a catalog file was expected"),
    ])
    func badInputGivesOneLineNamingTheFile(content: String, expected: String) throws {
        let error = try #require(throws: ImportError.self) {
            _ = try Importer(database: AppDatabase.inMemory()).importInputs([(name: "in.json", bytes: Data(content.utf8))])
        }
        #expect(error.description.hasPrefix("in.json: "))
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(!error.description.contains("\n"))
    }

    @Test func aMissingPathIsAnInputError() throws {
        #expect(throws: ImportError(file: "/nonexistent/x.json", problem: "no such file or directory")) {
            try Importer(database: AppDatabase.inMemory()).importPaths(["/nonexistent/x.json"])
        }
    }

    @Test func nonJSONFilesInADirectoryAreListedAsSkipped() throws {
        let folder = try Fixtures.temporaryDirectory()
        try Fixtures.data("microsoft-apps-2026-08-20.json").write(to: folder.appendingPathComponent("apps-2026-08-20.json"))
        try Data("<xml/>".utf8).write(to: folder.appendingPathComponent("metadata.xml"))
        let (_, report) = try Self.importing([folder.path])
        #expect(report.files.count == 1)
        #expect(report.skipped.count == 1 && report.skipped[0].contains("metadata.xml"))
    }
}
