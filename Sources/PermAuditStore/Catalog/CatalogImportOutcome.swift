/// What an import did to one snapshot series.
public struct CatalogImportOutcome: Sendable, Equatable {
    public enum Effect: String, Sendable {
        /// A new snapshot was recorded.
        case created
        /// An existing snapshot of the same source and date gained a part (a roles file after a scopes file).
        case extended
        /// The snapshot already held exactly this content: nothing was written.
        case unchanged
    }

    public var snapshotId: Int64
    public var source: CatalogSource
    public var asOf: String
    public var effect: Effect
    public var entryCount: Int
    /// Versions this import stored for the first time (content not seen in any earlier snapshot).
    public var newVersionCount: Int
}
