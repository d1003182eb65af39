import Foundation
import PermAuditTestSupport
import Testing
@testable import PermAuditSite

/// The site's files as written: markup only of the templates' own making whatever the hostile tenants'
/// names hold, the same bytes on a rerun, exports equal to `show`'s output, and one error line with exit
/// code 2 for bad input.
@Suite struct SiteOutputTests {
    /// The elements and attributes the templates and the script write; anything else came from data.
    static let tags: Set<String> = [
        "html", "head", "meta", "title", "link", "script", "body", "a", "header", "nav", "main", "footer", "p",
        "article", "h1", "h2", "h3", "h4", "span", "div", "button", "section", "dl", "dt", "dd", "code", "table", "thead",
        "tbody", "tr", "th", "td", "details", "summary", "ul", "li", "strong", "figure", "figcaption", "pre", "ol", "form",
        "label", "input", "select", "option", "output",
    ]
    static let attributes: Set<String> = [
        "lang", "charset", "http-equiv", "content", "name", "rel", "href", "src", "defer", "class", "id", "aria-label",
        "aria-labelledby", "aria-live", "role", "data-export", "data-src", "data-file", "data-action", "data-tabs", "data-tab-label", "hidden",
        "type", "scope", "data-key", "data-kind", "data-admin", "data-resource", "data-publisher", "data-consent", "data-risk",
        "data-tier", "data-filter", "placeholder", "autocomplete", "value", "title",
    ]

    @Test func hostileNamesBecomeNoMarkup() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.hostileDatabase(in: folder)
        let run = try SiteRun.permaudit(["site", "--out", "site", "--tenant", SiteRun.hostileWebTenant, "--db", "db.sqlite"], in: folder)
        try #require(run.status == 0, "\(run.stderr)")
        let site = folder.appendingPathComponent("site")
        let pages = try Self.htmlFiles(site)
        #expect(pages.count > 20)
        for page in pages {
            let html = try String(contentsOf: page, encoding: .utf8)
            for tag in Self.tags(in: html) where tag.name != "!doctype" {
                #expect(Self.tags.contains(tag.name), "\(page.lastPathComponent): element <\(tag.name)>")
                for attribute in tag.attributes {
                    #expect(Self.attributes.contains(attribute.name), "\(page.lastPathComponent): attribute \(attribute.name) on <\(tag.name)>")
                    if ["href", "src", "data-src"].contains(attribute.name) {
                        #expect(!attribute.value.contains(":"), "\(page.lastPathComponent): \(attribute.name)=\(attribute.value)")
                    }
                }
                if tag.name == "script" { #expect(tag.attributes.map(\.value).contains { $0.hasSuffix("site.js") }) }
            }
            #expect(!html.contains("\u{202E}"), "\(page.lastPathComponent): a bidi override reached the page")
        }
        let report = try String(contentsOf: site.appendingPathComponent("admin-consent.html"), encoding: .utf8)
        #expect(report.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"))
        #expect(report.contains("&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"))
        #expect(report.contains("{{chrome}}{{{searchIndex}}} Mustache"))
        #expect(report.contains("Micro\\u202etfos &lt;b&gt;bold&lt;/b&gt; Graph"))
    }

