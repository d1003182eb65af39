import PermAuditStore

extension TenantDiff: DiffListing {
    /// `tenant T 2026-11-01 (#1) -> 2026-11-08 (#2): 1 app added, 0 removed; 3 holdings added, 2 removed, 1 changed`
    public var summary: String {
        "tenant \(tenantId) \(from.asOf) (#\(from.id)) -> \(to.asOf) (#\(to.id)): \(Plural.count(appsAdded.count, "app")) added, "
            + "\(appsRemoved.count) removed; \(Plural.count(added.count, "holding")) added, \(removed.count) removed, \(changed.count) changed"
    }

    /// CSV, TSV and Markdown: one row per change, each level and tier with its source, and the exception in
    /// full. A terminal gets `table(_:)`.
    public var rows: Tabular {
        let columns = ["change", "app", "publisher", "permission", "kind", "consentType", "admin", "risk", "riskLevelSource", "tier",
                       "tierSource", "field", "from", "to", "exception", "exceptionOwner", "exceptionReason", "textFlags"]
        let blank = { (count: Int) in [Tabular.Cell](repeating: .null, count: count) }
        var rows: [[Tabular.Cell]] = []
        func holding(_ change: String, _ holding: PermissionHolding, _ field: [Tabular.Cell]) {
            rows.append(Self.holdingRow(change, holding) + Self.riskCells(holding.risk) + field
                        + Self.exceptionCells(holding.risk) + [Self.cell(holding.textFlags)])
        }
        for (change, apps) in [("app added", appsAdded), ("app removed", appsRemoved)] {
            rows += apps.map { Self.appRow(change, $0, removed: change == "app removed", blank(4), blank(3)) + [Self.cell($0.textFlags)] }
        }
        for entry in added { holding("added", entry, blank(3)) }
        for entry in removed { holding("removed", entry, blank(3)) }
        for entry in changed {
            for change in entry.changes {
                let (field, from, to) = change.cells
                holding("changed", entry.holding, [.text(field), from, to])
            }
        }
        return Tabular(columns: columns, rows: rows)
    }

    /// An app's appId shows as the value it had (removed) or has (added).
    static func appRow(_ change: String, _ app: TenantApp, removed: Bool, _ risk: [Tabular.Cell], _ exception: [Tabular.Cell]) -> [Tabular.Cell] {
        let appId = app.appId.map(Tabular.Cell.text) ?? .null
        return [.text(change), .text(app.displayName ?? app.id), .text(app.publisher), .null, .null, .null, .null] + risk
            + [.text("appId"), removed ? appId : .null, removed ? .null : appId] + exception
    }

    /// The level, its source, the tier, its source.
    static func riskCells(_ risk: HoldingRisk?) -> [Tabular.Cell] {
        [cell(risk?.level?.rawValue), cell(risk?.levelSource?.rawValue), risk?.tier.map { .literal(String($0)) } ?? .null,
         cell(risk?.tierSource?.rawValue)]
    }

    /// A policy exception, shown rather than hidden: `until 2026-12-31` or `EXPIRED 2026-12-31`, its owner and reason.
    static func exceptionCells(_ risk: HoldingRisk?) -> [Tabular.Cell] {
        guard let risk, let exception = risk.exception else { return [.null, .null, .null] }
        let state = (risk.exceptionValid == true ? "until " : "EXPIRED ") + exception.expires
        return [.text(state), .text(exception.owner), .text(exception.reason)]
    }

    static func cell(_ text: String?) -> Tabular.Cell { text.map(Tabular.Cell.text) ?? .null }

    static func holdingRow(_ change: String, _ holding: PermissionHolding) -> [Tabular.Cell] {
        [.text(change), .text(holding.clientDisplayName ?? holding.clientId), holding.publisher.map(Tabular.Cell.text) ?? .null,
         .text(holding.permission ?? "role \(holding.permissionId ?? "?")"), .text(holding.kind.rawValue), .text(holding.consentType),
         .text(holding.requiresAdminConsent.map { $0 ? "yes" : "no" } ?? "?")]
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
                 ("verifiedPublisherName", app.verifiedPublisherName.map(JSONValue.string) ?? .null),
                 ("textFlags", app.textFlags.map(JSONValue.string) ?? .null)])
    }
}

extension TenantApp {
    /// The names the app chose, checked for text that hides or reorders characters or mixes alphabets.
    var textFlags: String? {
        TextFlag.summary([("displayName", displayName), ("verifiedPublisherName", verifiedPublisherName)])
    }
}
