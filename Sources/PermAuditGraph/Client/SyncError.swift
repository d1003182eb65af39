/// Why a sync stopped or a collection could not be read, as one line. `isResumable` separates the remote
/// failures (exit 4: run `permaudit sync --resume`) from what the user must fix first (exit 2).
public struct SyncError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Configuration, authentication or permission: fix it, then run again (exit 2).
        case configuration
        /// The network or Graph failed, or a collection is incomplete: resumable (exit 4).
        case remote
        /// A page token Graph no longer knows: the collection restarts from its first page.
        case pageTokenExpired
        /// 404: what was listed is gone (a service principal deleted during the sync).
        case notFound
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    public var isResumable: Bool { kind != .configuration }
}