    @Test func aRerunWritesTheSameBytesAndTheExportsAreShowsOutput() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.sampleDatabase(in: folder)
        var written: [[String: Data]] = []
        for out in ["first", "second"] {
            let run = try SiteRun.permaudit(["site", "--out", out, "--tenant", SiteRun.sampleTenant, "--db", "db.sqlite"], in: folder)
            try #require(run.status == 0, "\(run.stderr)")
            written.append(try Self.contents(of: folder.appendingPathComponent(out)))
        }
        #expect(written[0].count > 50)
        #expect(written[0] == written[1])
        for name in ["CallDelegation.ReadWrite", "Calls.Initiate.All", "User.Read.All"] {
            for format in ["json", "csv"] {
                let show = try SiteRun.permaudit(["show", name, "--format", format, "--db", "db.sqlite"], in: folder)
                #expect(try Self.export(name, format, in: written[0]) == show.stdout, "\(name).\(format)")
            }
        }
        #expect(!written[0].keys.contains { $0.hasSuffix(".csv") || $0.hasPrefix("permissions/") && $0.hasSuffix(".json") })
    }

    /// What site.js saves from a permission's export script: the format's base64, inflated.
    static func export(_ slug: String, _ format: String, in files: [String: Data]) throws -> String {
        let script = try #require(files["permissions/\(slug).js"].map { String(decoding: $0, as: UTF8.self) }, "\(slug).js is missing")
        try #require(script.hasPrefix("permauditData(") && script.hasSuffix(");\n"), "\(slug).js: \(script.prefix(40))")
        let json = script.dropFirst("permauditData(".count).dropLast(");\n".count)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        let base64 = try #require(data[format])
        let packed = try #require(Data(base64Encoded: base64))
        return String(decoding: try Inflate.bytes(Array(packed)), as: UTF8.self)
    }

    /// A rerun removes the files the last run wrote and this one did not (the page of a permission that left
    /// the catalog), never a file the site did not write; a manifest naming a path outside the folder is refused.
    @Test func aRerunRemovesOnlyWhatTheSiteWroteBefore() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.sampleDatabase(in: folder)
        let site = folder.appendingPathComponent("site")
        let arguments = ["site", "--out", "site", "--db", "db.sqlite"]
        try #require(try SiteRun.permaudit(arguments, in: folder).status == 0)
        let manifest = site.appendingPathComponent(".permaudit-files")
        let listed = try String(contentsOf: manifest, encoding: .utf8)
        #expect(listed.contains("index.html\n") && listed.contains("site.css\n"))
        #expect(listed.contains("permissions/CallDelegation.ReadWrite.html\n"))
        // As if an earlier run had written the page of a permission the catalog no longer has.
        let gone = site.appendingPathComponent("permissions/Gone.Permission.html")
        try Data("old".utf8).write(to: gone)
        try (listed + "permissions/Gone.Permission.html\n").write(to: manifest, atomically: true, encoding: .utf8)
        let mine = site.appendingPathComponent("permissions/my-notes.html")
        try Data("mine".utf8).write(to: mine)
        try #require(try SiteRun.permaudit(arguments, in: folder).status == 0)
        #expect(!FileManager.default.fileExists(atPath: gone.path))
        #expect(FileManager.default.fileExists(atPath: mine.path))
        #expect(try String(contentsOf: manifest, encoding: .utf8) == listed)
        try (listed + "../db.sqlite\n").write(to: manifest, atomically: true, encoding: .utf8)
        let refused = try SiteRun.permaudit(arguments, in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasSuffix(".permaudit-files line \(listed.split(separator: "\n").count + 1): expected a file path inside the "
            + "folder (as permaudit site writes it); delete the file to start a new list\n"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("db.sqlite").path))
    }

    /// With activity logs, each app's page shows `permaudit advise`'s verdicts: the same as the overprivileged
    /// report's for that app.
    @Test func appPagesShowTheLeastPrivilegeAdvice() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.sampleDatabase(in: folder)
        try #require(try SiteRun.permaudit(["site", "--out", "site", "--tenant", SiteRun.sampleTenant, "--db", "db.sqlite"], in: folder).status == 0)
        let report = try SiteRun.permaudit(["report", "--overprivileged", "--format", "csv", "--db", "db.sqlite"], in: folder)
        let rows = report.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let clientId = "d5d0070c-f501-5805-85e5-f432e3990f4f"
        let expected = rows.filter { $0[1] == clientId }.map { "\($0[6]) \($0[9])" }.sorted()
        // The site fixture's catalog is a cut: its verdicts are cannotJudge, but they are the report's.
        #expect(expected == ["Directory.ReadWrite.All cannotJudge", "Mail.Send cannotJudge"])
        let page = try String(contentsOf: folder.appendingPathComponent("site/apps/\(clientId).html"), encoding: .utf8)
        #expect(page.contains("<h2>Least-privilege advice</h2>"))
        let advice = try #require(page.firstMatch(of: /<table class="advice">(?s:.*?)<\/table>/)).0
        let shown = advice.matches(of: /<tr><td>(?:<a [^>]*>)?([^<]*)(?:<\/a>)?<\/td><td>[^<]*<\/td><td class="verdict">([^<]*)</).map { "\($0.1) \($0.2)" }
        #expect(shown.sorted() == expected)
    }

    /// The site's HTML escaping: the five characters, byte by byte, even where a combining mark joins a `<`
    /// into one Character (which Mustache's own escaping would leave as it is).
    @Test func siteHTMLEscapesEveryMarkupCharacter() {
        #expect(SiteHTML().escapeText(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(SiteHTML().escapeText("<\u{338}script>") == "&lt;\u{338}script&gt;")
        #expect(SiteHTML().escapeText("plain · text") == "plain · text")
    }

    @Test(arguments: [
        (["--out", "db.sqlite"], "permaudit: --out db.sqlite is a file: name a folder (it is created if missing)\n"),
        (["--out", "site", "--tenant", "nope"], "permaudit: no tenant nope in the database; imported tenants: \(SiteRun.sampleTenant)\n"),
        (["--out", "site", "--as-of", "previous"], "permaudit: --as-of: expected a date YYYY-MM-DD (each series' latest snapshot "
            + "on or before it) or latest, not a snapshot of one series\n"),
        (["--out", "site", "--as-of", "2020-01-01"], "permaudit: --as-of 2020-01-01: no catalog snapshot on or before it; the oldest is of 2023-03-07\n"),
        (["--out", "site", "--as-of", "2023-03-07", "--tenant", SiteRun.sampleTenant],
         "permaudit: --as-of 2023-03-07: no snapshot of tenant \(SiteRun.sampleTenant) on or before it\n"),
    ])
    func badInputIsOneLineAndExitCodeTwo(arguments: [String], message: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.sampleDatabase(in: folder)
        let run = try SiteRun.permaudit(["site", "--db", "db.sqlite"] + arguments, in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == message)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("site").path), "a folder was written")
    }

    /// `--as-of`: the site as the database stood on the date. Kibali's 2023-03-07 file says
    /// Calls.JoinGroupCallasGuest.All needs no admin consent, its 2026-08-07 file (and the service principal's
    /// 2026-08-19) that it does; the metadata is of 2023-05-09.
    @Test func asOfShowsTheDatabaseAsItStoodOnTheDate() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.sampleDatabase(in: folder)
        let before = try Data(contentsOf: folder.appendingPathComponent("db.sqlite"))
        for (out, asOf) in [("now", "latest"), ("then", "2023-03-07")] {
            let run = try SiteRun.permaudit(["site", "--out", out, "--as-of", asOf, "--db", "db.sqlite"], in: folder)
            try #require(run.status == 0, "\(run.stderr)")
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent("db.sqlite")) == before)
        let page = "permissions/Calls.JoinGroupCallasGuest.All__2.html"
        let now = try String(contentsOf: folder.appendingPathComponent("now/" + page), encoding: .utf8)
        let then = try String(contentsOf: folder.appendingPathComponent("then/" + page), encoding: .utf8)
        #expect(now.contains("<dd class=\"consent\">yes") && !now.contains("class=\"as-of\""))
        #expect(then.contains("<dd class=\"consent\">no"))
        #expect(then.contains("<p class=\"as-of\">As of 2023-03-07: "))
        #expect(then.contains("from the catalog 2023-03-07"))
        #expect(then.contains("No Graph metadata imported"))
        let history = try #require(then.firstMatch(of: /<h3>History<\/h3>(?s:.*?)<\/table>/)).0
        #expect(history.contains("<td>2023-03-07</td>") && !history.contains("2026-"))
        #expect(now.firstMatch(of: /<h3>History<\/h3>(?s:.*?)<\/table>/)?.0.contains("<td>2026-08-07</td>") == true)
        let files = try Self.contents(of: folder.appendingPathComponent("then"))
        #expect(try Self.export("Calls.JoinGroupCallasGuest.All__2", "json", in: files).contains(#""requiresAdminConsent":false"#))
        #expect(!files.keys.contains("permissions/CallDelegation.ReadWrite.html"))
    }

    /// `--as-of` with a tenant: its snapshot on or before the date. The sample's second export (2026-11-08)
    /// adds Contoso Phish Catcher; as of 2026-11-05 the report and the drift are of the first (2026-11-01) alone.
    @Test func asOfTakesTheTenantSnapshotOnOrBeforeTheDate() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.sampleDatabase(in: folder)
        for (out, asOf) in [("now", "latest"), ("then", "2026-11-05")] {
            let run = try SiteRun.permaudit(["site", "--out", out, "--tenant", SiteRun.sampleTenant, "--as-of", asOf, "--db", "db.sqlite"], in: folder)
            try #require(run.status == 0, "\(run.stderr)")
        }
        func page(_ path: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) }
        #expect(try page("now/admin-consent.html").contains("Contoso Phish Catcher"))
        #expect(try page("now/drift.html").contains("Contoso Phish Catcher"))
        #expect(try !page("then/admin-consent.html").contains("Contoso Phish Catcher"))
        #expect(try !page("then/drift.html").contains("Contoso Phish Catcher"))
        #expect(try page("then/admin-consent.html").contains("the tenant snapshot of 2026-11-01"))
        #expect(try page("then/admin-consent.html").contains("Northwind Call Assistant"))
    }

    static func htmlFiles(_ folder: URL) throws -> [URL] {
        try contents(of: folder).keys.filter { $0.hasSuffix(".html") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Every file under `folder`, by its relative path.
    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
    }

    /// The start tags of a page, as an HTML parser reads them (the site writes every attribute value quoted;
    /// escaped text holds no `<`, so every `<` starts markup).
    static func tags(in html: String) -> [Tag] {
        let tag = /<([!a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*>/
        let attribute = /([^\s=>]+)(?:="([^"]*)")?/
        return html.matches(of: tag).map { match in
            Tag(name: match.1.lowercased(),
                attributes: String(match.2).matches(of: attribute).map { (String($0.1).lowercased(), String($0.2 ?? "")) })
        }
    }
}
