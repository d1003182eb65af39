import Mustache
import PermAuditReport
import PermAuditStore

/// The admin-consent report of one tenant's latest snapshot: AdminConsentReport's rows, most dangerous first,
/// with the values its filters read in data attributes.
struct ReportView {
    var chrome: PageChrome
    var tenantId: String
    var asOf: String
    var count: Int
    var publishers, consentTypes, risks, tiers: [String]
    var rows: [Row]
    var exceptions: [String]

    struct Row {
        var app, appSlug, publisher, permission, kind, consentType, granted, adminConsent, risk, tier, resource: String
        var riskSource, tierSource, slug, flags: String?
    }

    init(tenantId: String, asOf: String, holdings: [PermissionHolding], slugs: [String: String], chrome: PageChrome) {
        self.chrome = chrome
        self.tenantId = SafeText.visible(tenantId)
        self.asOf = SafeText.visible(asOf)
        count = holdings.count
        rows = holdings.map { Self.row($0, slugs: slugs) }
        publishers = Array(Set(rows.map(\.publisher))).sorted()
        consentTypes = Array(Set(rows.map(\.consentType))).sorted()
        risks = Array(Set(rows.map(\.risk))).sorted()
        tiers = Array(Set(rows.map(\.tier))).sorted()
        exceptions = holdings.compactMap { holding in
            guard let risk = holding.risk, let exception = risk.exception else { return nil }
            let state = risk.exceptionValid == true ? "until \(exception.expires)" : "EXPIRED \(exception.expires)"
            return SafeText.visible("Exception: \(holding.clientDisplayName ?? holding.clientId) \(holding.permission ?? holding.permissionId ?? "?") "
                + "(\(holding.kind.rawValue)): \(state), owner \(exception.owner): \(exception.reason)")
        }
    }

    static func row(_ h: PermissionHolding, slugs: [String: String]) -> Row {
        Row(
            app: SafeText.visible(h.clientDisplayName ?? h.clientAppId ?? h.clientId), appSlug: PageSlug.encode(h.clientId), publisher: Shown.text(h.publisher, absent: "unknown"),
            permission: Shown.text(h.permission, absent: "role " + (h.permissionId ?? "?")), kind: h.kind.rawValue,
            consentType: SafeText.visible(h.consentType), granted: granted(h), adminConsent: Shown.flag(h.requiresAdminConsent),
            risk: h.risk?.level?.rawValue ?? "unknown", tier: h.risk?.tier.map(String.init) ?? "unknown",
            resource: Shown.text(h.resourceDisplayName ?? h.resourceAppId, absent: h.resourceId),
            riskSource: h.risk?.levelSource?.rawValue, tierSource: h.risk?.tierSource?.rawValue,
            // A link only to a page this site has: the permission of a resource the catalog knows.
            slug: h.permission.flatMap { slugs[$0] },
            flags: TextFlag.summary([("app name", h.clientDisplayName), ("publisher", h.publisher)]))
    }

    static func granted(_ h: PermissionHolding) -> String {
        switch h.consentType {
        case "Application": "app role"
        case "AllPrincipals": "all users"
        default: Plural.count(h.principalCount ?? 0, "user")
        }
    }
}

/// Read by name without reflection (SiteViewTests checks every field is answered): the rows are most of the site.
extension ReportView.Row: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "app": app
        case "appSlug": appSlug
        case "publisher": publisher
        case "permission": permission
        case "kind": kind
        case "consentType": consentType
        case "granted": granted
        case "adminConsent": adminConsent
        case "risk": risk
        case "tier": tier
        case "resource": resource
        case "riskSource": riskSource
        case "tierSource": tierSource
        case "slug": slug
        case "flags": flags
        default: nil
        }
    }
}
