import Foundation
import PermAuditTestSupport
import Testing

/// Issue 15, the command line a newcomer expects: counts that agree with their nouns, lists that say when
/// they are cut, a version, one error style.
@Suite struct NewcomerTests {
    /// A database holding one snapshot: the Kibali fixture alone (17 permissions), no tenant.
    static func oneSnapshotDatabase() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        let created = try Run.permaudit(["init", "-q", "--no-seed", "--db", "db.sqlite"], in: folder)
        let imported = try Run.permaudit(["import", "-q", "--db", "db.sqlite", Fixtures.path("kibali-permissions-2026-08-07.json")], in: folder)
        #expect(created.status == 0 && imported.status == 0, "\(created.stderr)\(imported.stderr)")
        return folder
    }

    @Test func oneSnapshotIsSingular() throws {
        let folder = try Self.oneSnapshotDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try Run.permaudit(["check", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("catalog snapshots,ok,1 snapshot matches its content hash\r\n"), "\(check.stdout)")
    }

    @Test func searchSaysWhenTheLimitCutsTheList() throws {
        let folder = try Self.oneSnapshotDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cut = try Run.permaudit(["search", "read", "--limit", "2", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(cut.stdout.split(separator: "\r\n").count == 3)
        #expect(cut.stderr == "2 of 13 shown (--limit N)\n")
        let whole = try Run.permaudit(["search", "read", "--limit", "13", "--db", "db.sqlite", "--format", "csv"], in: folder)
        #expect(whole.status == 0 && whole.stderr.isEmpty, "\(whole.stderr)")
        #expect(whole.stdout.split(separator: "\r\n").count == 14)
    }

    @Test func versionPrintsAndExitsZero() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["--version"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout == "0.15.0\n")
        #expect(run.stderr.isEmpty)
    }

    /// A usage error from the parser reads like every other error: one `permaudit:` line, then where the help is.
    @Test(arguments: [
        (["raport", "--admin-consent"], "permaudit: unknown command \"raport\"; did you mean `report`?\n"),
        (["diff", "catlog"], "permaudit: unknown diff command \"catlog\"; did you mean `catalog`?\n"),
        (["frobnicate"], "permaudit: unknown command \"frobnicate\"; the commands are init, import, snapshots, show, search, "
            + "report, diff, history, paths, check, query, schema\n"),
        (["show"], "permaudit: missing expected argument '<permission>'\nsee permaudit show --help\n"),
        (["search", "read", "--limit", "x"], "permaudit: the value 'x' is invalid for '--limit <limit>'\nsee permaudit search --help\n"),
        (["report"], "permaudit: name the report: --admin-consent\nsee permaudit report --help\n"),
    ])
    func usageErrorsAreOneLineAndExitTwo(arguments: [String], stderr: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(arguments, in: folder)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == stderr)
    }
}
