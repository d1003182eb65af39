import ArgumentParser
import Foundation
import PermAuditGraph
import PermAuditStore

/// The sync itself (the default of `permaudit sync`).
struct SyncRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Sync the tenant from Microsoft Graph (the default of permaudit sync).",
        discussion: """
            Exit codes: 0 complete; 2 usage, configuration, authentication or permission error; \
            4 incomplete or a remote failure (run permaudit sync --resume).

            Example: permaudit sync --tenant contoso.onmicrosoft.com --save-json exports/
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: SyncConnectionOptions

    @Option(help: "Requests in flight at once (1-16).")
    var concurrency = 4

    @Option(help: "Attempts per request before the collection is given up (1-20).")
    var maxAttempts = 8

    @Flag(help: "Continue the newest unfinished run from the pages it has read.")
    var resume = false

    @Flag(help: "Make a snapshot even when a collection is incomplete; the run is recorded as flagged.")
    var acceptIncomplete = false

    @Option(help: ArgumentHelp("Also write the pages read as Graph-shaped files, for permaudit import.", valueName: "dir"))
    var saveJson: String?

    @Flag(help: "Preflight: check the token, the tenant and the counts, estimate the requests; write nothing.")
    var check = false

    func validate() throws {
        guard (1...16).contains(concurrency) else { throw ValidationError("--concurrency \(concurrency): give 1 to 16") }
        guard (1...20).contains(maxAttempts) else { throw ValidationError("--max-attempts \(maxAttempts): give 1 to 20") }
    }

    func run() throws {
        MallocTuning.fixMappingThresholdForImport()
        let settings = try connection.settings(concurrency: concurrency, maxAttempts: maxAttempts)
        if check {
            let tenant = connection.tenant
            let lines = try Blocking.run { try await settings.withClient { try await SyncPreflight(client: $0, tenant: tenant).lines() } }
            lines.forEach { Console.data($0 + "\n") }
            return
        }
        let database = try global.openForWriting().database
        let options = SyncOptions(tenant: connection.tenant, resume: resume, acceptIncomplete: acceptIncomplete,
                                  saveJSON: saveJson.map { URL(fileURLWithPath: $0) })
        let concurrency = concurrency
        let progressLine = ProgressLine.make(quiet: global.quiet)
        defer { progressLine?.erase() }
        // Collection names are ours; nothing from Graph is shown in the line.
        let progress = progressLine.map { line in SyncProgress { text in line.show { "\(text) (\(Int($0)) s)" } } }
        let outcome = try Blocking.run {
            try await settings.withClient { client in
                try await GraphSync(client: client, database: database, options: options, concurrency: concurrency, progress: progress).run()
            }
        }
        progressLine?.erase()
        try report(outcome)
    }

    /// One summary line; an incomplete run is exit code 4 with the collections that failed.
    private func report(_ outcome: SyncOutcome) throws {
        if resume && !outcome.resumed { Console.note("permaudit: no unfinished sync of this Graph and tenant to resume: read it whole", quiet: global.quiet) }
        let requests = "\(outcome.requests) requests, \(outcome.retries) retries"
        if let snapshot = outcome.snapshot {
            let flag = outcome.isComplete ? "" : " (flagged incomplete: --accept-incomplete)"
            Console.note("synced tenant \(snapshot.tenantId) as of \(snapshot.asOf): \(snapshot.servicePrincipalCount) service principals, "
                + "\(snapshot.grantCount) grants, \(snapshot.assignmentCount) app role assignments; \(requests)\(flag)", quiet: global.quiet)
            if outcome.isComplete { return }
            Console.error("warning: snapshot \(snapshot.snapshotId) was made from incomplete collections (--accept-incomplete): \(outcome.run.problem ?? "see permaudit sync status")")
            return
        }
        throw SyncError(.remote, "sync incomplete, no snapshot made: \(outcome.run.problem ?? "see permaudit sync status")")
    }
}
