import PermAuditStore

/// What changed in one catalog series between two snapshots. Entries are keyed by (permission, kind),
/// names exact and case-sensitive; the result depends only on the two snapshots' content, never on the
/// order they were imported in.
public struct CatalogDiff: Sendable, Equatable {
    public var from: CatalogSnapshotSummary
    public var to: CatalogSnapshotSummary
    public var added: [CatalogEntryState]
    public var removed: [CatalogEntryState]
    public var changed: [Changed]

    public struct Changed: Sendable, Equatable {
        public var key: CatalogEntryState.Key
        public var changes: [FieldChange]
    }

    /// One difference: a field's value, the set of API calls, or one call's annotation.
    public enum FieldChange: Sendable, Equatable {
        case field(name: String, from: String?, to: String?)
        case apiPaths(added: [String], removed: [String])
        case apiPathAnnotation(path: String, from: String, to: String)
    }

    public init(from: CatalogSnapshotSummary, to: CatalogSnapshotSummary,
                old: [CatalogEntryState.Key: CatalogEntryState], new: [CatalogEntryState.Key: CatalogEntryState]) {
        self.from = from
        self.to = to
        added = new.keys.filter { old[$0] == nil }.sorted().map { new[$0]! }
        removed = old.keys.filter { new[$0] == nil }.sorted().map { old[$0]! }
        changed = old.keys.sorted().compactMap { key in
            guard let before = old[key], let after = new[key] else { return nil }
            let changes = Self.changes(before, after)
            return changes.isEmpty ? nil : Changed(key: key, changes: changes)
        }
    }

    /// The differences between two states of one permission, fields first, then its API calls.
    public static func changes(_ before: CatalogEntryState, _ after: CatalogEntryState) -> [FieldChange] {
        var changes: [FieldChange] = CatalogEntryState.fieldNames.compactMap { name in
            let (a, b) = (before.fields[name] ?? nil, after.fields[name] ?? nil)
            return a == b ? nil : .field(name: name, from: a, to: b)
        }
        let addedPaths = after.apiPaths.keys.filter { before.apiPaths[$0] == nil }.sorted()
        let removedPaths = before.apiPaths.keys.filter { after.apiPaths[$0] == nil }.sorted()
        if !addedPaths.isEmpty || !removedPaths.isEmpty { changes.append(.apiPaths(added: addedPaths, removed: removedPaths)) }
        for path in before.apiPaths.keys.sorted() {
            if let old = before.apiPaths[path], let new = after.apiPaths[path], old != new {
                changes.append(.apiPathAnnotation(path: path, from: old, to: new))
            }
        }
        return changes
    }
}

extension CatalogDiff {
    /// The diff between two snapshots of a source's series, named by references (defaults: previous and latest).
    public static func make(_ database: AppDatabase, source: CatalogSource, resourceAppId: String?,
                            from: SnapshotRef, to: SnapshotRef) throws -> CatalogDiff {
        let series = try database.catalogSeries(source: source, resourceAppId: resourceAppId)
        let name = source.rawValue
        let (a, b) = (try from.resolve(in: series, seriesName: name), try to.resolve(in: series, seriesName: name))
        return CatalogDiff(from: a, to: b, old: try database.catalogEntries(snapshotId: a.id), new: try database.catalogEntries(snapshotId: b.id))
    }
}
