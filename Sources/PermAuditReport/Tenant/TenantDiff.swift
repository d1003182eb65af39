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
            let gone = before.filter { previous in !after.contains { $0.consentType == previous.consentType } }
            let came = after.filter { current in !before.contains { $0.consentType == current.consentType } }
            if gone.count == 1 && came.count == 1 {
                changed.append(Changed(holding: came[0], changes: [.field(name: "consentType", from: gone[0].consentType, to: came[0].consentType)]))
            } else {
                removed += gone
                added += came
            }
            for current in after {
                if let previous = before.first(where: { $0.consentType == current.consentType }), previous.principalCount != current.principalCount {
                    changed.append(Changed(holding: current, changes: [.field(name: "principalCount", from: previous.principalCount.map(String.init),
                                                                              to: current.principalCount.map(String.init))]))
                }
            }
        }
        self.added = added.sorted(by: Self.newAdminConsentFirst)
        self.removed = removed.sorted(by: Self.newAdminConsentFirst)
        self.changed = changed.sorted { Self.newAdminConsentFirst($0.holding, $1.holding) }
    }

    /// Holdings that need admin consent first (then unknown, then not), highest privilege, then by app and permission.
    static func newAdminConsentFirst(_ first: PermissionHolding, _ second: PermissionHolding) -> Bool {
        func key(_ holding: PermissionHolding) -> (Int, Int, String, String, String, String) {
            (holding.requiresAdminConsent == true ? 0 : (holding.requiresAdminConsent == nil ? 1 : 2), -(holding.privilegeLevel ?? 0),
             holding.clientDisplayName ?? holding.clientId, holding.permission ?? "", holding.kind.rawValue, holding.consentType)
        }
        return key(first) < key(second)
    }
}

extension TenantDiff {
    /// The diff between two snapshots of a tenant (the only one in the database when `tenantId` is nil),
    /// each holding classified (by the risk lists and policy in effect unless `classifier` is given).
    public static func make(_ database: AppDatabase, tenantId: String?, from: SnapshotRef, to: SnapshotRef,
                            classifier: RiskClassifier? = nil) throws -> TenantDiff {
        let (tenant, series) = try tenantSeries(database, tenantId: tenantId)
        let name = "tenant \(tenant)"
        let (older, newer) = (try from.resolve(in: series, seriesName: name), try to.resolve(in: series, seriesName: name))
        let classifier = try classifier ?? RiskClassifier.load(database, today: AsOfDate.today())
        let state = try database.tenantStateThatMayDiffer(from: older.id, to: newer.id)
        var diff = TenantDiff(tenantId: tenant, from: older, to: newer, apps: state.apps, holdings: state.holdings)
        // Only what changed is classified: a tenant's hundreds of thousands of unchanged holdings are not shown.
        diff.added = classifier.classified(diff.added)
        diff.removed = classifier.classified(diff.removed)
        for index in diff.changed.indices { diff.changed[index].holding.risk = classifier.classify(diff.changed[index].holding) }
        return diff
    }

    /// What `--fail-on` looks at: holdings added, and consents widened from some users to all users
    /// (Principal -> AllPrincipals). A consent narrowed to some users is a change, never a new holding.
    public var newHoldings: [PermissionHolding] {
        added + changed.filter { entry in
            entry.changes.contains { change in
                if case .field("consentType", let from, let to) = change { HoldingIdentity.widens(from: from, to: to) } else { false }
            }
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
