import Foundation

import PermAuditStore

/// `permaudit show`: everything permaudit knows about one permission, per kind (delegated, application):
/// the catalog's facts per source, the API calls grouped by method, the resource types those calls reach
/// with their properties (from Graph's metadata), who holds it in each imported tenant, how to get a token
/// with it, and how to add it to an app registration.
/// Its JSON form is a documented contract: field names are stable, and a value no source gives is null.
public struct PermissionPage: Sendable, Equatable {
    public var permission: String
    /// The date of the v1.0 metadata document resources come from; nil when none is imported.
    public var metadataAsOf: String?
    public var entries: [Entry]

    public struct Entry: Sendable, Equatable {
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
        /// The API calls again, grouped by HTTP method.
        public var methods: [MethodGroup]
        public var resources: [Resource]
        /// Paths that reach no type in the metadata (beta-only paths, for instance), with the reason.
        public var unresolvedPaths: [UnresolvedPath]
        /// Holdings in each tenant's latest snapshot.
        public var holders: [Holder]
        public var tokenExamples: [TokenExample]
        public var registrationSteps: [String]
    }

    /// The flag Entra enforces (`required`, decided by `decidedBy`) next to what each source says.
    public struct AdminConsent: Sendable, Equatable {
        public var required: Bool?
        public var decidedBy: String?
        public var bySource: [String: Bool]
        public var sourcesDisagree: Bool
    }

    public struct ApiPath: Sendable, Equatable {
        public var method: String
        public var path: String
        /// `v1.0`, or `beta` when only the beta metadata resolves the path (a v1.0 catalog's default is v1.0).
        public var apiVersion: String
        /// The Kibali schemes under which this permission allows the call.
        public var schemes: [String]
        /// The schemes for which this permission is the least privileged one for the call.
        public var leastPrivilegeFor: [String]
        /// Permissions the call needs together with this one.
        public var alsoRequires: [String]
    }

    public struct UnresolvedPath: Sendable, Equatable {
        public var path: String
        public var segment: String
        public var problem: String
    }

    public struct MethodGroup: Sendable, Equatable {
        public var method: String
        public var paths: [String]
    }

    /// An app holding the permission in a tenant.
    public struct Holder: Sendable, Equatable {
        public var tenantId: String
        public var asOf: String
        public var clientId: String
        public var clientAppId: String?
        public var clientDisplayName: String?
        public var publisher: String?
        public var consentType: String
        public var principalCount: Int?
    }

    public init(permission: String, metadataAsOf: String? = nil, entries: [Entry]) {
        self.permission = permission
        self.metadataAsOf = metadataAsOf
        self.entries = entries
    }

    var json: JSONValue {
        JSONFields([
            ("permission", permission),
            ("metadataAsOf", metadataAsOf),
            ("entries", entries),
        ]).json
    }
}

extension PermissionPage.Entry {
    init(_ details: PermissionDetails, resources: [PermissionPage.Resource], unresolved: [PathResolutionRow], betaPaths: Set<String>,
         holders: [PermissionHolding]) {
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
        apiPaths = Self.merge(details.apiPaths, betaPaths: betaPaths)
        methods = Self.group(apiPaths)
        self.resources = resources
        // A path the beta metadata resolves is a beta path, not an unresolved one.
        unresolvedPaths = unresolved.filter { !betaPaths.contains($0.path) }.map { .init(path: $0.path, segment: $0.unresolvedSegment ?? "", problem: $0.problem ?? "") }
        self.holders = holders.map(PermissionPage.Holder.init)
        tokenExamples = TokenExample.all(permission: permission.permission, kind: permission.kind, resourceAppId: permission.resourceAppId,
                                         paths: apiPaths, unresolved: Set(unresolvedPaths.map(\.path)))
        registrationSteps = RegistrationSteps.steps(
            permission: permission.permission, permissionId: permission.permissionId, kind: permission.kind,
            resourceAppId: permission.resourceAppId, adminConsentRequired: permission.requiresAdminConsent)
    }

    /// One row per (method, path): Kibali lists a call once per scheme and sometimes in two path sets.
    private static func merge(_ paths: [PermissionApiPath], betaPaths: Set<String>) -> [PermissionPage.ApiPath] {
        var merged: [String: PermissionPage.ApiPath] = [:]
        var order: [String] = []
        for path in paths {
            let key = path.method + " " + path.path
            if merged[key] == nil {
                order.append(key)
                merged[key] = .init(method: path.method, path: path.path, apiVersion: betaPaths.contains(path.path) ? "beta" : "v1.0",
                                    schemes: [], leastPrivilegeFor: [], alsoRequires: [])
            }
            merged[key]!.schemes = union(merged[key]!.schemes, path.scheme.map { [$0] } ?? [])
            merged[key]!.leastPrivilegeFor = union(merged[key]!.leastPrivilegeFor, list(path.leastPrivilegeSchemes))
            merged[key]!.alsoRequires = union(merged[key]!.alsoRequires, list(path.alsoRequires))
        }
        return order.map { merged[$0]! }
    }

