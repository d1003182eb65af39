import PermAuditStore

/// What changed in a tenant between two snapshots: apps added and removed; holdings (a client's
/// permission on a resource, delegated per consentType or an application role) added and removed; and
/// holdings whose consentType or number of consenting users changed. New admin-consent holdings come first.
public struct TenantDiff: Sendable, Equatable {
    public var tenantId: String
    public var from: TenantSnapshotSummary
    public var to: TenantSnapshotSummary
    public var appsAdded: [TenantApp]
    public var appsRemoved: [TenantApp]
    public var added: [PermissionHolding]
    public var removed: [PermissionHolding]
    public var changed: [Changed]

    public struct Changed: Sendable, Equatable {
        /// The holding as it is in the newer snapshot.
        public var holding: PermissionHolding
        public var changes: [CatalogDiff.FieldChange]
    }

    public init(tenantId: String, from: TenantSnapshotSummary, to: TenantSnapshotSummary,
                apps: (old: [TenantApp], new: [TenantApp]), holdings: (old: [PermissionHolding], new: [PermissionHolding])) {
        self.tenantId = tenantId
        self.from = from
        self.to = to
        let oldApps = Set(apps.old.map(\.id)), newApps = Set(apps.new.map(\.id))
        appsAdded = apps.new.filter { !oldApps.contains($0.id) }
        appsRemoved = apps.old.filter { !newApps.contains($0.id) }

        let old = Dictionary(grouping: holdings.old) { HoldingIdentity($0).ignoringConsentType }
        let new = Dictionary(grouping: holdings.new) { HoldingIdentity($0).ignoringConsentType }
        var added: [PermissionHolding] = [], removed: [PermissionHolding] = [], changed: [Changed] = []
        for key in Set(old.keys).union(new.keys) {
            let before = old[key] ?? [], after = new[key] ?? []
            let gone = before.filter { b in !after.contains { $0.consentType == b.consentType } }
            let came = after.filter { a in !before.contains { $0.consentType == a.consentType } }
            if gone.count == 1 && came.count == 1 {
                changed.append(Changed(holding: came[0], changes: [.field(name: "consentType", from: gone[0].consentType, to: came[0].consentType)]))
            } else {
                removed += gone
                added += came
            }
            for a in after {
                if let b = before.first(where: { $0.consentType == a.consentType }), b.principalCount != a.principalCount {
                    changed.append(Changed(holding: a, changes: [.field(name: "principalCount", from: b.principalCount.map(String.init),
                                                                        to: a.principalCount.map(String.init))]))
                }
            }
        }
        self.added = added.sorted(by: Self.newAdminConsentFirst)
        self.removed = removed.sorted(by: Self.newAdminConsentFirst)
        self.changed = changed.sorted { Self.newAdminConsentFirst($0.holding, $1.holding) }
    }

    /// Holdings that need admin consent first (then unknown, then not), highest privilege, then by app and permission.
    static func newAdminConsentFirst(_ a: PermissionHolding, _ b: PermissionHolding) -> Bool {
        func rank(_ h: PermissionHolding) -> Int { h.requiresAdminConsent == true ? 0 : (h.requiresAdminConsent == nil ? 1 : 2) }
        let left = (rank(a), -(a.privilegeLevel ?? 0), a.clientDisplayName ?? a.clientId, a.permission ?? "", a.kind.rawValue, a.consentType)
        let right = (rank(b), -(b.privilegeLevel ?? 0), b.clientDisplayName ?? b.clientId, b.permission ?? "", b.kind.rawValue, b.consentType)
        return left < right
    }
}

extension TenantDiff {
    /// The diff between two snapshots of a tenant (the only one in the database when `tenantId` is nil),
    /// each holding classified (by the risk lists and policy in effect unless `classifier` is given).
    public static func make(_ database: AppDatabase, tenantId: String?, from: SnapshotRef, to: SnapshotRef,
                            classifier: RiskClassifier? = nil) throws -> TenantDiff {
        let (tenant, series) = try tenantSeries(database, tenantId: tenantId)
        let name = "tenant \(tenant)"
        let (a, b) = (try from.resolve(in: series, seriesName: name), try to.resolve(in: series, seriesName: name))
        let classifier = try classifier ?? RiskClassifier.load(database, today: RiskClassifier.todayUTC())
        return TenantDiff(
            tenantId: tenant, from: a, to: b,
            apps: (try database.tenantApps(snapshotId: a.id), try database.tenantApps(snapshotId: b.id)),
            holdings: (classifier.classified(try database.permissionHoldings(snapshotId: a.id)),
                       classifier.classified(try database.permissionHoldings(snapshotId: b.id))))
    }

    /// What `--fail-on` looks at: holdings added, and holdings whose consent was given anew (consentType changed).
    public var newHoldings: [PermissionHolding] {
        added + changed.filter { entry in
            entry.changes.contains { if case .field("consentType", _, _) = $0 { true } else { false } }
        }.map(\.holding)
    }
}

/// The tenant a command means (the only one in the database when none is named) and its snapshots, oldest first.
func tenantSeries(_ database: AppDatabase, tenantId: String?) throws -> (String, [TenantSnapshotSummary]) {
    let snapshots = try database.tenantSnapshots()
    let tenants = Array(Set(snapshots.map(\.tenantId))).sorted()
    guard let tenant = tenantId ?? tenants.first else { throw HistoryError.noTenant }
    if tenantId == nil && tenants.count > 1 { throw HistoryError.severalTenants(tenants) }
    return (tenant, snapshots.filter { $0.tenantId == tenant })
}
