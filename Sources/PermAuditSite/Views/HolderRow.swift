import Mustache
import PermAuditReport
import PermAuditStore

/// An app holding the permission in a tenant's latest snapshot, flagged when its name hides or mixes characters.
struct HolderRow {
    var app, publisher, consent, tenantId, asOf: String
    var flags: String?

    init(_ holder: PermissionPage.Holder) {
        app = SafeText.visible(holder.clientDisplayName ?? holder.clientAppId ?? holder.clientId)
        publisher = Shown.text(holder.publisher, absent: "unknown")
        consent = holder.consentType == "Principal"
            ? "Principal (\(Plural.count(holder.principalCount ?? 0, "user")))" : SafeText.visible(holder.consentType)
        tenantId = SafeText.visible(holder.tenantId)
        asOf = SafeText.visible(holder.asOf)
        flags = TextFlag.summary([("app name", holder.clientDisplayName), ("publisher", holder.publisher)])
    }
}

/// Read by name without reflection (SiteViewTests checks every field is answered): the rows are most of the site.
extension HolderRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "app": app
        case "publisher": publisher
        case "consent": consent
        case "tenantId": tenantId
        case "asOf": asOf
        case "flags": flags
        default: nil
        }
    }
}
