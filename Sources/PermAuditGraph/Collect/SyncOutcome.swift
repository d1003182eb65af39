import PermAuditStore

/// How a sync ended: its run, each collection's record, and the snapshot when one was made.
public struct SyncOutcome: Sendable {
    public var run: SyncRunRecord
    public var collections: [SyncCollectionRecord]
    public var snapshot: TenantImportOutcome?
    public var requests: Int
    public var retries: Int
    /// Whether `--resume` found an unfinished run to continue.
    public var resumed: Bool

    public var isComplete: Bool { run.status == "complete" }
}
