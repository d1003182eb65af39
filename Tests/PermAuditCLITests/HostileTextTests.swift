import Foundation
import PermAuditTestSupport
import Testing

/// Strings from an export are data: whatever bytes they hold are stored and read back whole.
@Suite struct HostileTextTests {
    /// Issue 14: a NUL escaped in a tenant export's strings is stored and read back whole; check stays green.
    @Test func namesWithNULBytesAreStoredWhole() throws {
        let folder = try DatabaseOpeningTests.folderWithDatabase()
        defer { DatabaseOpeningTests.remove(folder) }
        let imported = try Run.permaudit(["import", "--db", "db.sqlite", Fixtures.path("hostile/nul-in-names")], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let check = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let names = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "json", """
            SELECT (SELECT displayName FROM servicePrincipal) AS app, (SELECT adminConsentDisplayName FROM servicePrincipalScope) AS scope,
                   (SELECT principalDisplayName FROM appRoleAssignment) AS principal, (SELECT scope FROM oauth2PermissionGrantAt) AS granted
            """], in: folder)
        #expect(names.status == 0, "\(names.stderr)")
        #expect(names.stdout == #"""
            [
              {"app": "Evil\u0000App", "scope": "Read\u0000 everything", "principal": "Evil\u0000App", "granted": "User.Read Evil\u0000.Scope"}
            ]

            """#)
    }
}
