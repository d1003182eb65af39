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
        MustacheContentTypes.register(SiteHTML(), named: SiteHTML.name)
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

    /// `reflectingEveryView`: reads every view by reflection, as the rows that answer by name
    /// (MustacheParent) must render alike; for the test that checks they do.
    func render(_ view: Any, _ template: String, reflectingEveryView: Bool = false) throws -> String {
        guard let html = library.render(Self.tree(view, reflectingEveryView: reflectingEveryView) as Any, withTemplate: template) else {
            throw SiteError("internal: no template named \(template)")
        }
        return html
    }

    /// The view as dictionaries, arrays and values, each struct reflected once: Mustache looks a name up in a
    /// dictionary directly, but reflects a struct again for every `{{name}}` it looks up in it. A nil is left
    /// out, which Mustache reads as it reads a nil field. A view that answers by name (MustacheParent: the
    /// many rows) is left as it is: reflecting it cost more than rendering it.
    static func tree(_ value: Any, reflectingEveryView: Bool = false) -> Any? {
        if !reflectingEveryView, value is any MustacheParent { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let field = tree(child.value, reflectingEveryView: reflectingEveryView) { fields[label] = field }
            }
            return fields
        case .optional:
            return mirror.children.first.flatMap { tree($0.value, reflectingEveryView: reflectingEveryView) }
        case .collection:
            return mirror.children.compactMap { tree($0.value, reflectingEveryView: reflectingEveryView) }
        default:
            return value
        }
    }
}
