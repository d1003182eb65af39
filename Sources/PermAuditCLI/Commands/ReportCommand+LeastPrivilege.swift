import ArgumentParser
import PermAuditReport
import PermAuditStore

/// `report --overprivileged`: least-privilege advice from imported Graph activity logs.
extension ReportCommand {
    func validateOverprivileged() throws {
        if !tier.isEmpty || minRisk != nil { throw ValidationError("--tier and --min-risk are for --admin-consent") }
        if let since, case .onOrBefore = since {} else if since != nil {
            throw ValidationError("--since with --overprivileged: expected a date, YYYY-MM-DD")
        }
        if let until, AsOfDate.validated(until) == nil { throw ValidationError("--until \(until): expected a date, YYYY-MM-DD") }
        if let bad = gate.failOn.first(where: { !Self.verdictRules.contains($0) }) {
            throw ValidationError("--fail-on \(bad) with --overprivileged: expected " + Self.verdictRules.joined(separator: ", "))
        }
    }

    static let verdictRules = [PermissionVerdict.unused, .downgrade, .redundant].map(\.rawValue)

    func runOverprivileged() throws {
        let database = try global.openForReading()
        var from: String?
        if case .onOrBefore(let date) = since { from = date }
        guard let window = try database.activityWindow() else {
            Console.note("no Graph activity imported yet: permaudit import the activity-log export (storage PT1H.json, Log Analytics results)",
                         quiet: global.quiet)
            Console.data(OverprivilegedReport.render([], style: output.style))
            return
        }
        let advice = try OverprivilegedReport.advice(database, filter: holdingFilter, from: from, through: until)
        let flagged = try FlaggedSnapshotWarning.warnLatest(database)
        Console.note("activity window \(from ?? window.first) to \(until ?? window.last); " + OverprivilegedReport.limits, quiet: global.quiet)
        Console.data(OverprivilegedReport.render(advice, style: output.style))
        try FlaggedSnapshotWarning.refuse(flagged, failOn: gate.failOn)
        let failing = advice.flatMap(\.judgements).filter { gate.failOn.contains($0.verdict.rawValue) }
        guard !failing.isEmpty else { return }
        throw GateFailure(message: OverprivilegedReport.failureMessage(failing))
    }
}

/// `report --unused`: apps that have not signed in for --days days, from the sign-in report.
extension ReportCommand {
    func validateUnused() throws {
        if !tier.isEmpty || minRisk != nil || since != nil || until != nil || !gate.failOn.isEmpty {
            throw ValidationError("--unused takes the holding filters and --days only")
        }
        if days < 1 { throw ValidationError("--days \(days): expected a number of days, 1 or more") }
    }

    func runUnused() throws {
        let database = try global.openForReading()
        guard let report = try UnusedReport.rows(database, filter: holdingFilter, days: days) else {
            Console.note("no sign-in report imported yet: permaudit import the servicePrincipalSignInActivities report "
                + "(GET /beta/reports/servicePrincipalSignInActivities)", quiet: global.quiet)
            Console.data(UnusedReport.render([], style: output.style))
            return
        }
        Console.note("sign-in report as of \(report.asOf): apps with Graph permissions and no sign-in for \(Plural.count(days, "day")) or more",
                     quiet: global.quiet)
        Console.data(UnusedReport.render(report.rows, style: output.style))
    }
}
