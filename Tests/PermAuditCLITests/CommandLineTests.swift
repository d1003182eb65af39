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
