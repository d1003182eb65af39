import Foundation
import PermAuditTestSupport
import Testing

/// Runs the real `permaudit` binary, as users do.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    /// An import's notes without its final line ("imported N files (M entries) in T s", whose time varies).
    var importNotes: String {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[lines.count - 2].hasPrefix("imported ") else { return stderr }
        return lines.dropLast(2).joined(separator: "\n") + "\n"
    }

    /// The binary `swift test` built next to the test bundle.
    static let binary: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("permaudit")

    static func permaudit(_ arguments: [String], in folder: URL, binary: URL = binary, environment: [String: String] = [:]) throws -> Run {
        try program(binary, arguments, in: folder, environment: environment)
    }

    /// Any program, its output captured.
    /// `detached`: output to /dev/null, for a program that leaves a daemon behind (which would hold our pipes).
    static func program(_ executable: URL, _ arguments: [String], in folder: URL, environment: [String: String] = [:],
                        detached: Bool = false) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if detached {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: "", stderr: "")
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite struct CommandLineTests {
    /// A small catalog from the fixtures, without the multi-second seed.
    static func fixtureDatabase() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        let created = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        let files = ["kibali-permissions-2026-08-07.json", "kibali-provisioningInfo-2026-08-07.json",
                     "powershell-GraphDelegateRoles-2026-08-19.json", "powershell-GraphAppRoles-2026-08-19.json"]
        let run = try Run.permaudit(["import", "--db", "db.sqlite"] + files.map(Fixtures.path), in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return folder
    }

    /// The binary alone in an empty folder: migrations and seeds are inside it.
    @Test func theCopiedBinaryWorksAlone() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("permaudit")
        try FileManager.default.copyItem(at: Run.binary, to: copy)
        let run = try Run.permaudit(["show", "CallDelegation.ReadWrite", "--format", "json"], in: folder, binary: copy)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"permissionId\":\"599abf67-f72b-4b5f-98a3-cb38fe646118\""))
        // Answered from the built-in catalog: a command that only reads creates no file.
        let database = folder.appendingPathComponent("permaudit.sqlite").path
        #expect(!FileManager.default.fileExists(atPath: database))
        let created = try Run.permaudit(["init"], in: folder, binary: copy)
        #expect(created.status == 0, "\(created.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        try theSeededDatabaseHasResourcesSearchAndPaths(folder, binary: copy)
    }

    /// The fresh database from above: the embedded metadata gives resources with descriptions, the catalog is
    /// searchable, and the paths that do not resolve are listed.
    private func theSeededDatabaseHasResourcesSearchAndPaths(_ folder: URL, binary: URL) throws {
        let show = try Run.permaudit(["show", "Calls.Initiate.All", "--format", "table"], in: folder, binary: binary)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("  Resources reached (3, from the v1.0 metadata of 2026-08-03)\n    call (entityType, derived from entity; 9 paths: GET, POST, DELETE)\n"))
        #expect(show.stdout.contains("      Properties (showing 15 of 25)\n        Name                 Type                   Nullable  Description\n"))
        #expect(show.stdout.contains("        callbackUri          Edm.String             No        * The callback URL on which callbacks\n"
            + "                                                              will be delivered. Must be https.\n"))
        #expect(show.stdout.contains("      * The description is from an older metadata document (2023-05-09): the current one gives none.\n"))
        #expect(show.stdout.contains("      /app/calls: no entity set or singleton named app\n"))
        let all = try Run.permaudit(["show", "Calls.Initiate.All", "--properties", "all", "--format", "json"], in: folder, binary: binary)
        let page = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        let resources = try #require(((page["entries"] as? [[String: Any]])?.first?["resources"]) as? [[String: Any]])
        #expect((resources.first?["properties"] as? [Any])?.count == 25)
        let search = try Run.permaudit(["search", "read", "write", "calendars", "--format", "csv"], in: folder, binary: binary)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.split(separator: "\r\n").dropFirst().first?.hasPrefix("Calendars.ReadWrite,") == true)
        let paths = try Run.permaudit(["paths", "--unresolved", "--format", "csv"], in: folder, binary: binary)
        #expect(paths.status == 0, "\(paths.stderr)")
        #expect(paths.stdout.contains("/me/communications/callSettings/delegates,,,,communications,"))
        #expect(paths.stderr.hasSuffix(" API paths of the current catalog reach no type in the latest v1.0 metadata\n"))
    }

    @Test func theDatabasePathComesFromTheEnvironment() throws {
        let folder = try Self.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["snapshots", "--format", "csv"], in: folder, environment: ["PERMAUDIT_DB": "db.sqlite"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\r\n").count == 4)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("permaudit.sqlite").path))
    }

    @Test func anUnknownPermissionExitsTwoWithSuggestions() throws {
        let folder = try Self.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["show", "calldelegation.readwrite", "--db", "db.sqlite"], in: folder)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "permaudit: no permission named \"calldelegation.readwrite\" in the catalog; closest: CallDelegation.ReadWrite\n")
    }

    @Test func aBadFileExitsTwoWithOneLineAndChangesNothing() throws {
        let folder = try Self.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The content, not the bytes: SQLite may reuse pages and bump the schema cookie without a change of data.
        let before = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", ".dump"], in: folder)
        #expect(before.status == 0 && before.stdout.contains("INSERT INTO"), "\(before.stderr)")
        try Data("{\"value\": [{\"allowedMemberTypes\": [\"Application\"], \"value\": 7}]}".utf8)
            .write(to: folder.appendingPathComponent("bad.json"))
        let run = try Run.permaudit(["import", "--db", "db.sqlite", "bad.json"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: bad.json: $.value[0].value: expected a string: Expected to decode String but found number instead.\n")
        let snapshots = try Run.permaudit(["snapshots", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(snapshots.status == 0, "\(snapshots.stderr)")
        #expect(snapshots.stdout.split(separator: "\r\n").count == 4)
        let after = try Run.program(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["db.sqlite", ".dump"], in: folder)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout, "the refused import changed the database")
    }

    @Test func aWritingQueryExitsTwo() throws {
        let folder = try Self.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let countQuery = ["query", "--db", "db.sqlite", "--format", "csv", "SELECT count(*) AS n FROM permission"]
        let before = try Run.permaudit(countQuery, in: folder)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout != "n\r\n0\r\n" && before.stdout.hasPrefix("n\r\n"), "\(before.stdout)")
        let run = try Run.permaudit(["query", "--db", "db.sqlite", "DELETE FROM permission"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: query refused: permaudit query is read-only; this statement would change the database\n")
        let after = try Run.permaudit(countQuery, in: folder)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
    }

    @Test func queryBindsParametersAndPrintsJSON() throws {
        let folder = try Self.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit([
            "query", "--db", "db.sqlite", "--format", "json",
            "SELECT permission, kind, privilegeLevel FROM catalogPermission WHERE permission = :name ORDER BY kind",
            "-p", "name", "User.Read.All",
        ], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            [
              {"permission": "User.Read.All", "kind": "application", "privilegeLevel": 3},
              {"permission": "User.Read.All", "kind": "delegated", "privilegeLevel": 3}
            ]

            """)
    }

    /// check passes on a sound database and exits 1 naming the check a hand edit breaks.
    @Test func checkFindsAnEditedSnapshot() throws {
        let folder = try Self.fixtureDatabase()
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
        #expect(broken.stderr == "permaudit: 1 of 13 checks failed: catalog snapshots\n")
    }

    /// An import ends with one line saying what it imported and how long it took; with stderr not a terminal
    /// no progress is drawn, and --quiet says nothing.
    @Test func importSaysWhatItImportedAndHowLongItTook() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["import", "--sample", "--db", "db.sqlite"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let last = try #require(run.stderr.split(separator: "\n").last)
        #expect(last.hasPrefix("imported 8 files ("), "\(run.stderr)")
        #expect(last.contains(" entries) in ") && last.hasSuffix(" s"), "\(last)")
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("importing:"))
        let quiet = try Run.permaudit(["import", "-q", "--sample", "--db", "db.sqlite"], in: folder)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
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
            INSERT INTO tenantUser (tenantKey, id) VALUES (999999, 'ghost')
            """)
        #expect(others.hasPrefix("tenant keys,FAIL,\"2 broken: a run of assignment version 999999 names no stored version of its tenant, user "), "\(others)")
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

    @Test func badUsageExitsTwo() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let asOf = try Run.permaudit(["import", "--as-of", "2026-13-01", "x.json"], in: folder)
        #expect(asOf.status == 2)
        #expect(asOf.stderr.contains("--as-of 2026-13-01: expected a date written YYYY-MM-DD"))
        let unknown = try Run.permaudit(["frobnicate"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("permaudit: unknown command \"frobnicate\"; the commands are init, import,"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("permaudit.sqlite").path))
    }

    /// Every command's help carries an example.
    @Test(arguments: ["init", "import", "snapshots", "show", "search", "report", "advise", "query", "schema", "history", "diff catalog", "diff tenant", "paths", "check", "site", "sync", "sync status", "sync catalog"])
    func helpHasAnExample(command: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(command.split(separator: " ").map(String.init) + ["--help"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Example: permaudit \(command)"))
    }

    /// The report's JSON field names are a contract; unknown values are null, not missing.
    @Test func adminConsentReportJSONContract() throws {
        let folder = try Self.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try Run.permaudit(["import", "--db", "db.sqlite", Fixtures.path("tenant-graphdocs")], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "json", "--app", "My application"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        for field in ["tenantId", "clientId", "clientAppId", "clientDisplayName", "publisher", "resourceId", "resourceAppId",
                      "resourceDisplayName", "permission", "permissionId", "kind", "consentType", "principalCount",
                      "requiresAdminConsent", "privilegeLevel"] {
            #expect(rows.allSatisfy { $0.keys.contains(field) }, "\(field)")
        }
        #expect(rows[0]["permission"] as? String == "User.Read.All")
        #expect(rows[0]["requiresAdminConsent"] as? Bool == true)
        #expect(rows.filter { $0["kind"] as? String == "application" }.count == 1)
        let usage = try Run.permaudit(["report", "--db", "db.sqlite"], in: folder)
        #expect(usage.status == 2)
    }

    @Test func schemaListsTheDocumentedViews() throws {
        let folder = try Self.fixtureDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["schema", "--db", "db.sqlite"], in: folder)
        #expect(run.status == 0)
        for view in ["catalogPermission", "permissionApiPath", "consentFlagDisagreement", "currentPermissionVersion",
                     "adminConsentHolding", "permissionHolding", "delegatedGrantScope"] {
            #expect(run.stdout.contains("\n\(view)  -- View: "), "\(view)")
        }
    }
}
