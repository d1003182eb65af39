import GRDB

/// A resource type a permission's API paths reach (`permissionResource`), with the type's own facts.
public struct PermissionResource: Sendable, Codable, Equatable, FetchableRecord {
    public var resourceType: String
    public var kind: String?
    public var baseType: String?
    public var description: String?
    public var pathCount: Int
    /// The HTTP methods of those paths, comma-separated.
    public var methods: String
}

/// A row of the `resourceProperty` view: one property of a type, possibly inherited.
public struct ResourceProperty: Sendable, Codable, Equatable, FetchableRecord {
    public var name: String
    public var kind: String
    public var type: String
    public var isCollection: Bool
    public var nullable: Bool?
    public var declaringType: String
    public var depth: Int
    public var description: String?
    /// The date of the metadata document the description comes from (an older one when the current lacks it).
    public var descriptionAsOf: String?
}

/// A row of the `metadataSnapshot` table.
public struct MetadataSnapshotSummary: Sendable, Codable, Equatable, FetchableRecord {
    public var id: Int64
    public var apiVersion: String
    public var asOf: String
    public var fileName: String
    public var importedAt: String
}

/// An API path of the current catalog and how the latest v1.0 metadata resolves it.
public struct PathResolutionRow: Sendable, Codable, Equatable, FetchableRecord {
    public var path: String
    public var resourceType: String?
    public var operation: String?
    public var returnType: String?
    public var note: String?
    public var unresolvedSegment: String?
    public var problem: String?
    public var permissionCount: Int
}
