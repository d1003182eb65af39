import PermAuditStore

/// Gives each holding its risk level and tier, each with the source that set it, and the policy exception
/// that covers it. The organisation's policy decides first (its first matching rule that sets a level, or a
/// tier); otherwise the most severe of the lists wins: the highest level of MSIdentityTools and Kibali, the
/// lowest tier of azure-tiering and EntraOps (on a tie, the earlier source in those lists).
public struct RiskClassifier: Sendable {
    let risk: CurrentRisk
    /// YYYY-MM-DD: exceptions are valid through their expiry date, expired after it.
    let today: String
    private let tiering: [String: [RiskEntry]]
    private let entraOps: [String: [RiskEntry]]
    private let msIdentityTools: [String: [RiskEntry]]

    public init(_ risk: CurrentRisk, today: String) {
        self.risk = risk
        self.today = today
        tiering = Dictionary(grouping: risk.entries[.azureTiering] ?? []) { Self.key($0.resourceAppId, $0.kind, $0.permissionId?.lowercased()) }
        entraOps = Dictionary(grouping: risk.entries[.entraOps] ?? []) { Self.key($0.resourceAppId, $0.kind, $0.permission) }
        msIdentityTools = Dictionary(grouping: risk.entries[.msIdentityTools] ?? []) { Self.key(nil, $0.kind, $0.permission) }
    }

    public static func load(_ database: AppDatabase, today: String) throws -> RiskClassifier {
        RiskClassifier(try database.currentRisk(), today: today)
    }

    public func classified(_ holdings: [PermissionHolding]) -> [PermissionHolding] {
        Array(classified(HoldingRows(holdings)))
    }

    /// Each row given its risk. What the lists say depends on the permission alone, and what the policy's
    /// rules say on the permission and the app's publisher: each is worked out once per entry and
    /// publisher, not per row; only apps that an exception names are classified holding by holding.
    public func classified(_ rows: HoldingRows) -> HoldingRows {
        let (groups, groupCount) = publisherGroups(rows.apps)
        var risks = ExactNumbering<HoldingRisk>(key: ExactKey.init), listed: [UInt32: ListedRisk] = [:]
        var byGroup = [Int](repeating: -1, count: rows.entries.count * groupCount), byApp: [RiskKey: Int] = [:]
        func number(_ row: HoldingRows.Row) -> Int {
            let holding = rows.holding(row)
            let lists = listed[row.entry] ?? listedRisk(holding)
            listed[row.entry] = lists
            return risks.number(of: classify(holding, listed: lists))
        }
        let numbers = rows.rows.map { row in
            guard let group = groups[Int(row.client)] else {
                let key = RiskKey(entry: row.entry, client: row.client), known = byApp[key] ?? number(row)
                byApp[key] = known
                return known
            }
            let slot = Int(row.entry) * groupCount + group
            if byGroup[slot] < 0 { byGroup[slot] = number(row) }
            return byGroup[slot]
        }
        return rows.classified(risks.values, numbers: numbers)
    }

    /// Each app's publisher numbered (apps of one publisher get the same risk for the same entry), or nil
    /// for an app an exception may cover; and how many numbers there are (at least 1).
    private func publisherGroups(_ apps: [HoldingRows.App]) -> (groups: [Int?], count: Int) {
        let excepted = Set(risk.policy.exceptions.map { $0.app.lowercased() })
        var publishers = ExactNumbering<String?> { ExactKey([$0]) }
        let groups = apps.map { app -> Int? in
            excepted.contains(app.id.lowercased()) || app.appId.map { excepted.contains($0.lowercased()) } == true
                ? nil : publishers.number(of: app.publisher)
        }
        return (groups, max(publishers.values.count, 1))
    }

    public func classify(_ holding: PermissionHolding) -> HoldingRisk {
        classify(holding, listed: listedRisk(holding))
    }

    private func classify(_ holding: PermissionHolding, listed: ListedRisk) -> HoldingRisk {
        var result = HoldingRisk()
        let rules = risk.policy.rules.filter { $0.matches(holding) }
        if let rule = rules.first(where: { $0.level != nil }) {
            (result.level, result.levelSource) = (rule.level, .policy)
        } else if let (level, source) = listed.level {
            (result.level, result.levelSource) = (level, source)
        }
        if let rule = rules.first(where: { $0.tier != nil }) {
            (result.tier, result.tierSource) = (rule.tier, .policy)
        } else if let (tier, source) = listed.tier {
            (result.tier, result.tierSource) = (tier, source)
        }
        if let exception = exception(for: holding) {
            result.exception = exception
            result.exceptionValid = exception.isValid(on: today)
        }
        return result
    }

    private func listedRisk(_ holding: PermissionHolding) -> ListedRisk {
        ListedRisk(level: highestLevel(holding), tier: lowestTier(holding))
    }

    private func highestLevel(_ holding: PermissionHolding) -> (RiskLevel, RiskSource)? {
        let candidates: [(RiskLevel, RiskSource)] = [
            msIdentityToolsEntries(holding).compactMap(\.level).max().map { ($0, .msIdentityTools) },
            RiskLevel(privilegeLevel: holding.privilegeLevel).map { ($0, .kibali) },
        ].compactMap { $0 }
        return candidates.reduce(nil) { best, next in best.map { next.0 > $0.0 ? next : $0 } ?? next }
    }

    private func lowestTier(_ holding: PermissionHolding) -> (Int, RiskSource)? {
        let byId = tiering[Self.key(holding.resourceAppId, holding.kind, holding.permissionId?.lowercased())] ?? []
        let byName = entraOps[Self.key(holding.resourceAppId, holding.kind, holding.permission)] ?? []
        let candidates: [(Int, RiskSource)] = [
            byId.compactMap(\.tier).min().map { ($0, .azureTiering) },
            byName.compactMap(\.tier).min().map { ($0, .entraOps) },
        ].compactMap { $0 }
        return candidates.reduce(nil) { best, next in best.map { next.0 < $0.0 ? next : $0 } ?? next }
    }

    /// As MSIdentityTools matches its table: the exact name of that kind first, else the name's root
    /// (the part before its first dot), on any resource.
    func msIdentityToolsEntries(_ holding: PermissionHolding) -> [RiskEntry] {
        guard let name = holding.permission else { return [] }
        if let exact = msIdentityTools[Self.key(nil, holding.kind, name)] { return exact }
        let root = name.prefix { $0 != "." }
        return root.count < name.count ? msIdentityTools[Self.key(nil, holding.kind, String(root))] ?? [] : []
    }

    /// The exception for this app and permission that lasts longest, valid or not.
    private func exception(for holding: PermissionHolding) -> PolicyException? {
        risk.policy.exceptions.filter { $0.covers(holding) }.max { $0.expires < $1.expires }
    }

    private static func key(_ resourceAppId: String?, _ kind: PermissionKind, _ name: String?) -> String {
        (resourceAppId?.lowercased() ?? "*") + "|" + kind.rawValue + "|" + (name ?? "")
    }
}

/// An entry held by an app an exception names.
private struct RiskKey: Hashable {
    var entry: UInt32
    var client: UInt32
}

/// The most severe level and tier the lists give a permission, each with its source.
private struct ListedRisk {
    var level: (RiskLevel, RiskSource)?
    var tier: (Int, RiskSource)?
}
