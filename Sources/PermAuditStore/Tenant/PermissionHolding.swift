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
        Array(try latestHoldingRows(filter, adminConsentOnly: true))
    }

    /// Every holding of each tenant's latest snapshot, whatever its consent requirement (least-privilege
    /// advice looks at them all), in the report's order.
    public func latestHoldings(_ filter: HoldingFilter = HoldingFilter(), adminConsentOnly: Bool = false) throws -> [PermissionHolding] {
        Array(try latestHoldingRows(filter, adminConsentOnly: adminConsentOnly))
    }

    /// `latestHoldings` as a table of rows: a report of a million holdings is made from it without making
    /// each one a `PermissionHolding`. Not `ordered`, they come in the database's order, for a caller that
    /// sorts them by more than the report's order (`reportOrderKeys`).
    public func latestHoldingRows(_ filter: HoldingFilter = HoldingFilter(), adminConsentOnly: Bool = false,
                                  ordered: Bool = true) throws -> HoldingRows {
        let rows = try writer.read { db in
            var all = HoldingRows()
            for snapshotId in try latestSnapshotIds(db, tenantIds: filter.tenantIds) {
                all.append(contentsOf: try SnapshotHoldings(db: db, snapshotId: snapshotId).fetchRows(adminConsentOnly: adminConsentOnly))
            }
            return all.admitted(by: filter)
        }
        return ordered ? rows.inReportOrder() : rows
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

extension HoldingRows {
    /// The rows `filter` admits, in their order; all of them, not copied, when it names nothing.
    func admitted(by filter: HoldingFilter) -> HoldingRows {
        filter.isEmpty ? self : with(rows: rows.filter { filter.admits(holding($0)) })
    }

    /// In the report's order, as SQL would sort them: `publisher <> 'thirdParty', privilegeLevel IS NULL,
    /// privilegeLevel DESC, clientDisplayName, clientId, resourceDisplayName, permission, kind, consentType`;
    /// rows equal in all of these keep their order.
    public func inReportOrder() -> HoldingRows {
        sorted(byKeys: reportOrderKeys())
    }

    /// The report's order as keys for `sorted(byKeys:)`: the apps and the entries are ranked once, and each
    /// row has two keys of ranks, each the ranks of several columns combined (two passes of a radix sort).
    public func reportOrderKeys() -> [[Int]] {
        let names = TextRanks(apps.map(\.displayName)), ids = TextRanks(apps.map(\.id))
        let permissions = TextRanks(entries.map(\.permission)), kinds = TextRanks(PermissionKind.allCases.map(\.rawValue))
        let consentTypeRanks = TextRanks(consentTypes)
        let appRanks = Self.ranks(of: apps.map { [names[$0.displayName], ids[$0.id]] })
        let entryRanks = Self.ranks(of: entries.map { [names[apps[$0.resource].displayName], permissions[$0.permission] * 4 + kinds[$0.kind.rawValue]] })
        let privileges = Self.ranks(of: entries.map { [$0.privilegeLevel.map { -$0 } ?? 0] })
        let consentRanks = consentTypes.map { consentTypeRanks[$0] }
        let privilegeCount = (privileges.max() ?? 0) + 1, appCount = (appRanks.max() ?? 0) + 1
        return [
            rows.map { row in
                let entry = entries[Int(row.entry)]
                let first = PermissionHolding.thirdPartyFirst(apps[Int(row.client)].publisher) * 2 + (entry.privilegeLevel == nil ? 1 : 0)
                return (first * privilegeCount + privileges[Int(row.entry)]) * appCount + appRanks[Int(row.client)]
            },
            rows.map { entryRanks[Int($0.entry)] * (consentTypes.count + 1) + consentRanks[Int($0.consentType)] },
        ]
    }

    /// Each value's rank among them (equal values share a rank).
    private static func ranks(of values: [[Int]]) -> [Int] {
        var ranks = [Int](repeating: 0, count: values.count), rank = 0
        let order = values.indices.sorted { values[$0].lexicographicallyPrecedes(values[$1]) }
        for (place, index) in order.enumerated() {
            if place > 0 && values[order[place - 1]] != values[index] { rank += 1 }
            ranks[index] = rank
        }
        return ranks
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
        Self.thirdPartyFirst(publisher)
    }

    static func thirdPartyFirst(_ publisher: String?) -> Int {
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
