import ArgumentParser
import PermAuditReport
import PermAuditSync

struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "List the catalog's API paths and the Graph type each reaches in the latest v1.0 metadata.",
        discussion: """
            Paths are resolved through the metadata's entity container: entity sets and singletons, keys, \
            navigation properties, type casts and bound operations. A path that reaches no type (a beta-only path \
            against the v1.0 schema, for instance) is kept and listed with the segment that failed and why.

            Example: permaudit paths --unresolved --format csv
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only the paths that reach no type.")
    var unresolved = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let database = try global.openForReading()
        guard try database.metadataSnapshots().contains(where: { $0.apiVersion == "v1.0" }) else {
            throw UsageError("no v1.0 Graph metadata in \(global.databasePath): import a $metadata file first")
        }
        let rows = try database.pathResolutions(unresolvedOnly: unresolved)
        Console.note(PathListing.summary(rows, unresolvedOnly: unresolved), quiet: global.quiet)
        Console.data(PathListing.table(rows).render(output.style))
    }
}
