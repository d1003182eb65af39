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
    /// The activity-log files' aggregates, when the import held any.
    public var activity: ActivityImportOutcome?
    /// The sign-in report's import, when the import held one.
    public var signIns: SignInImportOutcome?
    /// Files in a directory that were not imported, each with the reason (never dropped silently).
    public var skipped: [String]
    /// Objects of a tenant export left out with --skip-invalid (each alone, the rest of its file imported).
    public var skippedObjectCount = 0
    /// The first few of them, each as its error line: file, JSON path or line, what was expected.
    public var skippedObjectExamples: [String] = []

    public static let skippedObjectExampleLimit = 5

    mutating func skipObject(_ reason: String) {
        skippedObjectCount += 1
        if skippedObjectExamples.count < Self.skippedObjectExampleLimit { skippedObjectExamples.append(reason) }
    }
}
