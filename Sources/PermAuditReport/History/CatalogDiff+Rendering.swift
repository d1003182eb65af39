import PermAuditStore

extension CatalogDiff: DiffListing {
    /// `kibali 2026-07-22 (#9) -> 2026-07-28 (#10): 3 added, 0 removed, 423 changed`
    public var summary: String {
        "\(from.source) \(from.asOf) (#\(from.id)) -> \(to.asOf) (#\(to.id)): "
            + "\(added.count) added, \(removed.count) removed, \(changed.count) changed"
    }

    /// One row per added or removed permission and per field change.
    public var rows: Tabular {
        var rows: [[Tabular.Cell]] = []
        for entry in added { rows.append([.text("added"), .text(entry.key.permission), .text(entry.key.kind.rawValue), .null, .null, .null]) }
        for entry in removed { rows.append([.text("removed"), .text(entry.key.permission), .text(entry.key.kind.rawValue), .null, .null, .null]) }
        for entry in changed {
            for change in entry.changes {
                let (field, from, to) = change.cells
                rows.append([.text("changed"), .text(entry.key.permission), .text(entry.key.kind.rawValue), .text(field), from, to])
            }
        }
        return Tabular(columns: ["change", "permission", "kind", "field", "from", "to"], rows: rows)
    }

    /// The JSON contract: {"from", "to", "added", "removed", "changed": [{"permission", "kind", "changes": [...]}]}.
    public var json: JSONValue {
        .object([
            ("from", Self.json(from)), ("to", Self.json(to)),
            ("added", .array(added.map(Self.json))), ("removed", .array(removed.map(Self.json))),
            ("changed", .array(changed.map { entry in
                .object([("permission", .string(entry.key.permission)), ("kind", .string(entry.key.kind.rawValue)),
                         ("changes", .array(entry.changes.map(\.json)))])
            })),
        ])
    }

    static func json(_ snapshot: CatalogSnapshotSummary) -> JSONValue {
        .object([("id", .int(Int(snapshot.id))), ("source", .string(snapshot.source)),
                 ("resourceAppId", snapshot.resourceAppId.map(JSONValue.string) ?? .null), ("asOf", .string(snapshot.asOf)),
                 ("contentHash", .string(snapshot.contentHash))])
    }

    static func json(_ entry: CatalogEntryState) -> JSONValue {
        .object([("permission", .string(entry.key.permission)), ("kind", .string(entry.key.kind.rawValue))]
            + CatalogEntryState.fieldNames.map { ($0, JSONValue.field($0, entry.fields[$0] ?? nil)) }
            + [("apiPaths", .array(entry.apiPaths.keys.sorted().map(JSONValue.string)))])
    }
}

extension CatalogDiff.FieldChange {
    /// (field, from, to) for tables: path changes show as counts and lists.
    var cells: (String, Tabular.Cell, Tabular.Cell) {
        switch self {
        case let .field(name, from, to):
            return (name, from.map(Tabular.Cell.text) ?? .null, to.map(Tabular.Cell.text) ?? .null)
        case let .apiPaths(added, removed):
            return ("apiPaths", .text(removed.isEmpty ? "" : "-\(removed.count): " + removed.joined(separator: ", ")),
                    .text(added.isEmpty ? "" : "+\(added.count): " + added.joined(separator: ", ")))
        case let .apiPathAnnotation(path, from, to):
            return ("annotation of \(path)", .text(from), .text(to))
        }
    }

    public var json: JSONValue {
        switch self {
        case let .field(name, from, to):
            .object([("field", .string(name)), ("from", .field(name, from)), ("to", .field(name, to))])
        case let .apiPaths(added, removed):
            .object([("field", .string("apiPaths")), ("added", .array(added.map(JSONValue.string))),
                     ("removed", .array(removed.map(JSONValue.string)))])
        case let .apiPathAnnotation(path, from, to):
            .object([("field", .string("apiPathAnnotation")), ("path", .string(path)), ("from", .string(from)), ("to", .string(to))])
        }
    }
}
