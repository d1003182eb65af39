import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report which apps hold permissions that needed an administrator's consent, or more than their calls need.",
        discussion: """
            One row per (tenant, client app, resource, permission, kind, consentType) in each tenant's latest \
            snapshot. The most dangerous first: risk level critical to low (unknown last), then tier 0 to 2 \
            (unknown last), then third-party apps, the highest Kibali privilege level, the app's name. Permissions \
            the catalog does not know are shown with requiresAdminConsent null (unknown), never dropped.

            Each row has its risk level (low, medium, high, critical) and tier (0, 1, 2), each with the source \
            that set it (policy, msIdentityTools, kibali; policy, azureTiering, entraOps), and the policy \
            exception that covers it, valid or expired. The table writes each source as a letter (critical/P, \
            0/T) and names the letters under it.

            Example: permaudit report --admin-consent --publisher thirdParty --format json
            Example: permaudit report --admin-consent --since previous
            Example: permaudit report --admin-consent --min-risk high --fail-on tier0 --fail-on 'risk>=critical'

            --overprivileged judges every Microsoft Graph permission each app holds from the calls it made (imported \
            Graph activity logs): keep, downgrade (to the lesser permission named), redundant, unused or cannotJudge; \
            --since and --until DATE bound the window (default: all imported activity); --fail-on unused, downgrade \
            or redundant exits 1 when a permission gets that verdict.

            Example: permaudit report --overprivileged --publisher thirdParty --fail-on unused

            --unused needs no activity logs: from the imported servicePrincipalSignInActivities report, the apps \
            that have not signed in for --days days (default 90) in the way their permissions are used \
            (app-only for application permissions, with a user for delegated ones), or never.

            Example: permaudit report --unused --days 30
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "The admin-consent report.")
    var adminConsent = false

    @Flag(help: "Least-privilege advice from Graph activity logs: a verdict for each Graph permission an app holds.")
    var overprivileged = false

    @Flag(help: "From the imported sign-in report alone: apps that hold Graph permissions and have not signed in for --days days.")
    var unused = false

    @Option(help: ArgumentHelp("--unused: days without a sign-in.", valueName: "N"))
    var days = 90

    @Option(help: "Only this tenant (repeatable).") var tenant: [String] = []
    @Option(help: "Only this permission name (repeatable).") var permission: [String] = []
    @Option(help: "Only delegated or only application permissions.") var kind: PermissionKind?
    @Option(help: "Only grants of this consent type.") var consentType: ConsentTypeChoice?
    @Option(help: "Only apps of this publisher.") var publisher: PublisherChoice?
    @Option(help: "Only the app with this display name or appId.") var app: String?
    @Option(help: ArgumentHelp("Only holdings new since this tenant snapshot (id, date, previous), with the date each was first seen.",
                               valueName: "REF"))
    var since: SnapshotRef?

    @Option(help: ArgumentHelp("--overprivileged: the last day of the activity window.", valueName: "YYYY-MM-DD"))
    var until: String?

    @Option(help: "Only holdings at this risk level or above.") var minRisk: RiskLevel?
    @Option(help: ArgumentHelp("Only holdings of this tier: 0, 1 or 2 (repeatable).", valueName: "tier")) var tier: [Int] = []

    @OptionGroup var gate: GateOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard [adminConsent, overprivileged, unused].filter({ $0 }).count == 1 else {
            throw ValidationError("name one report: --admin-consent, --overprivileged or --unused")
        }
        guard !overprivileged else { return try validateOverprivileged() }
        guard !unused else { return try validateUnused() }
        if until != nil { throw ValidationError("--until is for --overprivileged (--since REF names a snapshot here)") }
        if let bad = tier.first(where: { !(0...2).contains($0) }) { throw ValidationError("--tier \(bad): expected 0, 1 or 2") }
        if gate.failOn.contains(FailOnRule.newAdminConsent.description) && since == nil {
            throw ValidationError("--fail-on new-admin-consent on report needs --since REF (or use diff tenant)")
        }
    }

    func run() throws {
        guard !overprivileged else { return try runOverprivileged() }
        guard !unused else { return try runUnused() }
        try gate.check()
        let filter = holdingFilter
        let database = try global.openForReading()
        let holdings = try AdminConsentReport.holdings(database, filter: filter, since: since, classifier: try gate.classifier(database),
                                                       risk: RiskFilter(minimumLevel: minRisk, tiers: tier))
        // An empty report must not read as a clean tenant when there is no tenant at all.
        if holdings.isEmpty, try database.tenantSnapshots().isEmpty {
            Console.note("no tenant imported yet: permaudit import a tenant export (or --sample)", quiet: global.quiet)
        }
        let flagged = try FlaggedSnapshotWarning.warnLatest(database)
        AdminConsentReport.write(holdings, style: output.style) { Console.data($0) }
        try FlaggedSnapshotWarning.refuse(flagged, failOn: gate.failOn)
        try gate.enforce(on: holdings, quiet: global.quiet)
    }

    var holdingFilter: HoldingFilter {
        var filter = HoldingFilter()
        filter.tenantIds = tenant
        filter.permissions = permission
        filter.kind = kind
        filter.consentType = consentType?.rawValue
        filter.publisher = publisher?.rawValue
        filter.app = app
        return filter
    }
}
