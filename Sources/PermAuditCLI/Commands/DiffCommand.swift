import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two snapshots.",
        subcommands: [DiffCatalogCommand.self, DiffTenantCommand.self])
}

/// The catalog series `diff catalog --source` names.
enum CatalogSeriesName: String, ExpressibleByArgument, CaseIterable {
    case kibali
    case servicePrincipal = "service-principal"
    case provisioningInfo = "provisioning-info"
    case permissionsDescriptions = "permissions-descriptions"

    var source: CatalogSource {
        switch self {
        case .kibali: .kibali
        case .servicePrincipal: .servicePrincipal
        case .provisioningInfo: .provisioningInfo
        case .permissionsDescriptions: .permissionsDescriptions
        }
    }
}

extension SnapshotRef: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

struct DiffCatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "What changed in a catalog series between two snapshots: added, removed and changed permissions.",
        discussion: """
            REF is a snapshot id, an as-of date YYYY-MM-DD (the latest snapshot on or before it), latest or \
            previous. Entries are keyed by (permission, kind); names are exact and case-sensitive.

            With --tenant (or --impact), only the changes to permissions the tenant holds, and who holds them.

            Example: permaudit diff catalog --source kibali --from 2026-07-22 --to 2026-07-28 --format json
            Example: permaudit diff catalog --source service-principal --from 2025-09-17 --impact
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The catalog series.")
    var source: CatalogSeriesName = .kibali

    @Option(help: ArgumentHelp("The API whose catalog this is.", valueName: "appId"))
    var resource = WellKnownApp.microsoftGraph

    @Option(help: ArgumentHelp("The older snapshot.", valueName: "REF")) var from: SnapshotRef = .previous
    @Option(help: ArgumentHelp("The newer snapshot.", valueName: "REF")) var to: SnapshotRef = .latest

    @Option(help: "Only the changes that touch permissions this tenant holds (its latest snapshot), with who holds them.")
    var tenant: String?

    @Flag(help: "As --tenant, for the only tenant in the database.")
    var impact = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if tenant != nil && impact { throw ValidationError("--tenant and --impact both name the tenant: give one") }
    }

    func run() throws {
        let database = try global.openForReading()
        let diff = try CatalogDiff.make(database, source: source.source, resourceAppId: resource, from: from, to: to)
        if tenant != nil || impact {
            Console.data(try CatalogImpact.make(database, diff: diff, tenantId: tenant).render(output.style))
        } else {
            Console.data(diff.render(output.style))
        }
    }
}

struct DiffTenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "What changed in a tenant between two exports: apps, holdings added and removed, consent type changes.",
        discussion: """
            REF is a tenant snapshot id, an as-of date YYYY-MM-DD (the latest snapshot on or before it), latest \
            or previous. New admin-consent holdings come first. With --fail-on, the rules look at the holdings \
            new in the newer snapshot (added, or whose consent type changed) and exit 1 when one matches and no \
            valid policy exception covers it.

            Example: permaudit diff tenant --from previous --to latest --format json
            Example: permaudit diff tenant --fail-on tier0 --fail-on third-party-admin-consent
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The tenant (needed when the database holds several).") var tenant: String?
    @Option(help: ArgumentHelp("The older snapshot.", valueName: "REF")) var from: SnapshotRef = .previous
    @Option(help: ArgumentHelp("The newer snapshot.", valueName: "REF")) var to: SnapshotRef = .latest

    @OptionGroup var gate: GateOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        try gate.check()
        let database = try global.openForReading()
        let diff = try TenantDiff.make(database, tenantId: tenant, from: from, to: to, classifier: try gate.classifier(database))
        let flagged = try FlaggedSnapshotWarning.warn(database, snapshots: [diff.from, diff.to])
        Console.data(diff.render(output.style))
        try FlaggedSnapshotWarning.refuse(flagged, failOn: gate.failOn)
        try gate.enforce(on: diff.newHoldings, quiet: global.quiet)
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "A permission's timeline across all snapshots and sources: first seen, changes, removals, returns.",
        discussion: "Example: permaudit history Calls.ReportSyntheticMedia.All --kind application")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only the delegated scope or only the application role of that name.")
    var kind: PermissionKind?

    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The permission's exact name (case-sensitive).", valueName: "permission"))
    var permission: String

    func run() throws {
        let database = try global.openForReading()
        Console.data(try PermissionHistory.make(database, permission: permission, kind: kind).render(output.style))
    }
}
