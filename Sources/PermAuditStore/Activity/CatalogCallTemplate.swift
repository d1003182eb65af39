/// One permission's claim on one API call of the current Kibali catalog (Microsoft Graph): the call
/// (template key, method, scheme), whether Kibali marks the permission least privileged for it, what it
/// also requires, the permission's privilege level and how many methods its path set allows.
public struct CatalogCallTemplate: Sendable, Hashable {
    public var permission: String
    public var scheme: GraphCall.Scheme
    public var method: String
    /// The catalog's path as written (`/users/{id}/messages`).
    public var path: String
    /// ApiTemplate.key(path)
    public var key: String
    public var least: Bool
    /// Kibali's `AlsoRequires=`: permissions of which one must be held too.
    public var alsoRequires: [String]
    public var privilegeLevel: Int?
    public var pathSetMethods: Int

    /// `key` is ApiTemplate.key(path), computed here when not given.
    public init(permission: String, scheme: GraphCall.Scheme, method: String, path: String, key: String? = nil, least: Bool,
                alsoRequires: [String], privilegeLevel: Int?, pathSetMethods: Int) {
        self.permission = permission
        self.scheme = scheme
        self.method = method
        self.path = path
        self.key = key ?? ApiTemplate.key(path)
        self.least = least
        self.alsoRequires = alsoRequires
        self.privilegeLevel = privilegeLevel
        self.pathSetMethods = pathSetMethods
    }
}
