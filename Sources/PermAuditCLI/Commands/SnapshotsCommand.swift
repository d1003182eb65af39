import ArgumentParser
import PermAuditReport
import PermAuditSync

struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List the catalog snapshots in the database.",
        discussion: "Example: permaudit snapshots --format csv")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table, json, csv, tsv or markdown (default: table on a terminal, else json).")
    var format: ListingFormat?

    func run() throws {
        let database = try DatabaseOpener.open(path: global.databasePath).database
        Console.data(SnapshotListing.table(try database.catalogSnapshots()).render(.resolved(format)))
    }
}
