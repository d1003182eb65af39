import PermAuditStore

/// `--min-risk` and `--tier`: which classified holdings a report keeps; empty keeps all.
public struct RiskFilter: Sendable {
    public var minimumLevel: RiskLevel?
    public var tiers: [Int] = []

    public init(minimumLevel: RiskLevel? = nil, tiers: [Int] = []) {
        self.minimumLevel = minimumLevel
        self.tiers = tiers
    }

    /// The holdings it keeps; all of them, not copied, when it sets no minimum and no tier.
    func kept(_ holdings: [PermissionHolding]) -> [PermissionHolding] {
        minimumLevel == nil && tiers.isEmpty ? holdings : holdings.filter(keeps)
    }

    /// An unknown level or tier is below any minimum and in no tier.
    func keeps(_ holding: PermissionHolding) -> Bool {
        if let minimumLevel, !(holding.risk?.level.map { $0 >= minimumLevel } ?? false) { return false }
        if !tiers.isEmpty, !(holding.risk?.tier.map(tiers.contains) ?? false) { return false }
        return true
    }
}
