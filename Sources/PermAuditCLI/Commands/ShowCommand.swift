import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a permission's page: GUID, admin consent per source, texts, privilege level, API paths.",
        discussion: "Example: permaudit show CallDelegation.ReadWrite --format json")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only the delegated scope or only the application role of that name.")
    var kind: PermissionKind?

    @Option(help: "Output format: text, json, csv or markdown.")
    var format: PageFormat = .text

    @Argument(help: ArgumentHelp("The permission's exact name (case-sensitive).", valueName: "permission"))
    var permission: String

    func run() throws {
        let database = try DatabaseOpener.open(path: global.databasePath).database
        let details = try database.permissionDetails(named: permission, kind: kind)
        guard !details.isEmpty else {
            let suggestions = NameSuggestions.closest(to: permission, among: try database.currentPermissionNames())
            let kindNote = kind.map { " as a \($0.rawValue) permission" } ?? ""
            throw UsageError("no permission named \"\(permission)\"\(kindNote) in the catalog; closest: "
                + suggestions.joined(separator: ", "))
        }
        Console.data(PermissionPage(permission: permission, details: details).render(format))
    }
}
