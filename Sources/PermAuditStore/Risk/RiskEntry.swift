/// One classification from a risk list, keyed as its source keys it: by permission id when the source gives
/// ids, else by name; always with the kind, and with the resource unless the source names none.
public struct RiskEntry: Sendable, Equatable {
    /// Where in the file: a JSON path or a line.
    public var location: String
    /// Nil: any resource.
    public var resourceAppId: String?
    public var kind: PermissionKind
    public var permission: String?
    public var permissionId: String?
    public var level: RiskLevel?
    public var tier: Int?
    /// The source's own words for it (EntraOps' service, MSIdentityTools' reason, azure-tiering's path type).
    public var category: String?

    public init(location: String, resourceAppId: String?, kind: PermissionKind, permission: String?, permissionId: String? = nil,
                level: RiskLevel? = nil, tier: Int? = nil, category: String? = nil) {
        self.location = location
        self.resourceAppId = resourceAppId
        self.kind = kind
        self.permission = permission
        self.permissionId = permissionId
        self.level = level
        self.tier = tier
        self.category = category
    }

    var contentLine: String {
        [resourceAppId, kind.rawValue, permission, permissionId, level?.rawValue, tier.map(String.init), category]
            .map { $0 ?? "" }.joined(separator: "\u{1F}")
    }
}
