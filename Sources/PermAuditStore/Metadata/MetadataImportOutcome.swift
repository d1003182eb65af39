/// What an import did with one metadata document, and how the catalog's API paths resolve against it.
public struct MetadataImportOutcome: Sendable, Equatable {
    public var snapshotId: Int64
    public var apiVersion: String
    public var asOf: String
    /// False when the same document (same sha256) was already stored: nothing was written.
    public var created: Bool
    public var typeCount: Int
    public var propertyCount: Int
    public var unplacedDescriptions: Int
    /// API paths of the stored catalogs, and how many of them resolve to a type in this document.
    public var pathCount: Int
    public var resolvedPathCount: Int
}
