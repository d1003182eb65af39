import Mustache
import PermAuditReport
import PermAuditStore

/// One app of the tenant: who it is and every permission it holds in the latest export, since when.
struct AppView {
    var chrome: PageChrome
    var name, clientId, appId, publisher: String
    var flags: String?
    var count: Int
    var rows: [Row]
    /// `permaudit advise APP`'s verdicts, when activity logs are imported.
    var advice: Advice?

    struct Row {
        var permission, kind, resource, granted, adminConsent, risk, tier, firstSeen: String
        var slug: String?
    }

    struct Advice {
        var window, limits: String
        var rows: [AdviceRow]
    }

    struct AdviceRow {
        var permission, kind, verdict, suggested, calls, lastUsed, reason: String
        var slug: String?
    }

    /// `holdings`: the app's, in the report's order; `advice`: its least-privilege advice (OverprivilegedReport)
    /// with the activity window, nil without activity logs.
    init(holdings: [PermissionHolding], advice: (window: String, judgements: [LeastPrivilegeAdvice.Judgement])?, slugs: [String: String],
         chrome: PageChrome) {
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
        self.advice = advice.map { window, judgements in
            Advice(window: window, limits: OverprivilegedReport.limits, rows: judgements.map { judgement in
                let permission = judgement.holding.permission
                return AdviceRow(
                    permission: Shown.text(permission, absent: "role " + (judgement.holding.permissionId ?? "?")),
                    kind: judgement.holding.kind.rawValue, verdict: judgement.verdict.rawValue,
                    suggested: SafeText.visible(judgement.suggested.joined(separator: ", ")), calls: String(judgement.calls),
                    lastUsed: Shown.text(judgement.lastUsed, absent: "never in the window"), reason: SafeText.visible(judgement.reason),
                    slug: permission.flatMap { slugs[$0] })
            })
        }
    }
}

/// Read by name without reflection (SiteViewTests checks every field is answered): the rows are most of the site.
extension AppView.Row: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "permission": permission
        case "kind": kind
        case "resource": resource
        case "granted": granted
        case "adminConsent": adminConsent
        case "risk": risk
        case "tier": tier
        case "firstSeen": firstSeen
        case "slug": slug
        default: nil
        }
    }
}
