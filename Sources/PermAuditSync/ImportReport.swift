import PermAuditStore

/// What an import read and what it did, for the command to print.
public struct ImportReport: Sendable {
    public struct FileRead: Sendable, Equatable {
        public var name: String
        public var format: String
        public var asOf: String
        /// Where the date came from: "--as-of", "file name" or "today".
        public var asOfOrigin: String
        public var entryCount: Int
    }

    public var files: [FileRead]
    public var outcomes: [CatalogImportOutcome]
    /// The tenant snapshot, when the import held a tenant export.
    public var tenant: TenantImportOutcome?
    /// The metadata documents, with how the stored API paths resolve against each.
    public var metadata: [MetadataImportOutcome] = []
    /// The risk lists and policies read, one outcome per file.
    public var risk: [RiskImportOutcome] = []
    /// Files in a directory that were not imported, each with the reason (never dropped silently).
    public var skipped: [String]
}
