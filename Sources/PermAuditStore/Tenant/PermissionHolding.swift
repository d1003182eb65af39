import GRDB

/// A row of the `adminConsentHolding` view: one app holding one permission on one resource.
public struct PermissionHolding: Sendable, Codable, Equatable, FetchableRecord {
    public var tenantId: String
    public var asOf: String
    public var clientId: String
    public var clientAppId: String?
    public var clientDisplayName: String?
    public var publisher: String?
    public var verifiedPublisherName: String?
    public var resourceId: String
    public var resourceAppId: String?
    public var resourceDisplayName: String?
    public var permission: String?
    public var permissionId: String?
    public var kind: PermissionKind
    public var consentType: String
    public var principalCount: Int?
    public var requiresAdminConsent: Bool?
    public var resolvedBy: String?
    public var privilegeLevel: Int?
    /// The date of the tenant's first snapshot that held it; filled in by `report --since`, else nil.
    public var firstSeen: String?
    /// Its level, tier and exception; filled in by the report's classifier, else nil.
    public var risk: HoldingRisk?
}

/// Which holdings a report shows; empty means all.
public struct HoldingFilter: Sendable {
    public var tenantIds: [String] = []
    public var permissions: [String] = []
    public var kind: PermissionKind?
    public var consentType: String?
    public var publisher: String?
    /// An app's display name or appId.
    public var app: String?

    public init() {}
}

extension AppDatabase {
    /// The admin-consent report (the `adminConsentHolding` view's rows): each tenant's latest snapshot, the
    /// permissions that required an administrator's consent or whose requirement is unknown. Third-party apps
    /// first, then the highest privilege, then the app's name.
    public func adminConsentHoldings(_ filter: HoldingFilter = HoldingFilter()) throws -> [PermissionHolding] {
        try latestHoldings(filter, adminConsentOnly: true)
    }

    /// Every holding of each tenant's latest snapshot, whatever its consent requirement (least-privilege
    /// advice looks at them all), in the report's order.
    public func latestHoldings(_ filter: HoldingFilter = HoldingFilter(), adminConsentOnly: Bool = false) throws -> [PermissionHolding] {
        try writer.read { db in
            try latestSnapshotIds(db, tenantIds: filter.tenantIds)
                .reduce(into: []) { all, snapshotId in
                    // The first snapshot's rows taken whole rather than copied one by one.
                    let rows = try SnapshotHoldings(db: db, snapshotId: snapshotId).fetch(adminConsentOnly: adminConsentOnly)
                    if all.isEmpty { all = rows } else { all += rows }
                }
                .admitted(by: filter)
                .inReportOrder()
        }
    }

    /// The latest snapshot of each tenant (of the ones named, when any are).
    func latestSnapshotIds(_ db: Database, tenantIds: [String] = []) throws -> [Int64] {
        let all = try Row.fetchAll(db, sql: "SELECT id, tenantId FROM latestTenantSnapshot ORDER BY tenantId")
        return all.filter { tenantIds.isEmpty || tenantIds.contains($0[1]) }.map { $0[0] }
    }
}

extension HoldingFilter {
    /// Whether it names nothing, and so admits every holding.
    var isEmpty: Bool {
        tenantIds.isEmpty && permissions.isEmpty && kind == nil && consentType == nil && publisher == nil && app == nil
    }

    func admits(_ holding: PermissionHolding) -> Bool {
        (tenantIds.isEmpty || tenantIds.contains(holding.tenantId))
            && (permissions.isEmpty || holding.permission.map(permissions.contains) == true)
            && (kind == nil || holding.kind == kind)
            && (consentType == nil || holding.consentType == consentType)
            && (publisher == nil || holding.publisher == publisher)
            && (app == nil || holding.clientAppId == app || holding.clientDisplayName == app)
    }
}

extension Array where Element == PermissionHolding {
    /// The rows `filter` admits; all of them, not copied, when it names nothing.
    func admitted(by filter: HoldingFilter) -> [PermissionHolding] {
        filter.isEmpty ? self : self.filter(filter.admits)
    }

    /// In the report's order, as SQL would sort them: `publisher <> 'thirdParty', privilegeLevel IS NULL,
    /// privilegeLevel DESC, clientDisplayName, clientId, resourceDisplayName, permission, kind, consentType`.
    func inReportOrder() -> [PermissionHolding] {
        // Ranked on every core: a report's 60,000 rows hold a hundred thousand names.
        let ranks = ParallelMap.map([map(\.clientDisplayName) + map(\.resourceDisplayName), map(\.clientId), map(\.permission)]) { TextRanks($0) }
        let (names, ids, permissions) = (ranks[0], ranks[1], ranks[2])
        let kinds = TextRanks(PermissionKind.allCases.map(\.rawValue)), consentTypes = TextRanks(map(\.consentType))
        return sorted(byKey: { holding in
            let publisher = holding.thirdPartyFirst
            return SortKey(
                publisher * 2 + (holding.privilegeLevel == nil ? 1 : 0), -(holding.privilegeLevel ?? 0),
                names[holding.clientDisplayName], ids[holding.clientId], names[holding.resourceDisplayName],
                (permissions[holding.permission] * 4 + kinds[holding.kind.rawValue]) * 4 + consentTypes[holding.consentType])
        })
    }
}

extension Array where Element == PermissionHolding {
    /// In the order of `show`'s holders: `tenantId, publisher <> 'thirdParty', clientDisplayName, clientId,
    /// consentType`.
    func inHoldersOrder() -> [PermissionHolding] {
        let tenants = TextRanks(map(\.tenantId)), names = TextRanks(map(\.clientDisplayName))
        let ids = TextRanks(map(\.clientId)), consentTypes = TextRanks(map(\.consentType))
        return sorted(byKey: { holding in
            SortKey(tenants[holding.tenantId], holding.thirdPartyFirst,
                    names[holding.clientDisplayName], ids[holding.clientId], consentTypes[holding.consentType], 0)
        })
    }
}

extension PermissionHolding {
    /// `publisher <> 'thirdParty'` as SQL sorts it: NULL 0, thirdParty 1, any other publisher 2.
    var thirdPartyFirst: Int {
        publisher.map { $0 == "thirdParty" ? 1 : 2 } ?? 0
    }
}

/// Six integers compared left to right.
struct SortKey: Comparable {
    var values: (Int, Int, Int, Int, Int, Int)

    init(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ e: Int, _ f: Int) {
        values = (a, b, c, d, e, f)
    }

    static func < (left: SortKey, right: SortKey) -> Bool { left.values < right.values }
    static func == (left: SortKey, right: SortKey) -> Bool { left.values == right.values }
}
