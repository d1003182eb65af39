/// The catalog sources permaudit keeps apart: each has its own series of snapshots.
public enum CatalogSource: String, Sendable, CaseIterable, Codable {
    case kibali
    case provisioningInfo
    case servicePrincipal
    case permissionsDescriptions
    case microsoftApps
}

/// What one file contributes to a snapshot. A service principal catalog comes as a scopes part
/// and a roles part, possibly from two files.
public enum CatalogPartName: String, Sendable, Codable {
    case permissions, delegated, application, provisioning, applications
}

public enum PermissionKind: String, Sendable, CaseIterable, Codable {
    case delegated, application
}

/// Everything one import adds to one snapshot series (source, resource, as-of date).
public struct CatalogBatch: Sendable {
    public var source: CatalogSource
    /// The API whose permissions these are; nil only for the first-party application list.
    public var resourceAppId: String?
    public var asOf: String
    public var parts: [CatalogPart]

    public init(source: CatalogSource, resourceAppId: String?, asOf: String, parts: [CatalogPart]) {
        self.source = source
        self.resourceAppId = resourceAppId
        self.asOf = asOf
        self.parts = parts
    }
}

public struct CatalogPart: Sendable {
    public var name: CatalogPartName
    public var fileName: String
    public var fileSha256: String
    /// Fixed when the part is made, with their hashes: an import makes its parts on the threads that decode
    /// its files, so the hashing is not left to the one that writes.
    public let permissions: [PermissionEntry]
    public var applications: [MicrosoftApplicationEntry]
    /// Each permission's content hash and its API paths' hash (`PermissionEntry.contentHashes`), in order.
    let hashes: [PermissionEntry.ContentHashes]

    public init(
        name: CatalogPartName, fileName: String, fileSha256: String,
        permissions: [PermissionEntry] = [], applications: [MicrosoftApplicationEntry] = []
    ) {
        self.name = name
        self.fileName = fileName
        self.fileSha256 = fileSha256
        self.permissions = permissions
        self.applications = applications
        hashes = permissions.map(\.contentHashes)
    }

    public var entryCount: Int { permissions.count + applications.count }
}

public enum WellKnownApp {
    /// Microsoft Graph's appId: the resource of every Kibali, provisioningInfo and description catalog.
    public static let microsoftGraph = "00000003-0000-0000-c000-000000000000"
}
