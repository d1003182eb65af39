import ArgumentParser
import PermAuditReport
import PermAuditSync

struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List the catalog snapshots in the database, the tenant snapshots, the Graph metadata documents, or the risk lists.",
        discussion: """
            Example: permaudit snapshots --format csv
            Example: permaudit snapshots --risk
            """)

    @Flag(help: "List the tenant snapshots instead of the catalog's.")
    var tenants = false

    @Flag(help: "List the imported Graph $metadata documents instead.")
    var metadata = false

    @Flag(help: "List the risk lists and policies imported (file, sha256, date) and which of each source is in effect.")
    var risk = false

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        // Each flag names a different listing: two cannot both be printed.
        let chosen = [(tenants, "--tenants"), (metadata, "--metadata"), (risk, "--risk")].filter(\.0).map(\.1)
        if chosen.count > 1 { throw ValidationError(chosen.joined(separator: " and ") + " list different things: give one") }
    }

    func run() throws {
        let database = try global.openForReading()
        let table = tenants ? SnapshotListing.table(try database.tenantSnapshots())
            : metadata ? SnapshotListing.table(try database.metadataSnapshots())
            : risk ? SnapshotListing.table(try database.riskLists())
            : SnapshotListing.table(try database.catalogSnapshots())
        Console.data(table.render(output.style))
    }
}
