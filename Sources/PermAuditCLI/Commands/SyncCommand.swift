import ArgumentParser

/// `permaudit sync`: a live pull of the tenant's consent state from Microsoft Graph; `sync status` shows the runs.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Read the tenant's service principals, grants and app role assignments from Microsoft Graph into a snapshot.",
        discussion: """
            A snapshot is made only when every collection is complete; otherwise nothing is imported and \
            `permaudit sync --resume` continues from the pages already read. The token is read from \
            $PERMAUDIT_GRAPH_TOKEN or --token-file and sent to the Graph host only. See README "sync".

            Example: export PERMAUDIT_GRAPH_TOKEN=$(az account get-access-token --resource-type ms-graph --query accessToken -o tsv)
            Example: permaudit sync --check && permaudit sync
            Example: permaudit sync status
            Example: permaudit sync catalog
            """,
        subcommands: [SyncRunCommand.self, SyncStatusCommand.self, SyncCatalogCommand.self],
        defaultSubcommand: SyncRunCommand.self)
}
