import Mustache
import PermAuditStore

/// The Mustache templates and the static assets, from the files embedded in the binary
/// (Sources/PermAuditSite/Templates). Mustache escapes every `{{value}}` for HTML; the templates use no
/// `{{{triple}}}` or `{{& }}` tag, which a test checks.
struct SiteTemplates {
    let library: MustacheLibrary
    /// Files copied to the site as they are: the stylesheet and the script.
    let assets: [(name: String, bytes: [UInt8])]

    static let templateExtension = ".mustache"

    init() throws {
        var library = MustacheLibrary()
        var assets: [(String, [UInt8])] = []
        for file in EmbeddedFiles.siteFiles {
            if file.name.hasSuffix(Self.templateExtension) {
                try library.register(file.text, named: String(file.name.dropLast(Self.templateExtension.count)))
            } else {
                assets.append((file.name, file.bytes))
            }
        }
        self.library = library
        self.assets = assets
    }

    func render(_ view: Any, _ template: String) throws -> String {
        guard let html = library.render(view, withTemplate: template) else { throw SiteError("internal: no template named \(template)") }
        return html
    }
}
