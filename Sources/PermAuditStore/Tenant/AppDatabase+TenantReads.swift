import GRDB

/// A row of `tenantSnapshot`.
public struct TenantSnapshotSummary: Sendable, Codable, Equatable, FetchableRecord {
    public var id: Int64
    public var tenantId: String
    public var asOf: String
    public var contentHash: String
    public var importedAt: String
}

/// A row of `servicePrincipalAt`: an app or API present in a snapshot.
public struct TenantApp: Sendable, Codable, Equatable, FetchableRecord {
    public var id: String
    public var appId: String?
    public var displayName: String?
    public var publisher: String
    public var verifiedPublisherName: String?

    /// By column position: Codable's decoding by name cost a diff a third of its time.
    public init(row: Row) throws {
        (id, appId, publisher) = (row[0], row[1], row[3])
        // Names whole, NUL included: a name cut at its NUL could pass for another app's.
        (displayName, verifiedPublisherName) = (try row.wholeText(at: 2), try row.wholeText(at: 4))
    }

    /// The same columns, stepped directly (texts whole).
    init(_ row: DirectRow) {
        (id, appId, displayName) = (row.text(0) ?? "", row.text(1), row.text(2))
        (publisher, verifiedPublisherName) = (row.text(3) ?? "", row.text(4))
    }
}

extension AppDatabase {
    /// Every tenant snapshot, by tenant then date.
    public func tenantSnapshots() throws -> [TenantSnapshotSummary] {
        try writer.read { db in
            try TenantSnapshotSummary.fetchAll(db, sql: """
                SELECT id, tenantId, asOf, contentHash, importedAt FROM tenantSnapshot ORDER BY tenantId, asOf, id
                """)
        }
    }

    /// Every holding (all kinds, any admin-consent requirement) in one tenant snapshot, in the report's order.
    public func permissionHoldings(snapshotId: Int64) throws -> [PermissionHolding] {
        Array(try writer.read { db in try SnapshotHoldings(db: db, snapshotId: snapshotId).fetchRows() }.inReportOrder())
    }

    /// The apps and holdings of two snapshots of a tenant that can differ (see HoldingChanges): a diff of
    /// these is the diff of the whole snapshots, at a fraction of the cost.
    public func tenantStateThatMayDiffer(from old: Int64, to new: Int64)
        throws -> (apps: (old: [TenantApp], new: [TenantApp]), holdings: (old: [PermissionHolding], new: [PermissionHolding])) {
        try writer.read { db in
            let changes = HoldingChanges(db: db)
            let subset = try changes.subset(between: old, and: new)
            let catalog = try CatalogLookup(db: db)
            return (apps: (try changes.appsThatMayDiffer(in: old, between: old, and: new),
                           try changes.appsThatMayDiffer(in: new, between: old, and: new)),
                    holdings: (try SnapshotHoldings(db: db, snapshotId: old, subset: subset, catalog: catalog).fetch(),
                               try SnapshotHoldings(db: db, snapshotId: new, subset: subset, catalog: catalog).fetch()))
        }
    }

    /// Who holds one permission in each tenant's latest snapshot, any consent requirement. Given the
    /// permission's catalog entry (a page has read it), the holdings are resolved against it alone instead of
    /// the whole catalog, a third of `show`'s time: only holdings of that permission are kept.
    public func currentHolders(resourceAppId: String, kind: PermissionKind, permission: String,
                               catalogEntry: CatalogPermission? = nil) throws -> [PermissionHolding] {
        try writer.read { db in
            try latestSnapshotIds(db)
                .flatMap { snapshotId in
                    // Only the holdings on the resource's service principals are built.
                    let resources = try PresentServicePrincipals(db: db, snapshotKey: snapshotId).ids(appId: resourceAppId)
                    // A scope is held under its own name; an app role under its id, which the name alone does not give.
                    let held = HeldPermissions(kind: kind, names: kind == .delegated ? [permission] : nil)
                    return try SnapshotHoldings(db: db, snapshotId: snapshotId, subset: HoldingSubset(versions: [], resources: resources),
                                                held: held, catalog: catalogEntry.map { CatalogLookup(only: [$0]) }).fetch()
                }
                .filter { $0.resourceAppId == resourceAppId && $0.kind == kind && $0.permission == permission }
                .inHoldersOrder()
        }
    }
}
