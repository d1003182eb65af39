import Foundation
import PermAuditStore

/// Activity records turned into the stored aggregates: duplicates (the same requestId delivered twice)
/// dropped, each request matched to a catalog template, calls counted per day, app, scheme, method,
/// template and status class. Memory grows with the aggregates and the request ids, not the records.
struct ActivityAggregator {
    let tree: TemplateTree
    private var seen = SeenRequests()
    private var strings = StringInterner()
    private var calls: [MatchedCall.Key: (count: Int, first: String, last: String)] = [:]
    private(set) var recordsRead = 0
    private(set) var duplicates = 0
    private(set) var tenantIds = Set<String>()
    private var first: String?
    private var lastEvent: String?
    /// The first distinct request URIs per app, scheme, method and template (when the calls carry them).
    private var uris: [UriKey: [String]] = [:]
    static let urisKept = 3

    private struct UriKey: Hashable {
        var appId: String, scheme: GraphCall.Scheme, method: String, template: String
    }

    init(templates: [CatalogCallTemplate]) {
        tree = TemplateTree(keys: Set(templates.map(\.key)))
    }

    mutating func add(_ record: ActivityRecord) {
        add(MatchedCall(record, tree: tree, strings: &strings))
    }

    mutating func add(_ call: MatchedCall) {
        recordsRead += 1
        if let id = call.requestKey, !seen.insert(id) {
            duplicates += 1
            return
        }
        let time = call.time
        if let entry = calls[call.key] {
            calls[call.key] = (entry.count + 1, min(entry.first, time), max(entry.last, time))
        } else {
            calls[call.key] = (1, time, time)
        }
        first = first.map { min($0, time) } ?? time
        lastEvent = lastEvent.map { max($0, time) } ?? time
        if let tenant = call.tenantId { tenantIds.insert(tenant) }
        if let uri = call.uri {
            let key = UriKey(appId: call.key.appId, scheme: call.key.scheme, method: call.key.method, template: call.key.template)
            if let kept = uris[key], kept.count >= Self.urisKept || kept.contains(uri) { return }
            uris[key, default: []].append(uri)
        }
    }

    /// The calls in graphCall's key order, so that the table is written by appending (in any other order
    /// the writes miss SQLite's page cache). The request ids are let go first: they are no longer needed.
    mutating func batch(fileSetHash: String, formats: [String]) -> ActivityBatch {
        seen = SeenRequests()
        var rows = calls.map { key, value in
            GraphCall(day: key.day, appId: key.appId, scheme: key.scheme, method: key.method, apiVersion: key.apiVersion,
                      template: key.template, matchKind: key.matchKind, statusClass: key.statusClass, calls: value.count,
                      firstSeen: value.first, lastSeen: value.last)
        }
        calls = [:]
        rows.sort { $0.precedesInKeyOrder($1) }
        return ActivityBatch(fileSetHash: fileSetHash, formats: formats, tenantId: tenantIds.count == 1 ? tenantIds.first : nil,
                             firstEventAt: first, lastEventAt: lastEvent, recordsRead: recordsRead, recordsDuplicate: duplicates,
                             calls: rows, requestUris: uris.flatMap { key, kept in
                                 kept.map { ActivityBatch.RequestUri(appId: key.appId, scheme: key.scheme, method: key.method, template: key.template, uri: $0) }
                             })
    }
}
