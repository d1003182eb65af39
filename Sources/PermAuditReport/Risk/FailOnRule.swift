import PermAuditStore

/// A `--fail-on` rule: which holdings fail a pipeline. On `diff tenant` the rules look at the holdings that
/// are new in the newer snapshot (added, or whose consent type changed); on `report`, at the report's rows.
public enum FailOnRule: Sendable, Hashable, CustomStringConvertible {
    case tier(Int)
    case riskAtLeast(RiskLevel)
    /// A holding granted by an administrator: an application role, tenant-wide consent, or a permission that
    /// requires admin consent. "New" comes from the command: diff tenant, or report --since.
    case newAdminConsent
    case thirdPartyAdminConsent
    case thirdPartyApplicationRole

    public static let choices = "tier0, tier1, tier2, risk>=LEVEL (low, medium, high, critical), new-admin-consent, "
        + "third-party-admin-consent, third-party-application-role"

    public init?(_ text: String) {
        switch text {
        case "tier0", "tier1", "tier2": self = .tier(Int(String(text.last!))!)
        case "new-admin-consent": self = .newAdminConsent
        case "third-party-admin-consent": self = .thirdPartyAdminConsent
        case "third-party-application-role": self = .thirdPartyApplicationRole
        default:
            guard text.hasPrefix("risk>="), let level = RiskLevel(rawValue: String(text.dropFirst(6))) else { return nil }
            self = .riskAtLeast(level)
        }
    }

    public var description: String {
        switch self {
        case .tier(let tier): "tier\(tier)"
        case .riskAtLeast(let level): "risk>=\(level.rawValue)"
        case .newAdminConsent: "new-admin-consent"
        case .thirdPartyAdminConsent: "third-party-admin-consent"
        case .thirdPartyApplicationRole: "third-party-application-role"
        }
    }

    /// `holding` must be classified (its `risk` filled in); an unknown level or tier matches no risk rule.
    public func matches(_ holding: PermissionHolding) -> Bool {
        switch self {
        case .tier(let tier): holding.risk?.tier == tier
        case .riskAtLeast(let level): holding.risk?.level.map { $0 >= level } ?? false
        case .newAdminConsent: Self.isAdminConsent(holding)
        case .thirdPartyAdminConsent: holding.publisher == "thirdParty" && Self.isAdminConsent(holding)
        case .thirdPartyApplicationRole: holding.publisher == "thirdParty" && holding.kind == .application
        }
    }

    static func isAdminConsent(_ holding: PermissionHolding) -> Bool {
        holding.requiresAdminConsent == true || holding.consentType == "AllPrincipals" || holding.consentType == "Application"
    }
}
