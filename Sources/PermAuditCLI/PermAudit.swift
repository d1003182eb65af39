import ArgumentParser

/// The root command: configuration only; the work is in the subcommands.
public struct PermAudit: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "permaudit",
        abstract: "Microsoft Graph permissions and a tenant's consent grants, in one SQLite file kept over time.",
        discussion: """
            A new database starts with the default catalog (Kibali 2026-08-07, the Graph service principal's \
            scopes and roles of 2026-08-19, Microsoft's first-party application list, Graph's v1.0 $metadata).

            Examples:
              permaudit show CallDelegation.ReadWrite
              permaudit search "read write calendars"
              permaudit import devx-permissions-2026-08-07.json --as-of 2026-08-07
              permaudit query "SELECT permission, privilegeLevel FROM catalogPermission WHERE privilegeLevel >= :level" -p level 4
            """,
        version: PermAudit.version,
        subcommands: [
            InitCommand.self, ImportCommand.self, SyncCommand.self, SnapshotsCommand.self, ShowCommand.self, SearchCommand.self, ReportCommand.self,
            DiffCommand.self, HistoryCommand.self, PathsCommand.self, CheckCommand.self,
            AdviseCommand.self, QueryCommand.self, SchemaCommand.self, SiteCommand.self,
        ])

    /// `permaudit --version`.
    static let version = "0.15.0"

    public init() {}
}
