/// What an import did with one risk file: its content stored (or found already stored), the import recorded,
/// and whether that import is now the one in effect for its source.
public struct RiskImportOutcome: Sendable, Equatable {
    public var listId: Int64
    public var importId: Int64
    public var source: RiskSource
    public var asOf: String
    /// False when this content was already stored: only the import was recorded.
    public var created: Bool
    public var entryCount: Int
    /// Entries whose permission the catalog does not know: kept (they still match a tenant's holdings), and named.
    public var notInCatalog: [String]
    /// A policy's rules and exceptions that can match nothing (see the import's note); kept.
    public var warnings: [String] = []
    /// The policy imported last is in effect; for the other sources, the latest as-of date, then the latest import.
    public var inEffect = false
    /// The list in effect for this source after the import, and its as-of date: this one, or the one that stays.
    public var listInEffect: Int64?
    public var listInEffectAsOf: String?
}
