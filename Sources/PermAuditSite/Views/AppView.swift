import PermAuditReport
import PermAuditStore

/// One app of the tenant: who it is and every permission it holds in the latest export, since when.
struct AppView {
    var chrome: PageChrome
    var name, clientId, appId, publisher: String
    var flags: String?
    var count: Int
    var rows: [Row]

    struct Row {
        var permission, kind, resource, granted, adminConsent, risk, tier, firstSeen: String
        var slug: String?
    }

    /// `holdings`: the app's, in the report's order.
    init(holdings: [PermissionHolding], slugs: [String: String], chrome: PageChrome) {
        self.chrome = chrome
        let first = holdings[0]
        name = SafeText.visible(first.clientDisplayName ?? first.clientAppId ?? first.clientId)
        clientId = SafeText.visible(first.clientId)
        appId = Shown.text(first.clientAppId, absent: "unknown")
        publisher = Shown.text(first.publisher, absent: "unknown")
        flags = TextFlag.summary([("app name", first.clientDisplayName), ("publisher", first.publisher)])
        count = holdings.count
        rows = holdings.map { holding in
            let report = ReportView.row(holding, slugs: slugs)
            return Row(permission: report.permission, kind: report.kind, resource: report.resource, granted: report.granted,
                       adminConsent: report.adminConsent, risk: report.risk, tier: report.tier,
                       firstSeen: Shown.text(holding.firstSeen, absent: "unknown"), slug: report.slug)
        }
    }
}
