import PermAuditStore

/// `--min-risk` and `--tier`: which classified holdings a report keeps; empty keeps all.
public struct RiskFilter: Sendable {
    public var minimumLevel: RiskLevel?
    public var tiers: [Int] = []

    public init(minimumLevel: RiskLevel? = nil, tiers: [Int] = []) {
        self.minimumLevel = minimumLevel
        self.tiers = tiers
    }

    /// The rows it keeps; all of them, not copied, when it sets no minimum and no tier.
    func kept(_ rows: HoldingRows) -> HoldingRows {
        guard minimumLevel != nil || !tiers.isEmpty else { return rows }
        let kept = rows.risks.map(keeps)
        return rows.with(rows: rows.rows.filter { row in row.risk.map { kept[$0] } ?? keeps(nil) })
    }

    /// An unknown level or tier is below any minimum and in no tier.
    func keeps(_ risk: HoldingRisk?) -> Bool {
        if let minimumLevel, !(risk?.level.map { $0 >= minimumLevel } ?? false) { return false }
        if !tiers.isEmpty, !(risk?.tier.map(tiers.contains) ?? false) { return false }
        return true
    }
}
