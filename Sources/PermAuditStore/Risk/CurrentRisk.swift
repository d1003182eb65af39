/// The risk lists and policy in effect (the latest import of each source), as the report classifies with them.
public struct CurrentRisk: Sendable, Equatable {
    /// Each source's list in effect: its id, date and file.
    public struct List: Sendable, Equatable {
        public var id: Int64
        public var source: RiskSource
        public var asOf: String
        public var fileName: String
    }

    public var lists: [List]
    public var entries: [RiskSource: [RiskEntry]]
    public var policy: RiskPolicy

    public init(lists: [List] = [], entries: [RiskSource: [RiskEntry]] = [:], policy: RiskPolicy = RiskPolicy()) {
        self.lists = lists
        self.entries = entries
        self.policy = policy
    }
}
