import Foundation

/// A catalog source `permaudit sync catalog` downloads: Kibali's two files, Graph's `$metadata` for v1.0 and beta
/// (public), and the tenant's own Microsoft Graph service principal (with a token).
public struct CatalogFeed: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case permissions = "kibali permissions"
        case provisioningInfo = "kibali provisioningInfo"
        case metadataV1 = "metadata v1.0"
        case metadataBeta = "metadata beta"
        case servicePrincipal = "graph servicePrincipal"
    }

    public var kind: Kind
    public var url: URL

    public init(kind: Kind, url: URL) {
        self.kind = kind
        self.url = url
    }

    /// Where the raw files of microsoft-graph-devx-content are (the files Graph Explorer and Kibali read).
    public static let devxContent = "https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-devx-content/master"
    /// Microsoft Graph's own application id: its service principal in every tenant publishes Graph's permissions.
    public static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// The URL a source has unless one is given: Kibali's files on GitHub, the others on the Graph host.
    public static func defaultURL(_ kind: Kind, graph: GraphEndpoint) -> URL {
        switch kind {
        case .permissions: URL(string: devxContent + "/permissions/new/permissions.json")!
        case .provisioningInfo: URL(string: devxContent + "/permissions/new/provisioningInfo.json")!
        case .metadataV1: URL(string: graph.base.absoluteString + "/v1.0/$metadata")!
        case .metadataBeta: URL(string: graph.base.absoluteString + "/beta/$metadata")!
        case .servicePrincipal:
            graph.url("servicePrincipals(appId='\(graphAppId)')", query: "$select=id,appId,displayName,appRoles,oauth2PermissionScopes")
        }
    }

    /// The catalog source (or `metadata`) the importer must tell the body to be.
    var expectedKind: String {
        switch kind {
        case .permissions: "kibali"
        case .provisioningInfo: "provisioningInfo"
        case .metadataV1, .metadataBeta: "metadata"
        case .servicePrincipal: "servicePrincipal"
        }
    }

    /// The name the importer reads the body under: the importer tells a file by its content, and a
    /// `$metadata` document's API version by `beta` in its name.
    public func fileName(asOf: String) -> String {
        switch kind {
        case .permissions: "permissions-\(asOf).json"
        case .provisioningInfo: "provisioningInfo-\(asOf).json"
        case .metadataV1: "graph-v1.0-metadata-\(asOf).xml"
        case .metadataBeta: "graph-beta-metadata-\(asOf).xml"
        case .servicePrincipal: "graph-servicePrincipal-\(asOf).json"
        }
    }
}