    /// One group per HTTP method, in Graph's documentation order.
    private static func group(_ paths: [PermissionPage.ApiPath]) -> [PermissionPage.MethodGroup] {
        HTTPMethods.sorted(paths.map(\.method)).map { method in
            .init(method: method, paths: paths.filter { $0.method == method }.map(\.path))
        }
    }

    private static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func union(_ a: [String], _ b: [String]) -> [String] {
        Array(Set(a + b)).sorted()
    }
}

extension PermissionPage: PageJSON {}

extension PermissionPage.Entry: PageJSON {
    var json: JSONValue {
        JSONFields([
            ("kind", kind),
            ("resourceAppId", resourceAppId),
            ("permissionId", permissionId),
            ("adminConsent", adminConsent),
            ("adminConsentDisplayName", adminConsentDisplayName),
            ("adminConsentDescription", adminConsentDescription),
            ("userConsentDisplayName", userConsentDisplayName),
            ("userConsentDescription", userConsentDescription),
            ("privilegeLevel", privilegeLevel),
            ("isEnabled", isEnabled),
            ("authorizationType", authorizationType),
            ("sources", sources.map(SourceJSON.init)),
            ("apiPaths", apiPaths),
            ("methods", methods),
            ("resources", resources),
            ("unresolvedPaths", unresolvedPaths),
            ("holders", holders),
            ("tokenExamples", tokenExamples),
            ("registrationSteps", registrationSteps),
        ]).json
    }

    /// A source statement with its nulls written out.
    private struct SourceJSON: PageJSON {
        let statement: SourceStatement
        init(_ statement: SourceStatement) { self.statement = statement }

        var json: JSONValue {
            JSONFields([
                ("source", statement.source),
                ("asOf", statement.asOf),
                ("scheme", statement.scheme),
                ("permissionId", statement.permissionId),
                ("requiresAdminConsent", statement.requiresAdminConsent),
                ("type", statement.type),
                ("privilegeLevel", statement.privilegeLevel),
                ("isEnabled", statement.isEnabled),
            ]).json
        }
    }
}

extension PermissionPage.Holder: PageJSON {
    init(_ holding: PermissionHolding) {
        self.init(tenantId: holding.tenantId, asOf: holding.asOf, clientId: holding.clientId, clientAppId: holding.clientAppId,
                  clientDisplayName: holding.clientDisplayName, publisher: holding.publisher,
                  consentType: holding.consentType, principalCount: holding.principalCount)
    }

    /// The app's name, checked for text that hides or reorders characters or mixes alphabets.
    var textFlags: String? { TextFlag.summary([("clientDisplayName", clientDisplayName)]) }

    var json: JSONValue {
        JSONFields([
            ("tenantId", tenantId),
            ("asOf", asOf),
            ("clientId", clientId),
            ("clientAppId", clientAppId),
            ("clientDisplayName", clientDisplayName),
            ("publisher", publisher),
            ("consentType", consentType),
            ("principalCount", principalCount),
            ("textFlags", textFlags),
        ]).json
    }
}

extension PermissionPage.AdminConsent: PageJSON {
    var json: JSONValue {
        JSONFields([("required", required), ("decidedBy", decidedBy), ("bySource", bySource), ("sourcesDisagree", sourcesDisagree)]).json
    }
}

extension PermissionPage.ApiPath: PageJSON {
    var json: JSONValue {
        JSONFields([("method", method), ("path", path), ("apiVersion", apiVersion), ("schemes", schemes),
                    ("leastPrivilegeFor", leastPrivilegeFor), ("alsoRequires", alsoRequires)]).json
    }
}

extension PermissionPage.UnresolvedPath: PageJSON {
    var json: JSONValue { JSONFields([("path", path), ("segment", segment), ("problem", problem)]).json }
}

extension PermissionPage.MethodGroup: PageJSON {
    var json: JSONValue { JSONFields([("method", method), ("paths", paths)]).json }
}

extension TokenExample: PageJSON {
    var json: JSONValue { JSONFields([("language", language), ("code", code)]).json }
}

/// A value of the page's JSON.
protocol PageJSON {
    var json: JSONValue { get }
}

extension String: PageJSON { var json: JSONValue { .string(self) } }
extension Int: PageJSON { var json: JSONValue { .int(self) } }
extension Bool: PageJSON { var json: JSONValue { .bool(self) } }
extension Array: PageJSON where Element: PageJSON { var json: JSONValue { .array(map { $0.json }) } }
extension Dictionary: PageJSON where Key == String, Value: PageJSON {
    var json: JSONValue { .object(map { ($0.key, $0.value.json) }.sorted { $0.0 < $1.0 }) }
}

/// An object's fields in a fixed list, a nil written as null rather than left out: the page's JSON
/// contract keeps every field. Keys in sorted order, as the page has always been written.
struct JSONFields {
    let fields: [(String, (any PageJSON)?)]

    init(_ fields: [(String, (any PageJSON)?)]) {
        self.fields = fields
    }

    var json: JSONValue {
        .object(fields.map { ($0.0, $0.1?.json ?? .null) }.sorted { $0.0 < $1.0 })
    }
}
