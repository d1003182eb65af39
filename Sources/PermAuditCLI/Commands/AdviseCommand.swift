import ArgumentParser
import PermAuditReport
import PermAuditStore

struct AdviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "One app's least-privilege advice: its Graph calls, the least permissions they need, a verdict on each it holds.",
        discussion: """
            From imported Microsoft Graph activity logs and the catalog's API paths (Kibali's least= marks): each \
            call the app made in the window (template, count, the least permission, the held ones that allow it), \
            the calls refused (403) and the ones the catalog does not know, then keep, downgrade, redundant, unused \
            or cannotJudge for each Graph permission it holds. Advice for review, never automatic revocation.

            Example: permaudit advise "Fabrikam Mailbox Backup"
            Example: permaudit advise c572105d-6d77-5d4a-8320-c81774d90b44 --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The app's display name or appId.", valueName: "app"))
    var app: String

    @Option(help: "Only this tenant.") var tenant: String?
    @Option(help: ArgumentHelp("The first day of the activity window.", valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: ArgumentHelp("The last day of the activity window.", valueName: "YYYY-MM-DD")) var until: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, AsOfDate.validated(value) == nil { throw ValidationError("\(flag) \(value): expected a date, YYYY-MM-DD") }
        }
    }

    func run() throws {
        let database = try global.openForReading()
        var filter = HoldingFilter()
        filter.app = app
        filter.tenantIds = tenant.map { [$0] } ?? []
        let advice = try OverprivilegedReport.advice(database, filter: filter, from: since, through: until)
        guard !advice.isEmpty else {
            throw UsageError("no app named \"\(app)\" holds Microsoft Graph permissions in the latest tenant snapshot (give its display name or appId)")
        }
        let window = try database.activityWindow()
        Console.note("activity window \(since ?? window?.first ?? "none") to \(until ?? window?.last ?? "none"); " + OverprivilegedReport.limits,
                     quiet: global.quiet)
        Console.data(LeastPrivilegeAdvice.render(advice, style: output.style))
    }
}
