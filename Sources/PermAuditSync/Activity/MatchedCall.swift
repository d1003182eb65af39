import PermAuditStore

/// One activity record matched to the catalog: what the aggregator counts it under, and what it needs to
/// drop a duplicate and date the window. Made on the reading threads; the aggregator only adds them up.
struct MatchedCall: Sendable {
    /// A stored aggregate's key (graphCall's primary key, the import aside).
    struct Key: Hashable, Sendable {
        var day: String, appId: String, scheme: GraphCall.Scheme, method: String, apiVersion: String
        var template: String, matchKind: GraphCall.MatchKind, statusClass: String
    }

    var key: Key
    var requestKey: RequestKey?
    var time: String
    var tenantId: String?
    /// The request URI as written, only when the import keeps them.
    var uri: String?

    /// `strings` keeps one copy of each app id and unmatched path (matched templates are the tree's own).
    init(_ record: ActivityRecord, tree: TemplateTree, strings: inout StringInterner, keepUri: Bool = false) {
        let path = RequestPath(record.requestUri)
        let match = tree.match(path, userId: record.scheme == .delegated ? record.userId : nil)
        key = Key(day: String(record.time.prefix(10)), appId: strings.intern(record.appId), scheme: record.scheme, method: record.method,
                  apiVersion: record.apiVersion?.lowercased() ?? path.apiVersion,
                  template: match?.template ?? strings.intern(path.shapeKey),
                  matchKind: match?.kind ?? .unmatched, statusClass: GraphCall.statusClass(record.status))
        requestKey = record.requestId.map(RequestKey.init)
        time = record.time
        tenantId = record.tenantId?.lowercased()
        uri = keepUri ? record.requestUri : nil
    }
}
