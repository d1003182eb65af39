import PermAuditStore

extension TenantDiff: DiffListing {
    /// `tenant T 2026-11-01 (#1) -> 2026-11-08 (#2): 1 app added, 0 removed; 3 holdings added, 2 removed, 1 changed`
    public var summary: String {
        "tenant \(tenantId) \(from.asOf) (#\(from.id)) -> \(to.asOf) (#\(to.id)): \(appsAdded.count) apps added, "
            + "\(appsRemoved.count) removed; \(added.count) holdings added, \(removed.count) removed, \(changed.count) changed"
    }

    public var rows: Tabular {
        var rows: [[Tabular.Cell]] = []
        for app in appsAdded { rows.append(Self.appRow("app added", app, removed: false)) }
        for app in appsRemoved { rows.append(Self.appRow("app removed", app, removed: true)) }
        for holding in added { rows.append(Self.holdingRow("added", holding) + [.null, .null, .null, Self.exception(holding)]) }
        for holding in removed { rows.append(Self.holdingRow("removed", holding) + [.null, .null, .null, Self.exception(holding)]) }
        for entry in changed {
            for change in entry.changes {
                let (field, from, to) = change.cells
                rows.append(Self.holdingRow("changed", entry.holding) + [.text(field), from, to, Self.exception(entry.holding)])
            }
        }
        return Tabular(columns: ["change", "app", "publisher", "permission", "kind", "consentType", "admin", "risk", "tier", "field", "from", "to",
                                 "exception"],
                       rows: rows)
    }

    /// An app's appId shows as the value it had (removed) or has (added).
    static func appRow(_ change: String, _ app: TenantApp, removed: Bool) -> [Tabular.Cell] {
        let appId = app.appId.map(Tabular.Cell.text) ?? .null
        return [.text(change), .text(app.displayName ?? app.id), .text(app.publisher), .null, .null, .null, .null, .null, .null,
                .text("appId"), removed ? appId : .null, removed ? .null : appId, .null]
    }

    /// A policy exception, shown rather than hidden: `until 2026-12-31` or `EXPIRED 2026-12-31`.
    static func exception(_ h: PermissionHolding) -> Tabular.Cell {
        guard let risk = h.risk, let exception = risk.exception else { return .null }
        return .text((risk.exceptionValid == true ? "until " : "EXPIRED ") + exception.expires)
    }

    static func holdingRow(_ change: String, _ h: PermissionHolding) -> [Tabular.Cell] {
        [.text(change), .text(h.clientDisplayName ?? h.clientId), h.publisher.map(Tabular.Cell.text) ?? .null,
         .text(h.permission ?? "role \(h.permissionId ?? "?")"), .text(h.kind.rawValue), .text(h.consentType),
         .text(h.requiresAdminConsent.map { $0 ? "yes" : "no" } ?? "?"), h.risk?.level.map { .text($0.rawValue) } ?? .null,
         h.risk?.tier.map { .literal(String($0)) } ?? .null]
    }

    /// The JSON contract: like the catalog diff's, each holding naming tenantId, clientId, clientAppId,
    /// clientDisplayName, resourceAppId, permission, kind and consentType (the report's fields).
    public var json: JSONValue {
        .object([
            ("tenantId", .string(tenantId)), ("from", Self.json(from)), ("to", Self.json(to)),
            ("appsAdded", .array(appsAdded.map(Self.json))), ("appsRemoved", .array(appsRemoved.map(Self.json))),
            ("added", .array(added.map(\.jsonValue))), ("removed", .array(removed.map(\.jsonValue))),
            ("changed", .array(changed.map { entry in
                guard case .object(let fields) = entry.holding.jsonValue else { return .null }
                return .object(fields + [("changes", .array(entry.changes.map(\.json)))])
            })),
        ])
    }

    static func json(_ snapshot: TenantSnapshotSummary) -> JSONValue {
        .object([("id", .int(Int(snapshot.id))), ("asOf", .string(snapshot.asOf)), ("contentHash", .string(snapshot.contentHash))])
    }

    static func json(_ app: TenantApp) -> JSONValue {
        .object([("id", .string(app.id)), ("appId", app.appId.map(JSONValue.string) ?? .null),
                 ("displayName", app.displayName.map(JSONValue.string) ?? .null), ("publisher", .string(app.publisher)),
                 ("verifiedPublisherName", app.verifiedPublisherName.map(JSONValue.string) ?? .null)])
    }
}
