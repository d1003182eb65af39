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
