/// The organisation's own policy: rules that set a level or tier, and exceptions that let one app hold one
/// permission until a date.
public struct RiskPolicy: Sendable, Equatable {
    public var rules: [PolicyRule]
    public var exceptions: [PolicyException]

    public init(rules: [PolicyRule] = [], exceptions: [PolicyException] = []) {
        self.rules = rules
        self.exceptions = exceptions
    }
}
