/// A rule: every condition given must hold; the first matching rule that sets a level (or a tier) decides it.
public struct PolicyRule: Sendable, Equatable {
    public var location: String
    /// A pattern on the permission's name: `*` any characters, `?` one; nil matches every name.
    public var permission: String?
    public var kind: PermissionKind?
    public var resourceAppId: String?
    /// The client app's publisher: microsoft, thisTenant or thirdParty.
    public var publisher: String?
    public var level: RiskLevel?
    public var tier: Int?
    public var reason: String?

    public init(location: String, permission: String? = nil, kind: PermissionKind? = nil, resourceAppId: String? = nil,
                publisher: String? = nil, level: RiskLevel? = nil, tier: Int? = nil, reason: String? = nil) {
        self.location = location
        self.permission = permission
        self.kind = kind
        self.resourceAppId = resourceAppId
        self.publisher = publisher
        self.level = level
        self.tier = tier
        self.reason = reason
    }

    var contentLine: String {
        ["rule", permission, kind?.rawValue, resourceAppId, publisher, level?.rawValue, tier.map(String.init), reason]
            .map { $0 ?? "" }.joined(separator: "\u{1F}")
    }
}
