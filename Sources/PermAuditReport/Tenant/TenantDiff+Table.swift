import PermAuditStore

extension TenantDiff {
    /// A terminal: one short table per kind of change, in the report's words (`granted`, risk and tier with a
    /// source letter), so that each fits a terminal without cutting every column; then the key to the letters
    /// and one line per policy exception, as under the report. CSV, TSV and Markdown keep one row per change.
    public func table(_ style: OutputStyle) -> String {
        let lines = TabularLines(style)
        let sections = [
            ("apps added", Self.apps(appsAdded)), ("apps removed", Self.apps(appsRemoved)),
            ("holdings added", Self.holdings(added)), ("holdings removed", Self.holdings(removed)),
            ("holdings changed", Self.changes(changed)),
        ].filter { !$0.1.rows.isEmpty }
        var flagged = false
        let tables = sections.map { title, table in
            let layout = lines.tableLayout(columns: table.columns, rows: table.rows, shrinkFirst: table.shrinkFirst)
            flagged = flagged || layout.flagged
            return "\(title) (\(table.rows.count))\n" + layout.head + layout.rows.joined()
        }
        let holdings = added + removed + changed.map(\.holding)
        let notes = (AdminConsentReport.sourceKey(holdings).map { [$0] } ?? [])
            + holdings.compactMap(AdminConsentReport.exceptionNote).map(SafeText.line)
        return tables.joined(separator: "\n") + (flagged ? TabularLines.flagFooter : "")
            + (notes.isEmpty ? "" : "\n" + notes.joined(separator: "\n") + "\n")
    }

    private static func apps(_ apps: [TenantApp]) -> Tabular {
        var table = Tabular(columns: ["app", "publisher", "appId"], rows: apps.map { app in
            [.text(app.displayName ?? app.id), .text(app.publisher), cell(app.appId)]
        })
        table.shrinkFirst = ["app"]
        return table
    }

    private static func holdings(_ holdings: [PermissionHolding]) -> Tabular {
        var table = Tabular(columns: ["app", "publisher", "permission", "granted", "admin", "risk", "tier"],
                            rows: holdings.map { holdingCells($0) + AdminConsentReport.levelAndTier($0) })
        table.shrinkFirst = ["app"]
        return table
    }

    private static func changes(_ changed: [Changed]) -> Tabular {
        var table = Tabular(columns: ["app", "permission", "granted", "field", "from", "to"], rows: changed.flatMap { entry in
            let holding = holdingCells(entry.holding)
            return entry.changes.map { change in
                let (field, from, to) = change.cells
                return [holding[0], holding[2], holding[3], .text(field), from, to]
            }
        })
        table.shrinkFirst = ["from", "to", "app"]
        return table
    }

    /// app, publisher, permission, granted, admin: as the report writes them.
    private static func holdingCells(_ holding: PermissionHolding) -> [Tabular.Cell] {
        [.text(holding.clientDisplayName ?? holding.clientId), cell(holding.publisher),
         .text(holding.permission ?? "role \(holding.permissionId ?? "?")"), .text(AdminConsentReport.granted(holding)),
         .text(holding.requiresAdminConsent.map { $0 ? "yes" : "no" } ?? "?")]
    }
}
