import PermAuditReport
import PermAuditStore

/// The drift of a tenant (`diff tenant`): for each pair of consecutive snapshots, newest first, the apps added
/// and removed and the holdings added, removed and changed, each classified.
struct DriftView {
    var chrome: PageChrome
    var tenantId: String
    var hasSteps: Bool
    var steps: [Step]

    struct Step {
        var from, to, summary: String
        var appsAdded, appsRemoved: [String]
        var hasHoldings: Bool
        var holdings: [Row]
    }

    struct Row {
        var change, app, publisher, permission, kind, granted, adminConsent, risk, tier: String
        var details, slug, flags: String?
    }

    init(tenantId: String, diffs: [TenantDiff], slugs: [String: String], chrome: PageChrome) {
        self.chrome = chrome
        self.tenantId = SafeText.visible(tenantId)
        steps = diffs.sorted { ($0.to.asOf, $0.to.id) > ($1.to.asOf, $1.to.id) }.map { Self.step($0, slugs: slugs) }
        hasSteps = !steps.isEmpty
    }

    static func step(_ diff: TenantDiff, slugs: [String: String]) -> Step {
        let app = { (app: TenantApp) in SafeText.visible(app.displayName ?? app.appId ?? app.id) + " (" + SafeText.visible(app.publisher) + ")" }
        let rows = diff.added.map { row("added", $0, nil, slugs) } + diff.removed.map { row("removed", $0, nil, slugs) }
            + diff.changed.map { row("changed", $0.holding, $0.changes.map(HistoryRow.describe).joined(separator: "; "), slugs) }
        return Step(
            from: SafeText.visible(diff.from.asOf), to: SafeText.visible(diff.to.asOf),
            summary: "\(Plural.count(diff.appsAdded.count, "app")) added, \(diff.appsRemoved.count) removed; "
                + "\(Plural.count(diff.added.count, "holding")) added, \(diff.removed.count) removed, \(diff.changed.count) changed",
            appsAdded: diff.appsAdded.map(app), appsRemoved: diff.appsRemoved.map(app), hasHoldings: !rows.isEmpty, holdings: rows)
    }

    static func row(_ change: String, _ h: PermissionHolding, _ details: String?, _ slugs: [String: String]) -> Row {
        let report = ReportView.row(h, slugs: slugs)
        return Row(change: change, app: report.app, publisher: report.publisher, permission: report.permission, kind: report.kind,
                   granted: report.granted, adminConsent: report.adminConsent, risk: report.risk, tier: report.tier,
                   details: details, slug: report.slug, flags: report.flags)
    }
}
