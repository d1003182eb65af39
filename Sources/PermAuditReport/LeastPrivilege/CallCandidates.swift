import PermAuditStore

/// The catalog's answer to "which permissions allow this call": every permission that lists the call's
/// template and method for the scheme, with Kibali's least-privileged mark.
struct CallCandidates {
    struct Call: Hashable {
        var template: String
        var method: String
        var scheme: GraphCall.Scheme
    }

    private struct Claim: Hashable {
        var scheme: GraphCall.Scheme
        var permission: String
    }

    private let byCall: [Call: [CatalogCallTemplate]]
    /// The permissions that allow at least one call, per scheme: one that allows none (openid, a
    /// scope the catalog lists no path for) cannot be judged by the calls an app makes.
    private let withCalls: Set<Claim>
    /// Privilege levels per scheme: Kibali rates a name's delegated scope and application role apart.
    private let levels: [GraphCall.Scheme: [String: Int]]

    init(_ templates: [CatalogCallTemplate]) {
        var byCall: [Call: [CatalogCallTemplate]] = [:]
        for template in templates {
            byCall[Call(template: template.key, method: template.method.uppercased(), scheme: template.scheme), default: []].append(template)
        }
        self.byCall = byCall
        withCalls = Set(templates.map { Claim(scheme: $0.scheme, permission: $0.permission) })
        var levels: [GraphCall.Scheme: [String: Int]] = [:]
        for template in templates {
            if let level = template.privilegeLevel { levels[template.scheme, default: [:]][template.permission] = level }
        }
        self.levels = levels
    }

    func candidates(_ call: Call) -> [CatalogCallTemplate] {
        byCall[call] ?? []
    }

    func levels(_ scheme: GraphCall.Scheme) -> [String: Int] {
        levels[scheme] ?? [:]
    }

    func allowsCalls(_ permission: String, _ scheme: GraphCall.Scheme) -> Bool {
        withCalls.contains(Claim(scheme: scheme, permission: permission))
    }
}
