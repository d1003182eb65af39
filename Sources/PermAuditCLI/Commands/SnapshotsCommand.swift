import ArgumentParser
import PermAuditReport
import PermAuditSync

struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List the catalog snapshots in the database, or the tenant snapshots, or the Graph metadata documents.",
        discussion: "Example: permaudit snapshots --format csv")

    @Flag(help: "List the tenant snapshots instead of the catalog's.")
    var tenants = false

    @Flag(help: "List the imported Graph $metadata documents instead.")
    var metadata = false

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table, json, csv, tsv or markdown (default: table on a terminal, else json).")
    var format: ListingFormat?

    func run() throws {
        let database = try DatabaseOpener.open(path: global.databasePath).database
        let table = tenants ? SnapshotListing.table(try database.tenantSnapshots())
            : metadata ? SnapshotListing.table(try database.metadataSnapshots())
            : SnapshotListing.table(try database.catalogSnapshots())
        Console.data(table.render(.resolved(format)))
    }
}
