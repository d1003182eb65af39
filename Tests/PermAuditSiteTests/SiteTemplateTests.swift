import Foundation
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
