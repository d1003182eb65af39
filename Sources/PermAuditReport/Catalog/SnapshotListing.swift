import PermAuditStore

/// `permaudit snapshots`: every catalog snapshot with its source, date and content hash.
public enum SnapshotListing {
    public static func table(_ snapshots: [CatalogSnapshotSummary]) -> Tabular {
        Tabular(
            columns: ["id", "source", "resourceAppId", "asOf", "parts", "entryCount", "contentHash", "importedAt"],
            rows: snapshots.map { snapshot in
                [
                    .literal(String(snapshot.id)), .text(snapshot.source),
                    snapshot.resourceAppId.map(Tabular.Cell.text) ?? .null, .text(snapshot.asOf), .text(snapshot.parts),
                    .literal(String(snapshot.entryCount)), .text(snapshot.contentHash), .text(snapshot.importedAt),
                ]
            })
    }
}

extension SnapshotListing {
    /// `permaudit snapshots --tenants`: every tenant snapshot.
    public static func table(_ snapshots: [TenantSnapshotSummary]) -> Tabular {
        Tabular(columns: ["id", "tenantId", "asOf", "contentHash", "importedAt"], rows: snapshots.map { snapshot in
            [.literal(String(snapshot.id)), .text(snapshot.tenantId), .text(snapshot.asOf), .text(snapshot.contentHash), .text(snapshot.importedAt)]
        })
    }
}

extension SnapshotListing {
    /// `permaudit snapshots --risk`: every risk list and policy import, which one is in effect, and the stored list it names.
    public static func table(_ lists: [RiskListSummary]) -> Tabular {
        Tabular(columns: ["id", "source", "asOf", "entryCount", "inEffect", "list", "fileName", "fileSha256", "importedAt"],
                rows: lists.map { list in
            [.literal(String(list.id)), .text(list.source), .text(list.asOf), .literal(String(list.entryCount)),
             .literal(String(list.inEffect)), .literal(String(list.list)), .text(list.fileName), .text(list.fileSha256), .text(list.importedAt)]
        })
    }
}

/// `permaudit schema`: the tables and views admins can query, with their columns.
public enum SchemaListing {
    public static func text(_ objects: [SchemaObject]) -> String {
        let views = objects.filter { $0.type == "view" }
        let tables = objects.filter { $0.type == "table" }
        var out = "Views (start here for ad-hoc SQL):\n\n"
        out += views.map(describe).joined(separator: "\n")
        out += "\nTables:\n\n"
        out += tables.map(describe).joined(separator: "\n")
        return out
    }

    public static func table(_ objects: [SchemaObject]) -> Tabular {
        Tabular(
            columns: ["name", "type", "column", "columnType", "notNull", "summary"],
            rows: objects.flatMap { object in
                object.columns.map { column in
                    [
                        .text(object.name), .text(object.type), .text(column.name), .text(column.type),
                        .literal(column.notNull ? "true" : "false"), object.summary.map(Tabular.Cell.text) ?? .null,
                    ]
                }
            })
    }

    private static func describe(_ object: SchemaObject) -> String {
        let summary = object.summary.map { "  -- \($0)" } ?? ""
        let columns = object.columns.map { column in
            let type = column.type.isEmpty ? "" : " " + column.type
            return "    \(column.name)\(type)\(column.notNull ? " NOT NULL" : "")"
        }
        return "\(object.name)\(summary)\n" + columns.joined(separator: "\n") + "\n"
    }
}
