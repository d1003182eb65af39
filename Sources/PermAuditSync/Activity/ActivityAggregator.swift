import Foundation
import PermAuditStore

/// Activity records turned into the stored aggregates: duplicates (the same requestId delivered twice)
/// dropped, each request matched to a catalog template, calls counted per day, app, scheme, method,
/// template and status class. Memory grows with the aggregates and the request ids, not the records.
struct ActivityAggregator {
    private struct Key: Hashable {
        var day: String, appId: String, scheme: GraphCall.Scheme, method: String, apiVersion: String
        var template: String, matchKind: GraphCall.MatchKind, statusClass: String
    }

    private let tree: TemplateTree
    private var seen = Set<String>()
    private var calls: [Key: (count: Int, first: String, last: String)] = [:]
    private(set) var recordsRead = 0
    private(set) var duplicates = 0
    private(set) var tenantIds = Set<String>()
    private var first: String?
    private var lastEvent: String?

    init(templates: [CatalogCallTemplate]) {
        tree = TemplateTree(keys: Set(templates.map(\.key)))
    }

    mutating func add(_ record: ActivityRecord) {
        recordsRead += 1
        if let id = record.requestId?.lowercased(), !seen.insert(id).inserted {
            duplicates += 1
            return
        }
        let path = RequestPath(record.requestUri)
        let match = tree.match(path, userId: record.scheme == .delegated ? record.userId : nil)
        let key = Key(day: String(record.time.prefix(10)), appId: record.appId, scheme: record.scheme, method: record.method,
                      apiVersion: record.apiVersion?.lowercased() ?? path.apiVersion, template: match?.template ?? path.shapeKey,
                      matchKind: match?.kind ?? .unmatched, statusClass: GraphCall.statusClass(record.status))
        let time = record.time
        if let entry = calls[key] {
            calls[key] = (entry.count + 1, min(entry.first, time), max(entry.last, time))
        } else {
            calls[key] = (1, time, time)
        }
        first = first.map { min($0, time) } ?? time
        lastEvent = lastEvent.map { max($0, time) } ?? time
        if let tenant = record.tenantId { tenantIds.insert(tenant.lowercased()) }
    }

    func batch(fileSetHash: String, formats: [String]) -> ActivityBatch {
        let rows = calls.map { key, value in
            GraphCall(day: key.day, appId: key.appId, scheme: key.scheme, method: key.method, apiVersion: key.apiVersion,
                      template: key.template, matchKind: key.matchKind, statusClass: key.statusClass, calls: value.count,
                      firstSeen: value.first, lastSeen: value.last)
        }
        return ActivityBatch(fileSetHash: fileSetHash, formats: formats, tenantId: tenantIds.count == 1 ? tenantIds.first : nil,
                             firstEventAt: first, lastEventAt: lastEvent, recordsRead: recordsRead, recordsDuplicate: duplicates,
                             calls: rows.sorted { ($0.day, $0.appId, $0.template, $0.method) < ($1.day, $1.appId, $1.template, $1.method) })
    }
}
