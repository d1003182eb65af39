import PermAuditReport
import PermAuditStore

/// The catalog changelog: every snapshot-to-snapshot diff (CatalogDiff) of every catalog series, newest first;
/// the same entries feed changelog.atom.
struct ChangelogView {
    var chrome: PageChrome
    var hasEntries: Bool
    var entries: [Entry]
    /// The newest entry's date, as Atom's feed-level `updated` (from the data, never the clock).
    var updated: String

    struct Entry {
        var id, anchor, source, from, to, summary: String
        var changes: [Change]
    }

    struct Change {
        var what, name, kind: String
        var details, slug: String?
    }

    init(diffs: [CatalogDiff], slugs: [String: String], chrome: PageChrome) {
        self.chrome = chrome
        entries = diffs.sorted { ($0.to.asOf, $0.to.id) > ($1.to.asOf, $1.to.id) }.map { Self.entry($0, slugs: slugs) }
        hasEntries = !entries.isEmpty
        updated = diffs.map(\.to.asOf).max() ?? "1970-01-01"
    }

    static func entry(_ diff: CatalogDiff, slugs: [String: String]) -> Entry {
        let source = SafeText.visible(diff.to.source) + (diff.to.resourceAppId.map { " (\(SafeText.visible($0)))" } ?? "")
        func change(_ what: String, _ key: CatalogEntryState.Key, _ details: String?) -> Change {
            Change(what: what, name: SafeText.visible(key.permission), kind: key.kind.rawValue, details: details, slug: slugs[key.permission])
        }
        let changes = diff.added.map { change("added", $0.key, nil) } + diff.removed.map { change("removed", $0.key, nil) }
            + diff.changed.map { change("changed", $0.key, $0.changes.map(HistoryRow.describe).joined(separator: "; ")) }
        return Entry(
            id: "urn:permaudit:catalog:\(diff.from.id):\(diff.to.id)", anchor: "s\(diff.from.id)-\(diff.to.id)", source: source,
            from: SafeText.visible(diff.from.asOf), to: SafeText.visible(diff.to.asOf),
            summary: "\(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed",
            changes: changes)
    }
}

extension ChangelogView {
    /// The diffs between consecutive snapshots of every catalog series (a source and an API), oldest first.
    static func diffs(_ database: AppDatabase) throws -> [CatalogDiff] {
        let snapshots = try database.catalogSnapshots()
        let series = Dictionary(grouping: snapshots) { "\($0.source)|\($0.resourceAppId ?? "")" }
        var diffs: [CatalogDiff] = []
        for key in series.keys.sorted() {
            let ordered = series[key]!.sorted { ($0.asOf, $0.id) < ($1.asOf, $1.id) }
            for (old, new) in zip(ordered, ordered.dropFirst()) {
                diffs.append(CatalogDiff(from: old, to: new, old: try database.catalogEntries(snapshotId: old.id),
                                         new: try database.catalogEntries(snapshotId: new.id)))
            }
        }
        return diffs
    }
}
