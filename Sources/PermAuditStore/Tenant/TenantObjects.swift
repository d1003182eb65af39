public struct TenantServicePrincipal: Sendable, Equatable {
    public var id: String
    public var appId: String?
    public var displayName: String?
    public var appOwnerOrganizationId: String?
    public var servicePrincipalType: String?
    public var publisherName: String?
    public var verifiedPublisherId: String?
    public var verifiedPublisherName: String?
    public var accountEnabled: Bool?
    public var scopes: [PublishedScope]
    public var appRoles: [PublishedAppRole]

    public init(id: String) {
        self.id = id
        scopes = []
        appRoles = []
    }

    public struct PublishedScope: Sendable, Equatable {
        public var id: String
        public var value: String
        public var type: String?
        public var isEnabled: Bool?
        public var adminConsentDisplayName: String?

        public init(id: String, value: String, type: String?, isEnabled: Bool?, adminConsentDisplayName: String?) {
            self.id = id
            self.value = value
            self.type = type
            self.isEnabled = isEnabled
            self.adminConsentDisplayName = adminConsentDisplayName
        }
    }

    public struct PublishedAppRole: Sendable, Equatable {
        public var id: String
        public var value: String?
        public var allowedMemberTypes: String?
        public var isEnabled: Bool?
        public var displayName: String?

        public init(id: String, value: String?, allowedMemberTypes: String?, isEnabled: Bool?, displayName: String?) {
            self.id = id
            self.value = value
            self.allowedMemberTypes = allowedMemberTypes
            self.isEnabled = isEnabled
            self.displayName = displayName
        }
    }

    /// The content line (ContentEncoding) whose SHA-256 is the version's content hash.
    var contentBytes: [UInt8] {
        var fields: [String?] = ["sp", id, appId, displayName, appOwnerOrganizationId, servicePrincipalType, publisherName,
                                 verifiedPublisherId, verifiedPublisherName, accountEnabled.map { $0 ? "1" : "0" }]
        for scope in scopes { fields += ["scope", scope.id, scope.value, scope.type, scope.isEnabled.map { $0 ? "1" : "0" }, scope.adminConsentDisplayName] }
        for role in appRoles { fields += ["role", role.id, role.value, role.allowedMemberTypes, role.isEnabled.map { $0 ? "1" : "0" }, role.displayName] }
        return ContentEncoding.bytes(fields)
    }
}

public struct TenantGrant: Sendable, Equatable {
    public var id: String
    public var clientId: String
    public var consentType: String
    public var principalId: String?
    public var resourceId: String
    public var scope: String

    public init(id: String, clientId: String, consentType: String, principalId: String?, resourceId: String, scope: String) {
        self.id = id
        self.clientId = clientId
        self.consentType = consentType
        self.principalId = principalId
        self.resourceId = resourceId
        self.scope = scope
    }

    /// The scope string split on any white space, empty pieces ignored, each once by its bytes (as SQLite
    /// tells texts apart: "é" and "e\u{301}" are two scopes). A few values are compared with each other; a
    /// long list goes through a set.
    public var scopeValues: [String] { Self.values(ofScope: scope) }

    static func values(ofScope scope: String) -> [String] {
        let pieces = split(scope)
        guard pieces.count > 16 else {
            var values: [String] = []
            for piece in pieces where !values.contains(where: { $0.utf8.elementsEqual(piece.utf8) }) { values.append(piece) }
            return values
        }
        var seen = Set<ByteText>()
        return pieces.filter { seen.insert(ByteText($0)).inserted }
    }

    /// ASCII scope strings (nearly all) split by bytes; others by Unicode's white space.
    private static func split(_ scope: String) -> [String] {
        guard scope.utf8.allSatisfy({ $0 < 0x80 }) else {
            return scope.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        }
        // Two comparisons, not a range's `contains`: the range's generic call showed in a churn import's profile.
        return scope.utf8.split(whereSeparator: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The content line (ContentEncoding) whose SHA-256 is the version's content hash.
    var contentBytes: [UInt8] { ContentEncoding.bytes(["grant", id, clientId, consentType, principalId, resourceId, scope]) }
}

public struct TenantAssignment: Sendable, Equatable {
    public var id: String
    public var appRoleId: String
    public var principalId: String
    public var principalType: String
    public var principalDisplayName: String?
    public var resourceId: String
    public var resourceDisplayName: String?
    public var createdDateTime: String?

    public init(id: String, appRoleId: String, principalId: String, principalType: String, principalDisplayName: String?,
                resourceId: String, resourceDisplayName: String?, createdDateTime: String?) {
        self.id = id
        self.appRoleId = appRoleId
        self.principalId = principalId
        self.principalType = principalType
        self.principalDisplayName = principalDisplayName
        self.resourceId = resourceId
        self.resourceDisplayName = resourceDisplayName
        self.createdDateTime = createdDateTime
    }

    /// A stored assignment as its holding needs it (`HoldingTally.holds` and `add`): the rest is not read.
    init(role appRoleId: String, principal principalId: String, principalType: String, resource resourceId: String) {
        self.init(id: "", appRoleId: appRoleId, principalId: principalId, principalType: principalType, principalDisplayName: nil,
                  resourceId: resourceId, resourceDisplayName: nil, createdDateTime: nil)
    }

    /// The content line (ContentEncoding) whose SHA-256 is the version's content hash.
    var contentBytes: [UInt8] {
        ContentEncoding.bytes(["assignment", id, appRoleId, principalId, principalType, principalDisplayName, resourceId,
                               resourceDisplayName, createdDateTime])
    }
}
