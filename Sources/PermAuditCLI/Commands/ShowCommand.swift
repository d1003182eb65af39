import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a permission's page: GUID, admin consent per source, texts, API calls, resources and their properties, holders, token code.",
        discussion: """
            The resources are the Graph types the permission's API paths reach, resolved through the imported \
            $metadata (the seeds hold Graph's v1.0 schema). The table format is the page as text, wrapped to the \
            terminal's width; --format json and csv are the page's exports.

            Example: permaudit show Calls.Initiate.All --properties all
            Example: permaudit show CallDelegation.ReadWrite --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only the delegated scope or only the application role of that name.")
    var kind: PermissionKind?

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("How many properties to list per resource: a number, or all.", valueName: "n|all"))
    var properties: PropertyCount = .limit(15)

    @Argument(help: ArgumentHelp("The permission's exact name (case-sensitive).", valueName: "permission"))
    var permission: String

    func run() throws {
        let database = try global.openForReading()
        let page = try PermissionPage.load(from: database, named: permission, kind: kind, propertyLimit: properties.limit)
        guard !page.entries.isEmpty else {
            let suggestions = NameSuggestions.closest(to: permission, among: try database.currentPermissionNames())
            let kindNote = kind.map { " as a \($0.rawValue) permission" } ?? ""
            throw UsageError("no permission named \"\(permission)\"\(kindNote) in the catalog; closest: "
                + suggestions.joined(separator: ", "))
        }
        Console.data(try page.render(output.style))
    }
}

/// `--properties 20` or `--properties all`; printed as typed, so the help's default reads `15`.
enum PropertyCount: ExpressibleByArgument, CustomStringConvertible {
    case limit(Int)
    case all

    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let count = Int(argument), count >= 0 {
            self = .limit(count)
        } else {
            return nil
        }
    }

    var description: String {
        limit.map(String.init) ?? "all"
    }

    var limit: Int? {
        if case .limit(let count) = self { return count }
        return nil
    }
}
