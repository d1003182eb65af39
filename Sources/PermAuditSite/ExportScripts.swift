import PermAuditReport

/// The data behind Export JSON and Export CSV, as scripts the page loads when a button is pressed (a page
/// from `file://` may not fetch, but may add a `<script src>`): `permissions/SLUG.js` holds the permission's
/// export in parts (PermissionExport), `types/SLUG.js` each reached type's properties, written once for the
/// whole site. site.js joins them into the bytes `permaudit show --format json|csv` prints. Every string is a
/// JSON string literal, which is inert JavaScript whatever it holds.
struct ExportScripts: Sendable {
    /// File names of the types' scripts, by qualified type name.
    let typeSlugs: [String: String]

    static let formats: [(key: String, format: ListingFormat)] = [("json", .json), ("csv", .csv)]

    init(typeNames: [String]) {
        typeSlugs = PageSlug.slugs(for: typeNames)
    }

    /// `permauditData({"json": PARTS, "csv": PARTS, "types": [SRC...]})`: a part is text, or `[TYPE, LEAD]`,
    /// the type's rows (an index into `types`) each after LEAD.
    func permission(_ page: PermissionPage) -> String {
        var types: [String] = []
        var index: [String: Int] = [:]
        var members: [(String, JSONValue)] = Self.formats.map { key, format in
            let parts = page.export(format).parts.map { part -> JSONValue in
                switch part {
                case .text(let text): return .string(text)
                case .properties(let type, let lead):
                    let position = index[type] ?? types.count
                    if position == types.count { types.append(type); index[type] = position }
                    return .array([.int(position), .string(lead)])
                }
            }
            return (key, .array(parts))
        }
        members.append(("types", .array(types.map { .string("../types/\(typeSlugs[$0]!).js") })))
        return Self.call(.object(members))
    }

    /// `permauditData({"json": [TEXT], "csv": [ROW...]})`.
    static func type(_ resource: PermissionPage.Resource) -> String {
        call(.object(formats.map { key, format in
            (key, .array(PermissionExport.fragments(of: resource, format: format).map(JSONValue.string)))
        }))
    }

    private static func call(_ data: JSONValue) -> String {
        "permauditData(" + data.compactText() + ");\n"
    }
}
