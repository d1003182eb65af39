/// A holding's classification: its level and tier, each with the source that set it, and the policy
/// exception that covers it, if any (shown, never hidden, valid or expired).
public struct HoldingRisk: Sendable, Codable, Equatable {
    public var level: RiskLevel?
    public var levelSource: RiskSource?
    public var tier: Int?
    public var tierSource: RiskSource?
    public var exception: PolicyException?
    /// Whether the exception holds on the day the report was made.
    public var exceptionValid: Bool?

    public init(level: RiskLevel? = nil, levelSource: RiskSource? = nil, tier: Int? = nil, tierSource: RiskSource? = nil,
                exception: PolicyException? = nil, exceptionValid: Bool? = nil) {
        self.level = level
        self.levelSource = levelSource
        self.tier = tier
        self.tierSource = tierSource
        self.exception = exception
        self.exceptionValid = exceptionValid
    }
}
