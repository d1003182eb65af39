import Foundation
import PermAuditTestSupport
import Testing

/// Issue 15, the command line a newcomer expects: counts that agree with their nouns, lists that say when
/// they are cut, a version, one error style, truthful help, and empty states that say what to do.
@Suite struct NewcomerTests {
    /// A database holding one snapshot: the Kibali fixture alone (17 permissions), no tenant.
    static func oneSnapshotDatabase() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        let created = try Run.permaudit(["init", "-q", "--no-seed", "--db", "db.sqlite"], in: folder)
        let imported = try Run.permaudit(["import", "-q", "--db", "db.sqlite", Fixtures.path("kibali-permissions-2026-08-07.json")], in: folder)
        #expect(created.status == 0 && imported.status == 0, "\(created.stderr)\(imported.stderr)")
        return folder
    }

    /// Spaces and line breaks as one space: help is wrapped to the terminal's width.
    static func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
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
        (["sync", "catalog", "--max-attempts", "0"], "permaudit: --max-attempts 0: give 1 to 20\nsee permaudit sync catalog --help\n"),
        (["frobnicate"], "permaudit: unknown command \"frobnicate\"; the commands are init, import, sync, snapshots, show, search, "
            + "report, diff, history, paths, check, advise, query, schema, site\n"),
        (["show"], "permaudit: missing expected argument '<permission>'\nsee permaudit show --help\n"),
        (["search", "read", "--limit", "x"], "permaudit: the value 'x' is invalid for '--limit <limit>'\nsee permaudit search --help\n"),
        (["report"], "permaudit: name one report: --admin-consent, --overprivileged or --unused\nsee permaudit report --help\n"),
        (["report", "--admin-consent", "--publisher", "nobody"], "permaudit: the value 'nobody' is invalid for '--publisher <publisher>'. "
            + "Please provide one of 'microsoft', 'thisTenant' or 'thirdParty'.\nsee permaudit report --help\n"),
        (["snapshots", "--tenants", "--metadata"], "permaudit: --tenants and --metadata list different things: give one\n"
            + "see permaudit snapshots --help\n"),
        (["diff", "catalog", "--tenant", "T", "--impact"], "permaudit: --tenant and --impact both name the tenant: give one\n"
            + "see permaudit diff catalog --help\n"),
    ])
    func usageErrorsAreOneLineAndExitTwo(arguments: [String], stderr: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(arguments, in: folder)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == stderr)
    }

    /// Defaults print as typed, once; closed choices list their values.
    @Test(arguments: [
        ("show", "How many properties to list per resource: a number, or all. (default: 15)"),
        ("diff catalog", "--from <REF> The older snapshot. (default: previous) --to <REF> The newer snapshot. (default: latest)"),
        ("diff tenant", "--from <REF> The older snapshot. (default: previous) --to <REF> The newer snapshot. (default: latest)"),
        ("schema", "(values: text, table, json, csv, tsv, markdown; default: text)"),
        ("report", "Only grants of this consent type. (values: AllPrincipals, Principal, Application)"),
        ("report", "Only apps of this publisher. (values: microsoft, thisTenant, thirdParty)"),
        ("report", "(repeatable): tier0, tier1, tier2, risk>=LEVEL (low, medium, high, critical), new-admin-consent,"),
        ("show", "--format <format> Output format (default: table on a terminal, else json). (values: table, json, csv, tsv, markdown)"),
        ("diff catalog", "--source <source> The catalog series. (values: kibali, service-principal, provisioning-info, permissions-descriptions;"),
        ("search", "--format <format> Output format (default: table on a terminal, else json). (values: table, json, csv, tsv, markdown)"),
    ])
    func helpIsTruthful(command: String, expected: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(command.split(separator: " ").map(String.init) + ["--help"], in: folder)
        #expect(run.status == 0)
        let help = Self.flattened(run.stdout)
        #expect(help.contains(expected), "\(run.stdout)")
        // A list of values or a default is printed once, by the parser.
        #expect(!help.contains(") (default:") && !help.contains(". (default: previous). (default:"), "\(run.stdout)")
    }

    /// What schema's help offers, it accepts.
    @Test func schemaTakesTextAsItsHelpSays() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Run.permaudit(["schema", "--format", "text"], in: folder)
        let plain = try Run.permaudit(["schema"], in: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == plain.stdout)
        #expect(text.stdout.contains("\ncatalogPermission  -- View: "))
    }

    /// An empty report with no tenant at all says how to get one; the data stays a valid empty listing.
    @Test func aReportWithoutATenantSaysHowToImportOne() throws {
        let folder = try Self.oneSnapshotDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "json"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout == "[]\n")
        #expect(run.stderr == "no tenant imported yet: permaudit import a tenant export (or --sample)\n")
    }

    @Test func aDiffOfOneSnapshotSaysHowToGetASecond() throws {
        let folder = try Self.oneSnapshotDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run.permaudit(["diff", "catalog", "--db", "db.sqlite"], in: folder)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "permaudit: no previous snapshot in the kibali series (it has 1 snapshot); import a newer catalog file "
            + "of the series: permaudit import permissions.json --as-of YYYY-MM-DD\n")
    }
}
