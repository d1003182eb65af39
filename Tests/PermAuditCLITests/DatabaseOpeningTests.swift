import Foundation
import PermAuditTestSupport
import Testing

/// Commands that only read never change the file, read files they cannot write, never create a database
/// for a mistyped --db, and a locked database is one clear line.
@Suite struct DatabaseOpeningTests {
    static let sqlite3 = URL(fileURLWithPath: "/usr/bin/sqlite3")

    /// A fresh folder holding an empty permaudit database, `db.sqlite`; removed by the caller's `defer`.
    static func folderWithDatabase() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        let run = try Run.permaudit(["init", "--no-seed", "-q", "--db", "db.sqlite"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return folder
    }

    static func remove(_ folder: URL) {
        _ = try? Run.program(URL(fileURLWithPath: "/bin/chmod"), ["-R", "u+w", folder.path], in: URL(fileURLWithPath: "/"))
        try? FileManager.default.removeItem(at: folder)
    }

    static let readingCommands: [[String]] = [
        ["query", "--format", "csv", "SELECT count(*) FROM grdb_migrations"], ["schema"], ["snapshots"], ["search", "mail"],
        ["check"], ["show", "Mail.Read"], ["report", "--admin-consent"], ["paths"], ["history", "Mail.Read"], ["diff", "catalog"],
    ]

    @Test func readingCommandsLeaveTheFileByteForByte() throws {
        let folder = try Self.folderWithDatabase()
        defer { Self.remove(folder) }
        let file = folder.appendingPathComponent("db.sqlite")
        let before = try Data(contentsOf: file)
        for command in Self.readingCommands {
            _ = try Run.permaudit(command + ["--db", "db.sqlite"], in: folder)
            #expect(try Data(contentsOf: file) == before, "\(command[0]) changed the file")
        }
    }

    /// Another program's database that happens to have a `permission` table (and GRDB's migration table) is
    /// refused by every command, reading or writing, and stays in its journal mode.
    @Test(arguments: [["show", "Mail.Read"], ["query", "SELECT 1"], ["import", "--tenant", "t", "x.json"]])
    func aForeignDatabaseIsLeftByteForByte(command: [String]) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { Self.remove(folder) }
        let made = try Run.program(Self.sqlite3, ["other.sqlite", """
            CREATE TABLE permission (name TEXT); CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO permission VALUES ('x')
            """], in: folder)
        #expect(made.status == 0)
        try Data("[]".utf8).write(to: folder.appendingPathComponent("x.json"))
        let before = try Data(contentsOf: folder.appendingPathComponent("other.sqlite"))
        let run = try Run.permaudit(command + ["--db", "other.sqlite"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("permaudit: other.sqlite: not a permaudit database"), "\(run.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("other.sqlite")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["other.sqlite", "x.json"])
    }

    @Test func devNullIsNeverWritten() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { Self.remove(folder) }
        try? FileManager.default.removeItem(atPath: "/dev/null-journal") // left by earlier versions
        let check = try Run.permaudit(["check", "--db", "/dev/null"], in: folder)
        #expect(check.status == 2)
        #expect(check.stderr == "permaudit: /dev/null: no permaudit database there; create one with `permaudit init --db /dev/null` or `permaudit import --db /dev/null FILE...`\n")
        let importing = try Run.permaudit(["import", "--db", "/dev/null", "--tenant", "t", Fixtures.path("tenant-graphdocs")], in: folder)
        #expect(importing.status == 2)
        #expect(importing.stderr == "permaudit: /dev/null: cannot open the database: not a regular file; give the path of a file\n")
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-wal"))
    }

    /// Runs permaudit as a user who may not write the file: `nobody` when the tests run as root (root writes
    /// any file whatever its mode), else the current user.
    static func permauditUnprivileged(_ arguments: [String], in folder: URL) throws -> Run {
        guard getuid() == 0 else { return try Run.permaudit(arguments, in: folder) }
        return try Run.program(URL(fileURLWithPath: "/usr/bin/setpriv"),
                               ["--reuid=65534", "--regid=65534", "--clear-groups", Run.binary.path] + arguments, in: folder)
    }

    static func giveToUnprivilegedUser(_ paths: [URL]) throws {
        guard getuid() == 0 else { return }
        for path in paths { #expect(chown(path.path, 65534, 65534) == 0) }
    }

    /// A database file mode 0444 in a writable folder, and one in a folder mode 0555: both readable.
    @Test(arguments: [false, true])
    func aReadOnlyDatabaseIsReadable(folderReadOnly: Bool) throws {
        let folder = try Self.folderWithDatabase()
        defer { Self.remove(folder) }
        let inner = folder.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("db.sqlite"), to: inner.appendingPathComponent("db.sqlite"))
        try Self.giveToUnprivilegedUser([inner, inner.appendingPathComponent("db.sqlite")])
        #expect(chmod(inner.appendingPathComponent("db.sqlite").path, 0o444) == 0)
        if folderReadOnly { #expect(chmod(inner.path, 0o555) == 0) }
        let query = try Self.permauditUnprivileged(["query", "--db", "db.sqlite", "--format", "csv", "SELECT count(*) AS n FROM grdb_migrations"], in: inner)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.hasPrefix("n\r\n"), "\(query.stdout)")
        let check = try Self.permauditUnprivileged(["check", "--db", "db.sqlite", "--format", "csv"], in: inner)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// Issue 15: a mistyped --db creates nothing. Commands that show the catalog answer from the built-in one and
    /// say so; check and query, whose answers are about one database, say there is none and exit 2.
    @Test func aMissingDatabaseIsNeverCreated() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { Self.remove(folder) }
        let show = try Run.permaudit(["show", "CallDelegation.ReadWrite", "--format", "json", "--db", "permaudti.sqlite"], in: folder)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("599abf67-f72b-4b5f-98a3-cb38fe646118"))
        #expect(show.stderr == "permaudit: no database at permaudti.sqlite; answering from the built-in catalog (permaudit import or init creates one)\n")
        for command in [["check"], ["query", "SELECT count(*) FROM latestTenantSnapshot"]] {
            let run = try Run.permaudit(command + ["--db", "nosuch.sqlite"], in: folder)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "permaudit: nosuch.sqlite: no permaudit database there; create one with `permaudit init --db nosuch.sqlite` or `permaudit import --db nosuch.sqlite FILE...`\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aNewDatabaseSaysItIsBeingSeeded() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { Self.remove(folder) }
        let run = try Run.permaudit(["init", "--db", "new.sqlite"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.first == "seeding the new database new.sqlite with the built-in catalog...", "\(run.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("seeded new.sqlite in ") == true, "\(run.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("new.sqlite").path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    /// An import that finds the database locked by another writer waits (PERMAUDIT_BUSY_TIMEOUT seconds, here
    /// short) and then says so in one line, exit 2.
    @Test func aLockedDatabaseIsOneLineExitTwo() throws {
        let folder = try Self.folderWithDatabase()
        defer { Self.remove(folder) }
        let holder = Process()
        holder.executableURL = Self.sqlite3
        holder.arguments = ["db.sqlite"]
        holder.currentDirectoryURL = folder
        let input = Pipe(), output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer { try? input.fileHandleForWriting.close(); holder.waitUntilExit() }
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE; INSERT INTO schemaNote VALUES ('lock', 'held'); SELECT 'locked';\n".utf8))
        let said = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        #expect(said == "locked\n")
        let run = try Run.permaudit(["import", "--db", "db.sqlite", Fixtures.path("kibali-permissions-2026-08-07.json")], in: folder,
                                    environment: ["PERMAUDIT_BUSY_TIMEOUT": "0.2"])
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: db.sqlite: the database is busy (another permaudit import is writing it); try again when it has finished\n")
    }
}
