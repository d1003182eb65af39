import PermAuditStore

/// `permaudit history`: a permission's timeline in every catalog series: when it was first seen, each
/// change with its fields, and each removal and return (catalogs flap; history shows it).
public struct PermissionHistory: Sendable, Equatable {
    public var permission: String
    public var timelines: [Timeline]

    public struct Timeline: Sendable, Equatable {
        public var source: String
        public var resourceAppId: String?
        public var kind: PermissionKind
        public var events: [Event]
    }

    public struct Event: Sendable, Equatable {
        public enum What: String, Sendable { case firstSeen, changed, removed, returned }
        public var what: What
        public var asOf: String
        public var snapshotId: Int64
        /// For changed and returned: what differs from the last state seen.
        public var changes: [CatalogDiff.FieldChange]
    }

    public static func make(_ database: AppDatabase, permission: String, kind: PermissionKind?) throws -> PermissionHistory {
        try make(permission: permission, kind: kind, states: try database.catalogEntries(permission: permission),
                 snapshots: try database.catalogSnapshots())
    }

    /// The history from states already read: the permission's, by snapshot id (AppDatabase.allCatalogEntries).
    public static func make(permission: String, kind: PermissionKind?, states: [Int64: [CatalogEntryState.Key: CatalogEntryState]],
                            snapshots: [CatalogSnapshotSummary]) throws -> PermissionHistory {
        let seriesKeys = Set(snapshots.filter { states[$0.id] != nil }.map { SeriesKey(source: $0.source, resourceAppId: $0.resourceAppId) })
        var timelines: [Timeline] = []
        for series in seriesKeys.sorted(by: { ($0.source, $0.resourceAppId ?? "") < ($1.source, $1.resourceAppId ?? "") }) {
            let ordered = snapshots.filter { $0.source == series.source && $0.resourceAppId == series.resourceAppId }
                .sorted { ($0.asOf, $0.id) < ($1.asOf, $1.id) }
            for candidate in PermissionKind.allCases where kind == nil || kind == candidate {
                let key = CatalogEntryState.Key(permission: permission, kind: candidate)
                let events = Self.events(key, ordered.map { ($0, states[$0.id]?[key]) })
                if !events.isEmpty {
                    timelines.append(Timeline(source: series.source, resourceAppId: series.resourceAppId, kind: candidate, events: events))
                }
            }
        }
        guard !timelines.isEmpty else { throw HistoryError.unknownPermission(permission) }
        return PermissionHistory(permission: permission, timelines: timelines)
    }

    private struct SeriesKey: Hashable {
        var source: String
        var resourceAppId: String?
    }

    /// Walks a series' snapshots in date order, comparing each state with the last one seen.
    static func events(_ key: CatalogEntryState.Key, _ states: [(CatalogSnapshotSummary, CatalogEntryState?)]) -> [Event] {
        var events: [Event] = []
        var lastSeen: CatalogEntryState?
        var present = false
        for (snapshot, state) in states {
            switch (state, present) {
            case (let state?, false):
                let what: Event.What = lastSeen == nil ? .firstSeen : .returned
                events.append(Event(what: what, asOf: snapshot.asOf, snapshotId: snapshot.id,
                                    changes: lastSeen.map { CatalogDiff.changes($0, state) } ?? []))
                lastSeen = state
                present = true
            case (let state?, true):
                let changes = CatalogDiff.changes(lastSeen!, state)
                if !changes.isEmpty { events.append(Event(what: .changed, asOf: snapshot.asOf, snapshotId: snapshot.id, changes: changes)) }
                lastSeen = state
            case (nil, true):
                events.append(Event(what: .removed, asOf: snapshot.asOf, snapshotId: snapshot.id, changes: []))
                present = false
            case (nil, false):
                break
            }
        }
        return events
    }
}

extension PermissionHistory {
    public func render(_ format: ListingFormat) -> String {
        render(OutputStyle(format))
    }

    public func render(_ style: OutputStyle) -> String {
        style.format == .json ? json.text() + "\n" : rows.render(style)
    }

    var rows: Tabular {
        var rows: [[Tabular.Cell]] = []
        for timeline in timelines {
            for event in timeline.events {
                let lead: [Tabular.Cell] = [.text(timeline.source), .text(timeline.kind.rawValue), .text(event.asOf), .text(event.what.rawValue)]
                if event.changes.isEmpty { rows.append(lead + [.null, .null, .null]) }
                for change in event.changes {
                    let (field, from, to) = change.cells
                    rows.append(lead + [.text(field), from, to])
                }
            }
        }
        return Tabular(columns: ["source", "kind", "asOf", "event", "field", "from", "to"], rows: rows)
    }

    var json: JSONValue {
        .object([
            ("permission", .string(permission)),
            ("timelines", .array(timelines.map { timeline in
                .object([
                    ("source", .string(timeline.source)), ("resourceAppId", timeline.resourceAppId.map(JSONValue.string) ?? .null),
                    ("kind", .string(timeline.kind.rawValue)),
                    ("events", .array(timeline.events.map { event in
                        .object([("event", .string(event.what.rawValue)), ("asOf", .string(event.asOf)),
                                 ("snapshotId", .int(Int(event.snapshotId))), ("changes", .array(event.changes.map(\.json)))])
                    })),
                ])
            })),
        ])
    }
}
