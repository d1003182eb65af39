/// Graph activity aggregated: the calls one app made on one day with one method to one catalog template,
/// with one status class.
public struct GraphCall: Sendable, Hashable {
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        case application, delegated
    }

    /// How the request's path met the catalog: as it is, without a trailing `$ref`/`$value`/`$count`, as
    /// `/me/...` (a delegated call on the signed-in user's own `/users/{id}`), or not at all.
    public enum MatchKind: String, Sendable, Hashable {
        case exact, dollarStripped, meAlias, unmatched
    }

    public var day: String
    public var appId: String
    public var scheme: Scheme
    public var method: String
    public var apiVersion: String
    public var template: String
    public var matchKind: MatchKind
    /// `2xx`, `403`, `4xx`, `429` or `5xx`.
    public var statusClass: String
    public var calls: Int
    public var firstSeen: String
    public var lastSeen: String

    public init(day: String, appId: String, scheme: Scheme, method: String, apiVersion: String, template: String,
                matchKind: MatchKind, statusClass: String, calls: Int, firstSeen: String, lastSeen: String) {
        self.day = day
        self.appId = appId
        self.scheme = scheme
        self.method = method
        self.apiVersion = apiVersion
        self.template = template
        self.matchKind = matchKind
        self.statusClass = statusClass
        self.calls = calls
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// Before `other` in graphCall's primary key (binary order, as SQLite compares text). Field by field,
    /// with no tuple built: a million comparisons copying eight strings each was a tenth of an import.
    public func precedesInKeyOrder(_ other: GraphCall) -> Bool {
        if day != other.day { return day < other.day }
        if appId != other.appId { return appId < other.appId }
        if scheme != other.scheme { return scheme.rawValue < other.scheme.rawValue }
        if method != other.method { return method < other.method }
        if apiVersion != other.apiVersion { return apiVersion < other.apiVersion }
        if template != other.template { return template < other.template }
        if matchKind != other.matchKind { return matchKind.rawValue < other.matchKind.rawValue }
        return statusClass < other.statusClass
    }

    /// The calls added up over their days and API versions, per app, scheme, method, template, match and
    /// status class (graphCallTotal's rows): `day` the first day, `apiVersion` the lowest, in key order.
    public static func totals(_ calls: [GraphCall]) -> [GraphCall] {
        struct Key: Hashable {
            var appId: String, scheme: Scheme, method: String, template: String, matchKind: MatchKind, statusClass: String
        }
        var totals: [Key: GraphCall] = [:]
        for call in calls {
            let key = Key(appId: call.appId, scheme: call.scheme, method: call.method, template: call.template,
                          matchKind: call.matchKind, statusClass: call.statusClass)
            guard var total = totals[key] else {
                totals[key] = call
                continue
            }
            total.day = min(total.day, call.day)
            total.apiVersion = min(total.apiVersion, call.apiVersion)
            total.calls += call.calls
            total.firstSeen = min(total.firstSeen, call.firstSeen)
            total.lastSeen = max(total.lastSeen, call.lastSeen)
            totals[key] = total
        }
        return totals.values.sorted { a, b in
            if a.appId != b.appId { return a.appId < b.appId }
            if a.scheme != b.scheme { return a.scheme.rawValue < b.scheme.rawValue }
            if a.method != b.method { return a.method < b.method }
            if a.template != b.template { return a.template < b.template }
            if a.matchKind != b.matchKind { return a.matchKind.rawValue < b.matchKind.rawValue }
            return a.statusClass < b.statusClass
        }
    }

    /// 2xx: the call was allowed and done (a write answers 201 or 204, not 200).
    public var succeeded: Bool { statusClass == "2xx" }

    public static func statusClass(_ status: Int) -> String {
        switch status {
        case 200..<300: "2xx"
        case 403: "403"
        case 429: "429"
        case 500..<600: "5xx"
        default: "4xx"
        }
    }
}
