import ArgumentParser
import Foundation
import PermAuditGraph
import PermAuditReport

/// `permaudit sync catalog`: the public catalog sources, each imported as today's snapshot when it changed.
struct SyncCatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Download the public catalog sources and import each that changed as a snapshot of today.",
        discussion: """
            Sources: Kibali's permissions.json and provisioningInfo.json (microsoft-graph-devx-content), Graph's \
            $metadata for v1.0 and beta, and, with a token (as for permaudit sync), the tenant's own Microsoft Graph \
            service principal. Requests are conditional (ETag, Last-Modified): an unchanged source costs one small \
            request and makes no snapshot. Each source is imported on its own: one that fails leaves the others' \
            snapshots made, is named, and the exit code is 4. Run it daily and diff catalog shows what Microsoft changed.

            Example: permaudit sync catalog
            Example: permaudit sync catalog --permissions-url https://mirror.example.com/permissions.json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: SyncConnectionOptions

    @Option(help: ArgumentHelp("Kibali's permissions.json (default: raw file of microsoft-graph-devx-content).", valueName: "url"))
    var permissionsUrl: String?

    @Option(help: ArgumentHelp("Kibali's provisioningInfo.json (default: beside permissions.json on GitHub).", valueName: "url"))
    var provisioningInfoUrl: String?

    @Option(help: ArgumentHelp("Graph's v1.0 $metadata (default: on the Graph host).", valueName: "url"))
    var metadataUrl: String?

    @Option(help: ArgumentHelp("Graph's beta $metadata (default: on the Graph host).", valueName: "url"))
    var betaMetadataUrl: String?

    @Option(help: "Attempts per request before a source is given up (1-20).")
    var maxAttempts = 8

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...20).contains(maxAttempts) else { throw ValidationError("--max-attempts \(maxAttempts): give 1 to 20") }
    }

    func run() throws {
        let feeds = try self.feeds()
        let settings = connection.signsIn ? try connection.settings(concurrency: 1, maxAttempts: maxAttempts) : nil
        let database = try global.openForWriting().database
        let policy = RetryPolicy(maxAttempts: maxAttempts)
        let outcomes = try Blocking.run {
            try await SyncSettings.withTransport { transport in
                let graph = settings.map { settings in { @Sendable in try await settings.client(using: transport) } }
                return await CatalogSync(database: database, transport: transport, feeds: feeds, graph: graph, policy: policy).run()
            }
        }
        let rows: [[Tabular.Cell]] = outcomes.map { [.text($0.feed.rawValue), .text($0.status.rawValue), .text($0.asOf), .text($0.detail)] }
        Console.data(Tabular(columns: ["source", "status", "asOf", "detail"], rows: rows).render(output.style))
        let failed = outcomes.filter { $0.status == .failed }.map(\.feed.rawValue)
        guard failed.isEmpty else {
            throw SyncError(.remote, "sync catalog: \(failed.joined(separator: ", ")) failed (the other sources are stored); "
                + "run permaudit sync catalog again")
        }
    }

    /// Each source at its URL: given, else the default (Kibali's on GitHub, the others on the Graph host).
    private func feeds() throws -> [CatalogFeed] {
        let graph = try connection.graphEndpoint()
        let given: [CatalogFeed.Kind: (String?, String)] = [
            .permissions: (permissionsUrl, "--permissions-url"), .provisioningInfo: (provisioningInfoUrl, "--provisioning-info-url"),
            .metadataV1: (metadataUrl, "--metadata-url"), .metadataBeta: (betaMetadataUrl, "--beta-metadata-url"),
        ]
        return try CatalogFeed.Kind.allCases.map { kind in
            guard let entry = given[kind], let text = entry.0 else { return CatalogFeed(kind: kind, url: CatalogFeed.defaultURL(kind, graph: graph)) }
            return CatalogFeed(kind: kind, url: try GraphEndpoint(validating: text, option: entry.1).base)
        }
    }
}
