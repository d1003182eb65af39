import Foundation

/// What the user asked of one sync.
public struct SyncOptions: Sendable {
    /// `--tenant`: the tenant id or one of its verified domains; checked against Graph's organization.
    public var tenant: String?
    public var resume = false
    public var acceptIncomplete = false
    /// `--save-json DIR`: the pages written as files that `permaudit import DIR` makes into the same snapshot.
    public var saveJSON: URL?

    public init(tenant: String? = nil, resume: Bool = false, acceptIncomplete: Bool = false, saveJSON: URL? = nil) {
        self.tenant = tenant
        self.resume = resume
        self.acceptIncomplete = acceptIncomplete
        self.saveJSON = saveJSON
    }
}
