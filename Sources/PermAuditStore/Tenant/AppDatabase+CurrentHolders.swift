import GRDB

extension AppDatabase {
    /// Every holding of each tenant's latest snapshot, grouped by permission (resourceAppId, kind, name), each
    /// group in `currentHolders`' order: what `currentHolders` gives for each permission, read once for a
    /// whole site instead of once per page.
    public func currentHoldersByPermission() throws -> [HolderKey: [PermissionHolding]] {
        let all = try writer.read { db in
            try latestSnapshotIds(db).flatMap { try SnapshotHoldings(db: db, snapshotId: $0).fetch() }
        }
        return Dictionary(grouping: all) { HolderKey(resourceAppId: $0.resourceAppId, kind: $0.kind, permission: $0.permission) }
            .mapValues { $0.inHoldersOrder() }
    }
}

/// A permission as holdings name it.
public struct HolderKey: Hashable, Sendable {
    public var resourceAppId: String?
    public var kind: PermissionKind
    public var permission: String?

    public init(resourceAppId: String?, kind: PermissionKind, permission: String?) {
        self.resourceAppId = resourceAppId
        self.kind = kind
        self.permission = permission
    }
}
