import Mustache
import PermAuditReport
import PermAuditStore

/// One event of a permission's history (PermissionHistory) for one kind, oldest first.
struct HistoryRow {
    var asOf, source, event, changes: String

    static func rows(_ history: PermissionHistory?, kind: String) -> [HistoryRow] {
        guard let history else { return [] }
        let rows = history.timelines.filter { $0.kind.rawValue == kind }.flatMap { timeline in
            timeline.events.map { event in
                HistoryRow(asOf: SafeText.visible(event.asOf), source: SafeText.visible(timeline.source),
                           event: event.what.rawValue, changes: event.changes.map(describe).joined(separator: "; "))
            }
        }
        return rows.sorted { ($0.asOf, $0.source) < ($1.asOf, $1.source) }
    }

    static func describe(_ change: CatalogDiff.FieldChange) -> String {
        switch change {
        case let .field(name, from, to):
            "\(SafeText.visible(name)): \(Shown.text(from, absent: "null")) → \(Shown.text(to, absent: "null"))"
        case let .apiPaths(added, removed):
            "API paths: +\(added.count) −\(removed.count)"
        case let .apiPathAnnotation(path, from, to):
            "\(SafeText.visible(path)): \(SafeText.visible(from)) → \(SafeText.visible(to))"
        }
    }
}

/// Read by name without reflection (SiteViewTests checks every field is answered): the rows are most of the site.
extension HistoryRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "asOf": asOf
        case "source": source
        case "event": event
        case "changes": changes
        default: nil
        }
    }
}
