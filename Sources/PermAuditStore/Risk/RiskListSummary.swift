import GRDB

/// One import of a risk list or policy (`riskImport`), with its content (`list`, the `riskList` row) and whether
/// it is the import in effect for its source.
public struct RiskListSummary: Sendable, Codable, Equatable, FetchableRecord {
    /// The import's id.
    public var id: Int64
    public var source: String
    public var asOf: String
    public var entryCount: Int
    public var inEffect: Bool
    /// The stored content's id: two imports of the same content name the same list.
    public var list: Int64
    public var fileName: String
    public var fileSha256: String
    public var importedAt: String
}
