import ArgumentParser
import Foundation
import PermAuditGraph

/// Where Graph is and how to sign in: shared by `sync` and `sync --check`.
struct SyncConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The tenant id or a verified domain; checked against the token's tenant.", valueName: "id|domain"))
    var tenant: String?

    @Option(help: "The national cloud, for its Graph and sign-in hosts.")
    var cloud: GraphCloud = .global

    @Option(help: ArgumentHelp("Replaces the cloud's Graph host (a mirror, a proxy, tests); http:// only for loopback.", valueName: "url"))
    var graphUrl: String?

    @Option(help: ArgumentHelp("Replaces the cloud's sign-in host; http:// only for loopback.", valueName: "url"))
    var loginUrl: String?

    @Option(help: ArgumentHelp("Read the access token from a file, or from stdin with -, instead of $PERMAUDIT_GRAPH_TOKEN.", valueName: "path"))
    var tokenFile: String?

    /// The endpoint, the token and the client's settings, each checked; throws the first problem as one line.
    func settings(concurrency: Int, maxAttempts: Int) throws -> SyncSettings {
        let endpoint = try GraphEndpoint(validating: graphUrl ?? cloud.graphURL.absoluteString, option: "--graph-url")
        if let loginUrl { _ = try GraphEndpoint(validating: loginUrl, option: "--login-url") }
        return SyncSettings(endpoint: endpoint, token: try token(), tokenFile: tokenFile == "-" ? nil : tokenFile, concurrency: concurrency,
                            maxAttempts: maxAttempts)
    }

    private func token() throws -> AccessToken {
        if let tokenFile {
            let text: String?
            if tokenFile == "-" {
                text = String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8)
            } else {
                text = try? String(contentsOfFile: tokenFile, encoding: .utf8)
            }
            guard let text else { throw UsageError("--token-file \(tokenFile): cannot read it as text") }
            return try AccessToken(text)
        }
        guard let text = ProcessInfo.processInfo.environment["PERMAUDIT_GRAPH_TOKEN"], !text.isEmpty else {
            throw UsageError("no access token: set PERMAUDIT_GRAPH_TOKEN (e.g. from az account get-access-token --resource-type ms-graph) or give --token-file PATH")
        }
        return try AccessToken(text)
    }
}

extension GraphCloud: ExpressibleByArgument {}
