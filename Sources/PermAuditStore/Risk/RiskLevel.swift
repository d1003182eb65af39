/// How dangerous a holding is, on one scale for every source: low < medium < high < critical.
public enum RiskLevel: String, Sendable, CaseIterable, Codable, Comparable {
    case low, medium, high, critical

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Kibali's privilegeLevel on this scale: 1 and 2 low, 3 medium, 4 high, 5 and above critical.
    public init?(privilegeLevel: Int?) {
        guard let privilegeLevel, privilegeLevel >= 1 else { return nil }
        switch privilegeLevel {
        case 1, 2: self = .low
        case 3: self = .medium
        case 4: self = .high
        default: self = .critical
        }
    }
}
