import Foundation

import PermAuditStore

/// `permaudit show`: everything the catalog says about one permission, per kind (delegated, application).
/// Its JSON form is a documented contract: field names are stable.
public struct PermissionPage: Sendable, Encodable, Equatable {
    public var permission: String
    public var entries: [Entry]

    public struct Entry: Sendable, Encodable, Equatable {
        public var kind: String
        public var resourceAppId: String
        public var permissionId: String?
        public var adminConsent: AdminConsent
        public var adminConsentDisplayName: String?
        public var adminConsentDescription: String?
        public var userConsentDisplayName: String?
        public var userConsentDescription: String?
        public var privilegeLevel: Int?
        public var isEnabled: Bool?
        public var authorizationType: String?
        /// What each source says in its latest snapshot.
        public var sources: [SourceStatement]
        public var apiPaths: [ApiPath]
    }

    /// The flag Entra enforces (`required`, decided by `decidedBy`) next to what each source says.
    public struct AdminConsent: Sendable, Encodable, Equatable {
        public var required: Bool?
        public var decidedBy: String?
        public var bySource: [String: Bool]
        public var sourcesDisagree: Bool
    }

    public struct ApiPath: Sendable, Encodable, Equatable {
        public var method: String
        public var path: String
        /// The Kibali schemes under which this permission allows the call.
        public var schemes: [String]
        /// The schemes for which this permission is the least privileged one for the call.
        public var leastPrivilegeFor: [String]
        /// Permissions the call needs together with this one.
        public var alsoRequires: [String]
    }

    public init(permission: String, details: [PermissionDetails]) {
        self.permission = permission
        entries = details.map(Entry.init)
    }
}

extension PermissionPage.Entry {
    init(_ details: PermissionDetails) {
        let permission = details.permission
        kind = permission.kind.rawValue
        resourceAppId = permission.resourceAppId
        permissionId = permission.permissionId
        var bySource: [String: Bool] = [:]
        for source in details.sources {
            if let flag = source.requiresAdminConsent, bySource[source.source] == nil { bySource[source.source] = flag }
        }
        adminConsent = .init(
            required: permission.requiresAdminConsent, decidedBy: permission.requiresAdminConsentSource,
            bySource: bySource, sourcesDisagree: permission.consentFlagsDisagree)
        adminConsentDisplayName = permission.adminConsentDisplayName
        adminConsentDescription = permission.adminConsentDescription
        userConsentDisplayName = permission.userConsentDisplayName
        userConsentDescription = permission.userConsentDescription
        privilegeLevel = permission.privilegeLevel
        isEnabled = permission.isEnabled
        authorizationType = permission.authorizationType
        sources = details.sources
        apiPaths = Self.merge(details.apiPaths)
    }

    /// One row per (method, path): Kibali lists a call once per scheme and sometimes in two path sets.
    private static func merge(_ paths: [PermissionApiPath]) -> [PermissionPage.ApiPath] {
        var merged: [String: PermissionPage.ApiPath] = [:]
        var order: [String] = []
        for path in paths {
            let key = path.method + " " + path.path
            if merged[key] == nil {
                order.append(key)
                merged[key] = .init(method: path.method, path: path.path, schemes: [], leastPrivilegeFor: [], alsoRequires: [])
            }
            merged[key]!.schemes = union(merged[key]!.schemes, path.scheme.map { [$0] } ?? [])
            merged[key]!.leastPrivilegeFor = union(merged[key]!.leastPrivilegeFor, list(path.leastPrivilegeSchemes))
            merged[key]!.alsoRequires = union(merged[key]!.alsoRequires, list(path.alsoRequires))
        }
        return order.map { merged[$0]! }
    }

    private static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func union(_ a: [String], _ b: [String]) -> [String] {
        Array(Set(a + b)).sorted()
    }
}
