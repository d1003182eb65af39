import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// With --skip-invalid, one bad object of a tenant export is left out and counted, not its whole file; a file
/// whose structure breaks is still skipped whole, and the import is still one transaction.
@Suite struct SkipInvalidObjectTests {
    static func grant(_ id: Int, consentType: String = "AllPrincipals", scope: String = "User.Read") -> String {
        #"{"id": "g\#(id)", "clientId": "c", "consentType": "\#(consentType)", "principalId": null, "resourceId": "r", "scope": "\#(scope)"}"#
    }

    static func page(_ grants: [String]) -> Data {
        Data((#"{"@odata.context": "x#oauth2PermissionGrants", "value": ["# + grants.joined(separator: ", ") + "]}").utf8)
    }

    /// A folder with `files`, removed when `body` returns.
    static func inFolder<T>(_ files: [String: Data], _ body: (URL) throws -> T) throws -> T {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in files { try bytes.write(to: folder.appendingPathComponent(name)) }
        return try body(folder)
    }

    @Test func oneBadObjectIsLeftOutAndCountedAndTheRestOfItsFileImported() throws {
        let grants = (0..<8).map { Self.grant($0) }
        var bad = grants
        bad[1] = Self.grant(1, consentType: "Everyone")
        bad[4] = #"{"id": "g4", "clientId": 7, "consentType": "AllPrincipals", "resourceId": "r"}"#
        let lines = Data(([Self.grant(10), Self.grant(11)] + ["{\"id\": \"g9\", \"clientId\": \"c\"}"]).joined(separator: "\n").utf8)
        try Self.inFolder(["grants.json": Self.page(bad), "more-oauth2PermissionGrants.json": lines]) { folder in
            let database = try AppDatabase.inMemory()
            #expect(throws: ImportError.self) { try Importer(database: database).importPaths([folder.path], tenantId: "t") }
            #expect(try database.tenantSnapshots().isEmpty)
            let report = try Importer(database: database).importPaths([folder.path], tenantId: "t", skipInvalid: true)
            #expect(report.skipped.isEmpty)
            #expect(report.tenant?.grantCount == 8)
            #expect(report.skippedObjectCount == 3)
            let grantsPath = folder.appendingPathComponent("grants.json").path
            #expect(report.skippedObjectExamples == [
                #"\#(grantsPath): $.value[1].consentType: expected "AllPrincipals" or "Principal", found "Everyone""#,
                "\(grantsPath): $.value[4].clientId: expected a string: Expected to decode String but found number instead.",
                folder.appendingPathComponent("more-oauth2PermissionGrants.json").path + #": line 3: missing required property "consentType""#,
            ])
        }
    }

    @Test func onlyTheFirstFewReasonsAreKept() throws {
        let grants = (0..<20).map { Self.grant($0, consentType: $0 % 2 == 0 ? "Nobody" : "AllPrincipals") }
        try Self.inFolder(["grants.json": Self.page(grants)]) { folder in
            let report = try Importer(database: AppDatabase.inMemory()).importPaths([folder.path], tenantId: "t", skipInvalid: true)
            #expect(report.tenant?.grantCount == 10)
            #expect(report.skippedObjectCount == 10)
            #expect(report.skippedObjectExamples.count == ImportReport.skippedObjectExampleLimit)
            #expect(report.skippedObjectExamples.first?.hasSuffix("$.value[0].consentType: expected \"AllPrincipals\" or \"Principal\", found \"Nobody\"") == true)
        }
    }

    /// A file cut short cannot be read past the break: it is skipped whole, before anything is written.
    @Test func aFileWhoseStructureBreaksIsStillSkippedWhole() throws {
        let cut = Self.page([Self.grant(0), Self.grant(1)]).dropLast(3)
        try Self.inFolder(["good.json": Self.page([Self.grant(5)]), "cut.json": Data(cut)]) { folder in
            let report = try Importer(database: AppDatabase.inMemory()).importPaths([folder.path], tenantId: "t", skipInvalid: true)
            #expect(report.tenant?.grantCount == 1)
            #expect(report.skippedObjectCount == 0)
            #expect(report.skipped.count == 1 && report.skipped[0].hasPrefix(folder.appendingPathComponent("cut.json").path + ": "))
        }
    }

    /// Skipping objects does not split the import: a conflict found while writing still leaves nothing written,
    /// the catalog file beside the export included.
    @Test func theImportIsStillOneTransaction() throws {
        let grants = [Self.grant(0), Self.grant(1, consentType: "Everyone"), Self.grant(0, scope: "Mail.Read")]
        let files = ["grants.json": Self.page(grants), "kibali.json": try Fixtures.data("kibali-permissions-2026-08-07.json")]
        try Self.inFolder(files) { folder in
            let database = try AppDatabase.inMemory()
            let error = try #require(throws: ImportError.self) {
                try Importer(database: database).importPaths([folder.path], tenantId: "t", skipInvalid: true)
            }
            let grantsPath = folder.appendingPathComponent("grants.json").path
            #expect(error.description == "\(grantsPath): $.value[2]: object g0 differs from the one with the same id at \(grantsPath): $.value[0]")
            #expect(try database.tenantSnapshots().isEmpty)
            #expect(try database.catalogSnapshots().isEmpty)
        }
    }
}
