import PermAuditStore

/// What `permaudit show NAME --format json|csv` prints, cut where each resource type's properties go: the site
/// writes each type's properties once (`fragments`) and the browser joins the parts, so a download is the bytes
/// `show` prints without every permission's file repeating the properties of every type it reaches.
public struct PermissionExport: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        /// A type's properties, by its qualified name: in JSON its array; in CSV its rows, each after `lead`.
        case properties(type: String, lead: String)
    }

    public var parts: [Part]

    /// The export's text, with each type's fragments (`fragments(of:format:)`): what the browser assembles.
    public func text(_ fragments: (String) -> [String]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .properties(let type, let lead): fragments(type).map { lead + $0 }.joined()
            }
        }.joined()
    }

    /// A type's properties as the export holds them: the JSON array (one fragment), or each CSV row after its lead.
    /// Made safe for CI logs as `show` prints them (SafeText.ciSafe; nothing it escapes spans a cut).
    public static func fragments(of resource: PermissionPage.Resource, format: ListingFormat) -> [String] {
        switch format {
        case .json: [SafeText.ciSafe(resource.properties.json.compactText())]
        default:
            resource.properties.map { property in
                SafeText.ciSafe(TabularLines(OutputStyle(.csv)).rowTail(PermissionPage.propertyCells(property, of: resource)))
            }
        }
    }
}

extension PermissionPage {
    /// The JSON or CSV export in parts (any other format is taken as CSV).
    public func export(_ format: ListingFormat) -> PermissionExport {
        format == .json ? jsonExport() : csvExport()
    }

    /// A NUL cannot appear in the JSON text itself (JSONText escapes control characters, and a control character
    /// is a Character of its own), so it marks the cuts.
    private static let cut: Character = "\u{0}"

    private func jsonExport() -> PermissionExport {
        var types: [String] = []
        let entries = entries.map { entry in
            entry.json.replacing("resources", with: .array(entry.resources.map { resource in
                guard !resource.properties.isEmpty else { return resource.json }
                types.append(resource.qualifiedName)
                return resource.json.replacing("properties", with: .raw(String(Self.cut)))
            }))
        }
        let text = SafeText.ciSafe(json.replacing("entries", with: .array(entries)).compactText() + "\n")
        let pieces = text.split(separator: Self.cut, omittingEmptySubsequences: false).map(String.init)
        var parts = [PermissionExport.Part.text(pieces[0])]
        for (type, piece) in zip(types, pieces.dropFirst()) {
            parts += [.properties(type: type, lead: ""), .text(piece)]
        }
        return PermissionExport(parts: parts)
    }

    private func csvExport() -> PermissionExport {
        let lines = TabularLines(OutputStyle(.csv))
        let parts = [PermissionExport.Part.text(lines.header(Self.csvColumns))] + csvRows().map { row in
            switch row {
            case .cells(let cells): .text(SafeText.ciSafe(lines.row(cells)))
            case .properties(let lead, let resource): .properties(type: resource.qualifiedName, lead: lines.rowHead(lead))
            }
        }
        return PermissionExport(parts: parts)
    }
}

extension JSONValue {
    /// The object with `key`'s value replaced.
    func replacing(_ key: String, with value: JSONValue) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.map { $0.0 == key ? ($0.0, value) : $0 })
    }
}
