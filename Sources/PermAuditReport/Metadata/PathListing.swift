import PermAuditStore

/// `permaudit paths`: the current catalog's API paths and the type each reaches in the latest v1.0
/// metadata, or, for those that reach none, the segment that failed and why.
public enum PathListing {
    public static func table(_ rows: [PathResolutionRow]) -> Tabular {
        Tabular(
            columns: ["path", "resourceType", "operation", "note", "unresolvedSegment", "problem", "permissionCount"],
            rows: rows.map { row in
                [
                    .text(row.path), cell(row.resourceType.map(PermissionPage.shortName)), cell(row.operation.map(PermissionPage.shortName)),
                    cell(row.note), cell(row.unresolvedSegment), cell(row.problem), .literal(String(row.permissionCount)),
                ]
            })
    }

    /// One line for stderr: how many paths resolve.
    public static func summary(_ rows: [PathResolutionRow], unresolvedOnly: Bool) -> String {
        let unresolved = rows.filter { $0.resourceType == nil }.count
        return unresolvedOnly
            ? Plural.count(unresolved, "API path") + " of the current catalog " + (unresolved == 1 ? "reaches" : "reach")
                + " no type in the latest v1.0 metadata"
            : "\(rows.count - unresolved) of \(Plural.count(rows.count, "API path")) of the current catalog reach a type in the latest v1.0 metadata"
    }

    private static func cell(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }
}

extension SnapshotListing {
    /// `permaudit snapshots --metadata`: every imported metadata document.
    public static func table(_ snapshots: [MetadataSnapshotSummary]) -> Tabular {
        Tabular(columns: ["id", "apiVersion", "asOf", "fileName", "importedAt"], rows: snapshots.map { snapshot in
            [.literal(String(snapshot.id)), .text(snapshot.apiVersion), .text(snapshot.asOf), .text(snapshot.fileName), .text(snapshot.importedAt)]
        })
    }
}
