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

    @Option(help: ArgumentHelp("Sign in as this application (its client id) with its client secret, read from $PERMAUDIT_CLIENT_SECRET or --client-secret-file.",
                               valueName: "id"))
    var clientId: String?

    @Option(help: ArgumentHelp("Read the client secret from a file.", valueName: "path"))
    var clientSecretFile: String?

    @Option(help: ArgumentHelp("Sign in as the application --client-id with this certificate (PEM), uploaded to its app registration.",
                               valueName: "path"))
    var certificate: String?

    @Option(help: ArgumentHelp("The certificate's RSA private key (PEM, unencrypted); it signs the client assertion and never leaves here.",
                               valueName: "path"))
    var privateKey: String?

    @Flag(help: "Sign in as yourself with the device code flow, as the public client --client-id: open the page shown and enter the code.")
    var deviceCode = false

    /// Whether a way to sign in is given: a token (environment or file), or an application or user sign-in.
    var signsIn: Bool {
        clientId != nil || tokenFile != nil || !(ProcessInfo.processInfo.environment["PERMAUDIT_GRAPH_TOKEN"] ?? "").isEmpty
    }

    /// The Graph endpoint: the cloud's, or --graph-url.
    func graphEndpoint() throws -> GraphEndpoint {
        try GraphEndpoint(validating: graphUrl ?? cloud.graphURL.absoluteString, option: "--graph-url")
    }

    /// The endpoint, the credential and the client's settings, each checked; throws the first problem as one line.
    func settings(concurrency: Int, maxAttempts: Int) throws -> SyncSettings {
        let endpoint = try graphEndpoint()
        let login = try GraphEndpoint(validating: loginUrl ?? cloud.loginURL.absoluteString, option: "--login-url")
        return SyncSettings(endpoint: endpoint, credential: try credential(login: login, graph: endpoint), concurrency: concurrency,
                            maxAttempts: maxAttempts)
    }

    /// A client secret when --client-id is given, else the token given.
    private func credential(login: GraphEndpoint, graph: GraphEndpoint) throws -> SyncSettings.Credential {
        guard let clientId else {
            if deviceCode { throw UsageError("--device-code needs --client-id, an app registration that allows public client flows") }
            if clientSecretFile != nil { throw UsageError("--client-secret-file needs --client-id, the application it belongs to") }
            return .token(try token(), file: tokenFile == "-" ? nil : tokenFile)
        }
        guard tokenFile == nil else { throw UsageError("--client-id and --token-file are two ways to sign in: give one") }
        if deviceCode {
            if clientSecretFile != nil { throw UsageError("--device-code signs you in, --client-secret-file the application: give one") }
            return .deviceCode(try DeviceCodeCredential(login: login, tenant: tenant, clientId: clientId, graph: graph))
        }
        guard let tenant else { throw UsageError("--client-id needs --tenant ID|DOMAIN: the tenant the application signs in to") }
        if certificate != nil || privateKey != nil {
            guard let certificate, let privateKey else { throw UsageError("--certificate and --private-key go together") }
            return .certificate(try CertificateCredential(login: login, tenant: tenant, clientId: clientId,
                                                          certificatePEM: try Self.read(certificate, "--certificate"),
                                                          privateKeyPEM: try Self.read(privateKey, "--private-key"), graph: graph))
        }
        return .clientSecret(try ClientSecretCredential(login: login, tenant: tenant, clientId: clientId, secret: try secret(), graph: graph))
    }

    private static func read(_ path: String, _ option: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("\(option) \(path): cannot read it") }
        return data
    }

    private func secret() throws -> String {
        if let clientSecretFile {
            guard let text = try? String(contentsOfFile: clientSecretFile, encoding: .utf8) else {
                throw UsageError("--client-secret-file \(clientSecretFile): cannot read it as text")
            }
            return text
        }
        guard let text = ProcessInfo.processInfo.environment["PERMAUDIT_CLIENT_SECRET"], !text.isEmpty else {
            throw UsageError("no client secret: set PERMAUDIT_CLIENT_SECRET or give --client-secret-file PATH")
        }
        return text
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
