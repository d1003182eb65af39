import Foundation
import PermAuditTestSupport
import Testing

/// `permaudit check` through the real binary: sound databases pass, and each hand edit fails the check that
/// covers it, with exit 1 and the check named.
@Suite struct CheckCommandTests {
    /// check passes on a sound database and exits 1 naming the check a hand edit breaks.
    @Test func checkFindsAnEditedSnapshot() throws {
        let folder = try CommandLineTests.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sound = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(sound.status == 0, "\(sound.stdout)\(sound.stderr)")
        #expect(sound.stdout.contains("catalog snapshots,ok,3 snapshots match their content hashes\r\n"))
        let edit = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"),
                                   ["db.sqlite", "UPDATE catalogSnapshotPart SET contentHash = 'edited' WHERE snapshotKey = 2"], in: folder)
        #expect(edit.status == 0, "\(edit.stderr)")
        let broken = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("catalog snapshots,FAIL,do not match: #2 provisioningInfo 2026-08-07\r\n"))
        #expect(broken.stderr == "permaudit: 1 of 14 checks failed: catalog snapshots\n")
    }

    /// A tenant snapshot's stored holdings (what report, diff and show read) must match its grants.
    @Test func checkFindsAnEditedHolding() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try Run.permaudit(["import", "--sample", "--db", "db.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let sound = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(sound.stdout.contains("holdings,ok,every snapshot's stored holdings match its grants and assignments\r\n"), "\(sound.stdout)")
        // A holding present in the second week only (not in both) now counts one more user.
        let edit = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", """
            UPDATE holdingRun SET principalCount = principalCount + 1
            WHERE firstDay = CAST(julianday('2026-11-08') - 2440587.5 AS INTEGER)
              AND holdingKey = (SELECT min(h.holdingKey) FROM holding h JOIN holdingPresence p ON p.holdingKey = h.holdingKey
                                WHERE h.consentType = 'Principal' AND p.firstSeen = '2026-11-08')
            """], in: folder)
        #expect(edit.status == 0, "\(edit.stderr)")
        let broken = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("holdings,FAIL,do not match their grants and assignments: #2\r\n"), "\(broken.stdout)")
    }

    /// One content is one version (an import finds it in memory, not through an index): a copy shows.
    @Test func checkFindsAGrantStoredTwice() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try Run.permaudit(["import", "--sample", "--db", "db.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let copy = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", """
            INSERT INTO oauth2PermissionGrantVersion (tenantKey, id, clientKey, principalKey, resourceKey, scopeSetKey, digest0, digest1, digest2, digest3)
            SELECT tenantKey, id, clientKey, principalKey, resourceKey, scopeSetKey, digest0, digest1, digest2, digest3 FROM oauth2PermissionGrantVersion
            WHERE versionKey = (SELECT min(versionKey) FROM oauth2PermissionGrantVersion)
            """], in: folder)
        #expect(copy.status == 0, "\(copy.stderr)")
        let broken = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("tenant versions,FAIL,1 broken: grant ") && broken.stdout.contains(" stored twice\r\n"), "\(broken.stdout)")
    }

    /// Grant versions keep their keys without foreign keys (0025): `check` finds one that names another
    /// tenant's app or a user that is not stored.
    @Test func checkFindsAGrantWhoseKeysAreNotStored() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try Run.permaudit(["import", "--sample", "--db", "db.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let healthy = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(healthy.stdout.contains("tenant versions,ok,"), "\(healthy.stdout)")
        #expect(healthy.stdout.contains("tenant keys,ok,every stored key names a row of its tenant\r\n"),
                "\(healthy.stdout)")
        let edit = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", """
            INSERT INTO tenantObject (tenantId, id) VALUES ('another-tenant', 'app');
            UPDATE oauth2PermissionGrantVersion SET clientKey = last_insert_rowid() WHERE versionKey = (SELECT min(versionKey) FROM oauth2PermissionGrantVersion);
            UPDATE oauth2PermissionGrantVersion SET principalKey = 999999 WHERE versionKey = (SELECT max(versionKey) FROM oauth2PermissionGrantVersion)
            """], in: folder)
        #expect(edit.status == 0, "\(edit.stderr)")
        let broken = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("tenant keys,FAIL,\"2 broken: grant "), "\(broken.stdout)")
        #expect(broken.stdout.components(separatedBy: " names keys that are not stored").count == 3, "\(broken.stdout)")
        // Each also reads as edited: the view gives the other tenant's id, and no user.
        #expect(broken.stdout.contains("tenant versions,FAIL,\"2 broken: grant "), "\(broken.stdout)")
    }

    /// Holdings, presence runs, users and scope values keep their keys without foreign keys (0026): `check`
    /// finds each kind of key that names nothing, or a row of another tenant.
    @Test func checkFindsHoldingRunUserAndScopeKeysThatNameNothing() throws {
        let holdingsAndRuns = try Self.tenantKeysCheck(after: """
            UPDATE holding SET permissionKey = 999999 WHERE holdingKey = (SELECT min(holdingKey) FROM holding);
            INSERT INTO tenant (tenantId) VALUES ('another-tenant');
            UPDATE holdingRun SET tenantKey = last_insert_rowid() WHERE holdingKey = (SELECT max(holdingKey) FROM holding);
            UPDATE servicePrincipalRun SET versionKey = 999999 WHERE versionKey = (SELECT min(versionKey) FROM servicePrincipalRun);
            UPDATE oauth2PermissionGrantRun SET tenantKey = 999999 WHERE versionKey = (SELECT min(versionKey) FROM oauth2PermissionGrantRun)
            """)
        for found in ["tenant keys,FAIL,\"", " broken: holding ", " names an app, resource or permission that is not stored, a run of holding ",
                      " names no stored holding of its tenant, a run of service principal version 999999 names no stored version of its tenant",
                      ", a run of grant version "] {
            #expect(holdingsAndRuns.contains(found), "\(found): \(holdingsAndRuns)")
        }
        let others = try Self.tenantKeysCheck(after: """
            UPDATE appRoleAssignmentRun SET versionKey = 999999 WHERE versionKey = (SELECT min(versionKey) FROM appRoleAssignmentRun);
            INSERT INTO tenantUser (tenantKey, id) VALUES (999999, 'ghost');
            INSERT INTO servicePrincipalElement VALUES (999998, 1, 2, 3, 4);
            INSERT INTO oauth2PermissionGrantElement VALUES (999999, 1, 2, 3, 4);
            INSERT INTO appRoleAssignmentElement VALUES (999997, 1, 2, 3, 4)
            """)
        #expect(others.hasPrefix("tenant keys,FAIL,\"5 broken: a run of assignment version 999999 names no stored version of its tenant, "
                                 + "the remembered element of service principal version 999998 names no stored version, "
                                 + "the remembered element of grant version 999999 names no stored version, "
                                 + "the remembered element of assignment version 999997 names no stored version, user "), "\(others)")
        #expect(others.hasSuffix(" names no stored tenant\""), "\(others)")
    }

    /// A scope set stores its values as keys of delegated held permissions (0029): `check` finds keys that name
    /// none, a string its keys do not give back, and a string stored twice.
    @Test func checkFindsScopeSetsWhoseKeysAreBroken() throws {
        let scopeSets = try Self.tenantKeysCheck(line: "scope sets", after: """
            INSERT INTO scopeSet (permissionKeys, scope, scopeHash) VALUES ('[999999]', NULL, 0);
            INSERT INTO scopeSet (permissionKeys, scope, scopeHash)
            SELECT '[' || permissionKey || ']', 'Not.This', 0 FROM heldPermission WHERE kind = 'delegated' LIMIT 1;
            INSERT INTO scopeSet (permissionKeys, scope, scopeHash) SELECT permissionKeys, scope, scopeHash FROM scopeSet WHERE scopeSetKey = 1
            """)
        for found in ["scope sets,FAIL,\"3 broken: scope set ", " names values by keys that are not delegated held permissions, scope set ",
                      " has values that are not its scope string's, scope set ", " stored twice\""] {
            #expect(scopeSets.contains(found), "\(found): \(scopeSets)")
        }
        // Two copies of one string after another string of their hash are found; keys that are no JSON stop no check.
        let copiesAndNoJSON = """
            INSERT INTO scopeSet (permissionKeys, scope, scopeHash) SELECT permissionKeys, 'Copied.Scope', scopeHash FROM scopeSet WHERE scopeSetKey = 1;
            INSERT INTO scopeSet (permissionKeys, scope, scopeHash) SELECT permissionKeys, 'Copied.Scope', scopeHash FROM scopeSet WHERE scopeSetKey = 1;
            INSERT INTO scopeSet (permissionKeys, scope, scopeHash) VALUES ('[1,', NULL, 0)
            """
        let copies = try Self.tenantKeysCheck(line: "scope sets", after: copiesAndNoJSON)
        #expect(copies.hasPrefix("scope sets,FAIL,\"4 broken: scope set "), "\(copies)")
        #expect(copies.contains(" names values by keys that are not delegated held permissions, scope set ") && copies.hasSuffix(" stored twice\""),
                "\(copies)")
        let holdings = try Self.tenantKeysCheck(line: "holdings", after: copiesAndNoJSON)
        #expect(holdings.hasPrefix("holdings,FAIL,not compared: scope set ") && holdings.hasSuffix("'s permissionKeys are no JSON"), "\(holdings)")
    }

    /// A line of `check --format csv` ("tenant keys" unless told) on the sample after this hand edit.
    private static func tenantKeysCheck(line: String = "tenant keys", after edit: String) throws -> String {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try Run.permaudit(["import", "--sample", "--db", "db.sqlite"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let edited = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", edit], in: folder)
        #expect(edited.status == 0, "\(edited.stderr)")
        let check = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(check.status == 1)
        return check.stdout.components(separatedBy: "\r\n").first { $0.hasPrefix(line + ",") } ?? check.stdout
    }

    /// The stored current catalog (0021) must stay what the latest snapshots compute.
    @Test func checkFindsAnEditedCurrentCatalog() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Run.permaudit(["init", "--db", "db.sqlite"], in: folder).status == 0)
        let sound = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(sound.stdout.contains("current catalog,ok,1612 stored permissions match the latest catalog snapshots\r\n"), "\(sound.stdout)")
        let edit = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", """
            UPDATE currentCatalogPermission SET requiresAdminConsent = 0 WHERE permission = 'Directory.ReadWrite.All'
            """], in: folder)
        #expect(edit.status == 0, "\(edit.stderr)")
        let broken = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("current catalog,FAIL,4 rows differ from the latest catalog snapshots\r\n"), "\(broken.stdout)")
    }

    /// An activity import's totals (what advice reads by default) must add up its per-day calls.
    @Test func checkFindsAnEditedActivityTotal() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity").path
        let imported = try Run.permaudit(["import", "--db", "db.sqlite", sample], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let sound = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(sound.stdout.contains("activity totals,ok,every activity import's totals match its calls (1 import)\r\n"), "\(sound.stdout)")
        let edit = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", """
            UPDATE graphCallTotal SET calls = calls + 1 WHERE template = (SELECT min(template) FROM graphCallTotal)
            """], in: folder)
        #expect(edit.status == 0, "\(edit.stderr)")
        let broken = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("activity totals,FAIL,do not match their calls: import #1\r\n"), "\(broken.stdout)")
    }
}
