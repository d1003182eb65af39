/// What one source says about one permission, in Graph's own vocabulary. Nil means the source does not say.
public struct PermissionEntry: Sendable, Equatable {
    public var kind: PermissionKind
    public var value: String
    public var scheme: String?
    public var permissionId: String?
    public var adminConsentDisplayName: String?
    public var adminConsentDescription: String?
    public var userConsentDisplayName: String?
    public var userConsentDescription: String?
    public var requiresAdminConsent: Bool?
    public var type: String?
    public var privilegeLevel: Int?
    public var isEnabled: Bool?
    public var isHidden: Bool?
    public var allowedMemberTypes: String?
    public var origin: String?
    public var authorizationType: String?
    public var ownerSecurityGroup: String?
    public var environment: String?
    public var provisioningResourceAppId: String?
    /// Kibali's API paths for this scheme; nil for sources without paths.
    public var apiPaths: [ApiPathEntry]?

    public init(kind: PermissionKind, value: String) {
        self.kind = kind
        self.value = value
    }

    struct ContentHashes: Sendable {
        /// Identifies the entry's content: equal hashes mean nothing this source says has changed.
        var entry: String
        /// Identifies its API paths (part of the content), and keys their path set.
        var pathSet: String?
    }

    /// The entry's content hash with its API paths' hash, computed once for both.
    var contentHashes: ContentHashes {
        let pathSet = apiPaths.map(ApiPathEntry.contentHash)
        let fields: [String?] = [
            kind.rawValue, value, scheme, permissionId,
            adminConsentDisplayName, adminConsentDescription, userConsentDisplayName, userConsentDescription,
            requiresAdminConsent.map { $0 ? "1" : "0" }, type, privilegeLevel.map(String.init),
            isEnabled.map { $0 ? "1" : "0" }, isHidden.map { $0 ? "1" : "0" },
            allowedMemberTypes, origin, authorizationType, ownerSecurityGroup, environment, provisioningResourceAppId,
            pathSet,
        ]
        return ContentHashes(entry: SHA256.hex(ContentEncoding.join(fields)), pathSet: pathSet)
    }
}

/// One API method and path that a permission allows, with Kibali's annotations.
public struct ApiPathEntry: Sendable, Equatable {
    public var method: String
    public var path: String
    public var schemeKeys: String
    public var leastPrivilegeSchemes: String?
    public var alsoRequires: String?

    public init(method: String, path: String, schemeKeys: String, leastPrivilegeSchemes: String?, alsoRequires: String?) {
        self.method = method
        self.path = path
        self.schemeKeys = schemeKeys
        self.leastPrivilegeSchemes = leastPrivilegeSchemes
        self.alsoRequires = alsoRequires
    }

    /// Order-independent: the same paths listed in another order are the same set. The hash of the sorted
    /// lines joined by newlines, fed to the hasher a line at a time.
    static func contentHash(_ paths: [ApiPathEntry]) -> String {
        let lines = paths.map { ContentEncoding.bytes([$0.method, $0.path, $0.schemeKeys, $0.leastPrivilegeSchemes, $0.alsoRequires]) }
        var hasher = SHA256()
        for (index, line) in ContentEncoding.sortedAsText(lines).enumerated() {
            if index > 0 { hasher.update(CollectionOfOne(UInt8(ascii: "\n"))) }
            hasher.update(line)
        }
        return hasher.finalizeHex()
    }
}

/// One entry of Microsoft's first-party application list.
public struct MicrosoftApplicationEntry: Sendable, Equatable {
    public var appId: String
    public var appDisplayName: String?
    public var appOwnerOrganizationId: String?
    public var listedBy: String?

    public init(appId: String, appDisplayName: String?, appOwnerOrganizationId: String?, listedBy: String?) {
        self.appId = appId
        self.appDisplayName = appDisplayName
        self.appOwnerOrganizationId = appOwnerOrganizationId
        self.listedBy = listedBy
    }

    var contentLine: String { ContentEncoding.join([appId, appDisplayName, appOwnerOrganizationId, listedBy]) }
}

/// An unambiguous text form of a list of optional fields, for hashing: each field is its UTF-8
/// length then its text, so no content can imitate a field boundary.
enum ContentEncoding {
    static func join(_ fields: [String?]) -> String {
        String(decoding: bytes(fields), as: UTF8.self)
    }

    /// `join`'s UTF-8, made in one allocation: an import hashes the line of each of a million objects.
    static func bytes(_ fields: [String?]) -> [UInt8] {
        var count = 0
        for field in fields {
            if let length = field?.utf8.count { count += length + 21 } else { count += 1 }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for field in fields {
            guard let field else {
                bytes.append(UInt8(ascii: "-"))
                continue
            }
            appendDecimal(field.utf8.count, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes += field.utf8
        }
        return bytes
    }

    /// Lines of UTF-8 in the order their Strings sort, the order stored hashes were made in. ASCII lines (all of
    /// Kibali's paths) sort as bytes, which is the same order without making a String of each.
    static func sortedAsText(_ lines: [[UInt8]]) -> [[UInt8]] {
        guard lines.allSatisfy({ $0.allSatisfy { $0 < 0x80 } }) else {
            return lines.map { String(decoding: $0, as: UTF8.self) }.sorted().map { Array($0.utf8) }
        }
        return lines.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Most significant digit first, with no reversal after: reversing the appended slice in place cost more
    /// than the rest of the line (half of `bytes` in a churn import's profile).
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }
}
