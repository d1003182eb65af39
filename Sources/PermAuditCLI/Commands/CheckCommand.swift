import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: SQLite integrity, foreign keys, schema version, snapshot hashes, derived data.",
        discussion: """
            Exits 1 when a check fails (the database is only read).

            Example: permaudit check --db audit.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        let database = try global.openForReading(fallback: .none)
        let checks = try database.check()
        Console.data(CheckListing.table(checks).render(output.style))
        let failed = checks.filter { !$0.passed }
        guard failed.isEmpty else {
            throw CheckFailure(message: "\(failed.count) of \(Plural.count(checks.count, "check")) failed: " + failed.map(\.name).joined(separator: ", "))
        }
    }
}

/// `check` found a problem: exit 1, like a --fail-on finding.
struct CheckFailure: Error {
    var message: String
}
