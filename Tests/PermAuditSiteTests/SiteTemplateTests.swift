import Foundation
import PermAuditReport
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSite

@Suite struct SiteTemplateTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("Sources/PermAuditSite/Templates")

    @Test func everyTemplateFileIsEmbedded() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(EmbeddedFiles.siteFiles.map(\.name).sorted() == onDisk)
    }
}

extension SiteTemplateTests {
    /// Mustache escapes `{{value}}` for HTML; `{{{value}}}` and `{{& value}}` would not.
    @Test func noTemplateWritesUnescapedValues() throws {
        for file in EmbeddedFiles.siteFiles where file.name.hasSuffix(".mustache") {
            #expect(!file.text.contains("{{{"), "\(file.name)")
            #expect(!file.text.contains("{{&"), "\(file.name)")
        }
    }

    /// Every template escapes with SiteHTML, named in its first tag.
    @Test func everyTemplateNamesTheSiteEscaping() throws {
        for file in EmbeddedFiles.siteFiles where file.name.hasSuffix(".mustache") {
            #expect(file.text.hasPrefix("{{%CONTENT_TYPE:\(SiteHTML.name)}}"), "\(file.name)")
        }
    }

    /// Script only from the site's own file: no inline script, no handler attribute, no other host.
    @Test func everyPageForbidsInlineScript() throws {
        let head = try #require(EmbeddedFiles.siteFiles.first { $0.name == "head.mustache" }).text
        #expect(head.contains("content=\"default-src 'none'; script-src 'self'; style-src 'self';"))
        for file in EmbeddedFiles.siteFiles where file.name.hasSuffix(".mustache") {
            #expect(file.text.matches(of: /<script(?![^>]*\ssrc=)/).isEmpty, "\(file.name)")
            #expect(file.text.matches(of: /\son[a-z]+=/).isEmpty, "\(file.name)")
        }
    }
}

extension SiteTemplateTests {
    /// The rows Mustache reads by name (MustacheParent) render as they do read by reflection: no field is
    /// missing from a `child(named:)`.
    @Test func rowsReadByNameRenderAsReflected() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteRun.sampleDatabase(in: folder)
        let database = try AppDatabase.open(path: folder.appendingPathComponent("db.sqlite").path)
        let loader = try PermissionPageLoader(database)
        let names = try database.currentPermissionNames()
        let classifier = try RiskClassifier.load(database, today: "2026-12-01")
        let chrome = PageChrome(title: "", root: "../", reportLink: true, version: "test", catalogAsOf: "2026-12-01", tenantAsOf: nil)
        let files = PermissionFiles(loader: loader, histories: try database.allCatalogEntries(), snapshots: try database.catalogSnapshots(),
                                    classifier: classifier, templates: try SiteTemplates(), slugs: PageSlug.slugs(for: names),
                                    chrome: chrome)
        for name in ["CallDelegation.ReadWrite", "Calls.Initiate.All", "User.Read.All"] {
            let view = try files.view(name).view
            #expect(try files.templates.render(view, "permission") == files.templates.render(view, "permission", reflectingEveryView: true))
        }
        var filter = HoldingFilter()
        filter.tenantIds = [SiteRun.sampleTenant]
        let report = ReportView(tenantId: SiteRun.sampleTenant, asOf: "2026-12-01",
                                holdings: Array(try AdminConsentReport.holdings(database, filter: filter, since: nil, classifier: classifier)),
                                slugs: files.slugs, chrome: chrome)
        #expect(!report.rows.isEmpty)
        #expect(try files.templates.render(report, "report") == files.templates.render(report, "report", reflectingEveryView: true))
    }
}
