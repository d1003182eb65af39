import ArgumentParser
import PermAuditReport
import PermAuditSync

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "List the documented views and the tables, with their columns, for writing your own SQL.",
        discussion: "Example: permaudit schema --format csv")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: text (each view and table with its columns), or a listing with one row per column.")
    var format: SchemaFormat = .text

    func run() throws {
        let objects = try global.openForReading(fallback: .emptySchema).schemaObjects()
        Console.data(format.listing.map { SchemaListing.table(objects).render($0) } ?? SchemaListing.text(objects))
    }
}
