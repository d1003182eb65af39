import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// Facts of the real default catalog (Seeds/), as the issue and Microsoft's data state them.
@Suite struct SeededCatalogTests {
    /// One seeded database serves every test here (they only read).
    /// Built once and shared (the tests only read); a failure to build it fails each test that reads it
    /// instead of crashing the run.
    static let built = Result<AppDatabase, any Error> {
        let database = try SeededDatabase.copy()
        return database
    }

    static var database: AppDatabase { get throws { try built.get() } }

    static func count(_ sql: String) throws -> Int64 {
        guard case .integer(let count) = try database.query(sql).rows[0][0] else { return -1 }
        return count
    }

    @Test func seedsMakeOneSnapshotPerSource() throws {
        let snapshots = try Self.database.catalogSnapshots()
        #expect(snapshots.map(\.source) == ["kibali", "microsoftApps", "provisioningInfo", "servicePrincipal"])
        #expect(snapshots.map(\.asOf) == ["2026-08-07", "2026-08-20", "2026-08-07", "2026-08-19"])
        #expect(snapshots.map(\.entryCount) == [1496, 4428, 3183, 1523])
    }

    /// The catalog stored at seeding is the one 0002's view computes (CurrentCatalogTests follows a history).
    @Test func theStoredCatalogIsTheOriginalView() throws {
        #expect(try CurrentCatalogTests.differences(Self.database) == .integer(0))
        #expect(try Self.count("SELECT count(*) FROM catalogPermission") == 1612)
    }

    @Test func callDelegationReadWrite() throws {
        let details = try #require(try Self.database.permissionDetails(named: "CallDelegation.ReadWrite").first)
        #expect(details.permission.permissionId == "599abf67-f72b-4b5f-98a3-cb38fe646118")
        #expect(details.permission.requiresAdminConsent == true)
        #expect(details.permission.kibaliRequiresAdminConsent == false)
        #expect(details.permission.privilegeLevel == 2)
        #expect(Set(details.apiPaths.map { "\($0.method) \($0.path)" }).count == 14)
    }

    @Test func twentySixDelegatedScopesHaveDisagreeingConsentFlags() throws {
        #expect(try Self.count("SELECT count(*) FROM consentFlagDisagreement WHERE kind = 'delegated'") == 26)
    }

    @Test func fiveHundredSeventyTwoNamesAreBothARoleAndAScope() throws {
        let sql = """
            SELECT count(*) FROM (SELECT permission FROM currentPermissionVersion WHERE source = 'servicePrincipal'
                                  GROUP BY permission HAVING count(DISTINCT kind) = 2)
            """
        #expect(try Self.count(sql) == 572)
        let sameGUID = """
            SELECT count(*) FROM (SELECT permission FROM currentPermissionVersion WHERE source = 'servicePrincipal'
                                  GROUP BY permission HAVING count(DISTINCT kind) = 2 AND count(DISTINCT permissionId) = 1)
            """
        #expect(try Self.count(sameGUID) == 1)
    }

    @Test func bothCaseVariantsAreKept() throws {
        #expect(try Self.count("SELECT count(*) FROM permission WHERE value IN ('Calls.JoinGroupCallasGuest.All', 'Calls.JoinGroupCallAsGuest.All') AND kind = 'application'") == 2)
    }
}
