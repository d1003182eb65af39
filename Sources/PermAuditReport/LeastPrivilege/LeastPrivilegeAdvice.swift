import PermAuditStore

/// Least-privilege advice for one app and one scheme (application or delegated): from the calls it made
/// in the window and the catalog, the least set of permissions that allows them, and a verdict for each
/// permission it holds on Microsoft Graph.
public struct LeastPrivilegeAdvice: Sendable {
    /// One distinct call (template and method), summed over the window.
    public struct CallUse: Sendable, Equatable {
        public var method: String
        public var template: String
        public var matchKind: GraphCall.MatchKind
        public var calls: Int
        public var lastSeen: String
        /// The catalog's least-privileged permissions for it (ties: all of them).
        public var least: [String]
        /// The held permissions that allow it.
        public var coveredBy: [String]
    }

    public struct Judgement: Sendable, Equatable {
        public var holding: PermissionHolding
        public var verdict: PermissionVerdict
        public var suggested: [String]
        /// The calls in the window it allows, and the last of them.
        public var calls: Int
        public var lastUsed: String?
        public var reason: String
    }

    public var appId: String
    public var scheme: GraphCall.Scheme
    /// Successful calls (2xx) matched to the catalog.
    public var used: [CallUse]
    /// 403s: calls the app tried and was refused.
    public var denied: [CallUse]
    /// Calls whose path the catalog does not know (gaps in the catalog, or in the matching).
    public var unmatched: [CallUse]
    /// The least set that allows every used call; `exact` is false when the search gave up early.
    public var suggested: [String]
    public var exact: Bool
    /// Other sets exactly as good as `suggested` (real ties in the catalog): for a person to choose from.
    public var alternatives: [[String]]
    public var judgements: [Judgement]
}

extension LeastPrivilegeAdvice {
    /// `held` are the app's holdings on Microsoft Graph of this scheme's kind; `calls` its activity.
    static func advise(appId: String, scheme: GraphCall.Scheme, held: [PermissionHolding], calls: [GraphCall],
                       catalog: CallCandidates) -> LeastPrivilegeAdvice {
        let uses = Self.uses(calls.filter(\.succeeded), catalog: catalog, scheme: scheme, held: held)
        let heldNames = Set(held.compactMap(\.permission))
        let options = uses.map { Self.options($0, catalog: catalog, scheme: scheme, held: heldNames) }
        let cover = PermissionCover(levels: catalog.levels(scheme), held: heldNames).least(options.filter { !$0.isEmpty })
        let unmatched = Self.uses(calls.filter { $0.matchKind == .unmatched }, catalog: catalog, scheme: scheme, held: held)
        let judgements = held.map { holding in
            judge(holding, uses: uses, options: options, cover: cover.set, held: heldNames, anyUnmatched: !unmatched.isEmpty,
                  catalog: catalog, scheme: scheme)
        }
        return LeastPrivilegeAdvice(
            appId: appId, scheme: scheme, used: uses.filter { $0.matchKind != .unmatched },
            denied: Self.uses(calls.filter { $0.statusClass == "403" }, catalog: catalog, scheme: scheme, held: held),
            unmatched: unmatched, suggested: cover.set.sorted(), exact: cover.exact, alternatives: cover.alternatives.map { $0.sorted() },
            judgements: judgements)
    }

