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

/// An exception: the app (appId or service principal id) may hold the permission through `expires` (inclusive).
public struct PolicyException: Sendable, Equatable, Codable {
    public var location: String
    public var app: String
    public var permission: String
    public var kind: PermissionKind?
    public var resourceAppId: String?
    public var reason: String
    public var owner: String
    /// YYYY-MM-DD, the last day the exception holds.
    public var expires: String

    public init(location: String, app: String, permission: String, kind: PermissionKind? = nil, resourceAppId: String? = nil,
                reason: String, owner: String, expires: String) {
        self.location = location
        self.app = app
        self.permission = permission
        self.kind = kind
        self.resourceAppId = resourceAppId
        self.reason = reason
        self.owner = owner
        self.expires = expires
    }

    /// Valid on `today` (YYYY-MM-DD) through its expiry date; expired from the day after.
    public func isValid(on today: String) -> Bool { today <= expires }

    var contentLine: String {
        ["exception", app, permission, kind?.rawValue, resourceAppId, reason, owner, expires]
            .map { $0 ?? "" }.joined(separator: "\u{1F}")
    }
}
