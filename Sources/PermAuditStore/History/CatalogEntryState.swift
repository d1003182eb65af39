/// What one catalog source said about one permission (name and kind) in one snapshot: the fields a
/// diff compares. For Kibali, DelegatedWork speaks for a delegated permission when DelegatedPersonal
/// also exists; personal-account support is an attribute; the API paths are those of every scheme.
public struct CatalogEntryState: Sendable, Equatable {
    public struct Key: Sendable, Hashable, Comparable {
        public var permission: String
        public var kind: PermissionKind

        public init(permission: String, kind: PermissionKind) {
            self.permission = permission
            self.kind = kind
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.permission, a.kind.rawValue) < (b.permission, b.kind.rawValue)
        }
    }

    public var key: Key
    /// Field name to value, written as text; nil where the source does not say.
    public var fields: [String: String?]
    /// "METHOD path" to its annotation ("least=DelegatedWork,Application; alsoRequires=X"), "" when none.
    public var apiPaths: [String: String]

    /// The compared fields, in the order diffs list them.
    public static let fieldNames = [
        "permissionId", "requiresAdminConsent", "type", "privilegeLevel", "isEnabled", "isHidden",
        "supportsPersonalAccounts", "authorizationType", "adminConsentDisplayName", "adminConsentDescription",
        "userConsentDisplayName", "userConsentDescription",
    ]
}