    private static func judge(_ holding: PermissionHolding, uses: [CallUse], options: [[PermissionCover.Option]], cover: Set<String>,
                              held: Set<String>, anyUnmatched: Bool, catalog: CallCandidates, scheme: GraphCall.Scheme) -> Judgement {
        let name = holding.permission ?? ""
        let covered = uses.indices.filter { index in options[index].contains { $0.permissions.contains(name) } }
        let calls = covered.reduce(0) { $0 + uses[$1].calls }
        let lastUsed = covered.map { uses[$0].lastSeen }.max()
        func verdict(_ verdict: PermissionVerdict, _ reason: String, suggested: [String] = []) -> Judgement {
            Judgement(holding: holding, verdict: verdict, suggested: suggested, calls: calls, lastUsed: lastUsed, reason: reason)
        }
        guard catalog.allowsCalls(name, scheme) else {
            return verdict(.cannotJudge, "the catalog lists no API call it allows (a sign-in scope, or one the catalog does not map)")
        }
        guard uses.contains(where: { $0.matchKind != .unmatched }) else {
            return verdict(.cannotJudge, anyUnmatched ? "every call the app made is unknown to the catalog" : "no successful call in the window")
        }
        if cover.contains(name) {
            let only = covered.filter { index in !options[index].contains { !$0.permissions.contains(name) && $0.permissions.isSubset(of: cover) } }
            let needed = (only.isEmpty ? covered : only).prefix(2).map { "\(uses[$0].method) \(uses[$0].template)" }
            return verdict(.keep, "needed for " + needed.joined(separator: ", ") + (covered.count > 2 ? ", ..." : ""))
        }
        guard !covered.isEmpty else {
            return anyUnmatched ? verdict(.cannotJudge, "no known call needs it, but the app made calls the catalog does not know")
                : verdict(.unused, "no call in the window needs it")
        }
        // The kept permissions that allow the calls this one allows.
        let allowing = Set(covered.flatMap { index in
            options[index].filter { $0.permissions.isSubset(of: cover) }.flatMap(\.permissions)
        }).sorted()
        let heldElsewhere = allowing.allSatisfy { $0 != name && held.contains($0) }
        return heldElsewhere ? verdict(.redundant, "its calls are allowed by " + allowing.joined(separator: ", "), suggested: allowing)
            : verdict(.downgrade, "its \(Plural.count(calls, "call")) need only " + allowing.joined(separator: ", "), suggested: allowing)
    }

    /// The ways to allow one call, each with the cheapest of what it also requires: the permissions Kibali
    /// marks least privileged for it (all candidates when it marks none), and the held ones that allow it, so
    /// that a held permission can be kept. Not the others: the catalog lets dozens of unrelated permissions
    /// (DeviceManagementApps.ReadWrite.All on PATCH /users/{id}) reach common paths, and none is advice.
    /// On a delegated `/users/{id}` that is not the signed-in user, User.Read and User.ReadWrite (which reach
    /// only that user) do not count.
    private static func options(_ use: CallUse, catalog: CallCandidates, scheme: GraphCall.Scheme, held: Set<String>) -> [PermissionCover.Option] {
        guard use.matchKind != .unmatched else { return [] }
        var candidates = catalog.candidates(.init(template: use.template, method: use.method, scheme: scheme))
        if scheme == .delegated, use.matchKind != .meAlias, use.template.hasPrefix("/users/{id}") {
            candidates.removeAll { selfOnly.contains($0.permission) }
        }
        if candidates.contains(where: \.least) {
            candidates.removeAll { !$0.least && !held.contains($0.permission) }
        }
        return candidates.map { candidate in
            var names: Set<String> = [candidate.permission]
            let levels = catalog.levels(scheme)
            if let also = candidate.alsoRequires.min(by: { (held.contains($0) ? 0 : 1, levels[$0] ?? 5) < (held.contains($1) ? 0 : 1, levels[$1] ?? 5) }) {
                names.insert(also)
            }
            return PermissionCover.Option(permissions: names, least: candidate.least, pathSetMethods: candidate.pathSetMethods)
        }
    }

    static let selfOnly: Set<String> = ["User.Read", "User.ReadWrite"]

    /// The calls summed over days and API versions, most called first.
    private static func uses(_ calls: [GraphCall], catalog: CallCandidates, scheme: GraphCall.Scheme, held: [PermissionHolding]) -> [CallUse] {
        let heldNames = Set(held.compactMap(\.permission))
        var byCall: [String: CallUse] = [:]
        for call in calls {
            let id = call.method + " " + call.template + " " + call.matchKind.rawValue
            if var use = byCall[id] {
                use.calls += call.calls
                use.lastSeen = max(use.lastSeen, call.lastSeen)
                byCall[id] = use
            } else {
                let candidates = catalog.candidates(.init(template: call.template, method: call.method, scheme: scheme))
                let least = candidates.filter(\.least).map(\.permission)
                byCall[id] = CallUse(method: call.method, template: call.template, matchKind: call.matchKind, calls: call.calls,
                                     lastSeen: call.lastSeen, least: Array(Set(least)).sorted(),
                                     coveredBy: Array(Set(candidates.map(\.permission)).intersection(heldNames)).sorted())
            }
        }
        return byCall.values.sorted { ($1.calls, $0.method, $0.template) < ($0.calls, $1.method, $1.template) }
    }
}
