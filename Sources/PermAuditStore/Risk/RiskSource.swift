/// Where a holding's level or tier came from.
public enum RiskSource: String, Sendable, CaseIterable, Codable {
    /// Kibali's privilegeLevel, from the catalog.
    case kibali
    case entraOps
    case msIdentityTools
    case azureTiering
    /// The organisation's own policy file.
    case policy
}
