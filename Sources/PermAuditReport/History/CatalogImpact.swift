import PermAuditStore

/// The catalog changes that touch permissions a tenant holds (its latest snapshot): a scope that now needs
/// admin consent while apps hold it, a permission removed that apps still hold, a privilege level raised on
/// a held permission. What no catalog website or export script answers.
public struct CatalogImpact: Sendable, Equatable, DiffListing {
    public var diff: CatalogDiff
    public var tenantId: String
    public var tenantAsOf: String
    /// Held permissions the diff removed or changed, each with who holds it.
    public var entries: [Entry]

    public struct Entry: Sendable, Equatable {
        public var key: CatalogEntryState.Key
        /// "removed" or "changed"
        public var change: String
        public var changes: [CatalogDiff.FieldChange]
        public var heldBy: [PermissionHolding]
    }

    public static func make(_ database: AppDatabase, diff: CatalogDiff, tenantId: String?) throws -> CatalogImpact {
        let (tenant, series) = try tenantSeries(database, tenantId: tenantId)
        let latest = try SnapshotRef.latest.resolve(in: series, seriesName: "tenant \(tenant)")
        let resource = diff.to.resourceAppId
        let holdings = Dictionary(grouping: try database.permissionHoldings(snapshotId: latest.id).filter { $0.resourceAppId == resource && $0.permission != nil }) {
            CatalogEntryState.Key(permission: $0.permission!, kind: $0.kind)
        }
        var entries: [Entry] = diff.removed.compactMap { removed in
            holdings[removed.key].map { Entry(key: removed.key, change: "removed", changes: [], heldBy: $0) }
        }
        entries += diff.changed.compactMap { changed in
            holdings[changed.key].map { Entry(key: changed.key, change: "changed", changes: changed.changes, heldBy: $0) }
        }
        return CatalogImpact(diff: diff, tenantId: tenant, tenantAsOf: latest.asOf, entries: entries)
    }

    public var summary: String {
        diff.summary + "; held in tenant \(tenantId) (\(tenantAsOf)): \(entries.count) of them"
    }

    public var rows: Tabular {
        var rows: [[Tabular.Cell]] = []
        for entry in entries {
            let holders = entry.heldBy.map { "\($0.clientDisplayName ?? $0.clientId) (\(AdminConsentReport.granted($0)))" }
                .sorted().joined(separator: ", ")
            let lead: [Tabular.Cell] = [.text(entry.change), .text(entry.key.permission), .text(entry.key.kind.rawValue)]
            if entry.changes.isEmpty { rows.append(lead + [.null, .null, .null, .text(holders)]) }
            for change in entry.changes {
                let (field, from, to) = change.cells
                rows.append(lead + [.text(field), from, to, .text(holders)])
            }
        }
        return Tabular(columns: ["change", "permission", "kind", "field", "from", "to", "held by"], rows: rows)
    }

    public var json: JSONValue {
        .object([
            ("from", CatalogDiff.json(diff.from)), ("to", CatalogDiff.json(diff.to)),
            ("tenantId", .string(tenantId)), ("tenantAsOf", .string(tenantAsOf)),
            ("entries", .array(entries.map { entry in
                .object([("permission", .string(entry.key.permission)), ("kind", .string(entry.key.kind.rawValue)),
                         ("change", .string(entry.change)), ("changes", .array(entry.changes.map(\.json))),
                         ("heldBy", .array(entry.heldBy.map(\.jsonValue)))])
            })),
        ])
    }
}
