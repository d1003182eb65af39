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
