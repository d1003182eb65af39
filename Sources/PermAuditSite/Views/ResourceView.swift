import Mustache
import PermAuditReport
import PermAuditStore

/// A resource type and its properties: the first `shownLimit` in the table, the rest in a `<details>` that
/// opens without a reload (and opens for print).
struct ResourceView {
    static let shownLimit = 15

    var type: String
    var kind: String
    var baseType: String?
    var description: String?
    var pathNote: String
    var hasProperties: Bool
    var propertyCount: Int
    var shownCount: Int
    var firstProperties: [PropertyRow]
    var hasMore: Bool
    var moreProperties: [PropertyRow]
    var olderNote: String?

    init(_ resource: PermissionPage.Resource) {
        type = SafeText.visible(resource.type)
        kind = Shown.text(resource.kind, absent: "not defined in this metadata")
        baseType = resource.baseType.map(SafeText.visible)
        description = resource.description.map(SafeText.visible)
        pathNote = Plural.count(resource.pathCount, "path") + ": " + SafeText.visible(resource.methods.joined(separator: ", "))
        hasProperties = resource.kind != nil
        propertyCount = resource.propertyCount
        let rows = resource.properties.map { PropertyRow($0, of: resource) }
        shownCount = min(Self.shownLimit, rows.count)
        firstProperties = Array(rows.prefix(Self.shownLimit))
        moreProperties = Array(rows.dropFirst(Self.shownLimit))
        hasMore = !moreProperties.isEmpty
        olderNote = resource.olderDescriptionNote.map(SafeText.visible)
    }
}

struct PropertyRow {
    var name, type, nullable, remark: String

    init(_ property: PermissionPage.Property, of resource: PermissionPage.Resource) {
        name = SafeText.visible(property.name)
        type = SafeText.visible(property.type) + (property.isNavigation ? " (navigation)" : "")
        nullable = property.nullableText
        var remark = property.declaredBy == resource.type ? "" : "[from \(SafeText.visible(property.declaredBy))] "
        if let description = property.description { remark += (property.descriptionAsOf == nil ? "" : "* ") + SafeText.visible(description) }
        self.remark = remark
    }
}

/// Read by name without reflection (SiteViewTests checks every field is answered): the rows are most of the site.
extension ResourceView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "type": type
        case "kind": kind
        case "baseType": baseType
        case "description": description
        case "pathNote": pathNote
        case "hasProperties": hasProperties
        case "propertyCount": propertyCount
        case "shownCount": shownCount
        case "firstProperties": firstProperties
        case "hasMore": hasMore
        case "moreProperties": moreProperties
        case "olderNote": olderNote
        default: nil
        }
    }
}

extension PropertyRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "type": type
        case "nullable": nullable
        case "remark": remark
        default: nil
        }
    }
}
