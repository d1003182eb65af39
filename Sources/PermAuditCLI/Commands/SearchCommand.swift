import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find permissions by words in their names, display names and descriptions, best match first.",
        discussion: """
            Every word must match (the last may be the start of one); names are split into words, so "read \
            write calendars" finds Calendars.ReadWrite. The index follows the latest catalog snapshots.

            Example: permaudit search "read write calendars" --kind delegated
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only delegated scopes or only application roles.")
    var kind: PermissionKind?

    @Flag(help: "Only permissions that require admin consent.")
    var adminConsent = false

    @Option(help: "At most this many results.")
    var limit = 20

    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The words to look for.", valueName: "text"))
    var text: [String]

    func validate() throws {
        guard !NameWords.split(text.joined(separator: " ")).isEmpty else {
            throw ValidationError("give at least one word to search for")
        }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let database = try global.openForReading()
        let found = try database.searchPermissions(
            text.joined(separator: " "), kind: kind, requiresAdminConsent: adminConsent ? true : nil, limit: limit)
        if found.hits.isEmpty { Console.note("no permission matches \"\(text.joined(separator: " "))\"", quiet: global.quiet) }
        Console.data(SearchListing.table(found.hits).render(output.style))
        // A cut list must not pass for the whole answer.
        if found.matchCount > found.hits.count {
            Console.note("\(found.hits.count) of \(found.matchCount) shown (--limit N)", quiet: global.quiet)
        }
    }
}
