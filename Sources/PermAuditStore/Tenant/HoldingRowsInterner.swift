/// Builds a `HoldingRows` from `PermissionHolding` values, storing each equal app, entry, risk and date once.
struct HoldingRowsInterner {
    private var rows: [HoldingRows.Row]
    private var apps: Numbering<HoldingRows.App>
    private var entries: Numbering<HoldingRows.Entry>
    private var consentTypes: [String: UInt8]
    private var risks: Numbering<HoldingRisk>
    private var dates: Numbering<String>
    private var base: HoldingRows

    /// Adding to `table`'s rows and tables.
    init(table: HoldingRows = HoldingRows()) {
        (base, rows) = (table, table.rows)
        (apps, entries, risks, dates) = (Numbering(table.apps), Numbering(table.entries), Numbering(table.risks), Numbering(table.dates))
        consentTypes = Dictionary(table.consentTypes.enumerated().map { ($1, UInt8($0)) }) { first, _ in first }
    }

    var table: HoldingRows {
        var table = base
        (table.apps, table.entries, table.risks, table.dates) = (apps.values, entries.values, risks.values, dates.values)
        table.rows = rows
        return table
    }

    mutating func append(_ holding: PermissionHolding) {
        let client = Int(apps.number(of: HoldingRows.App(tenantId: holding.tenantId, asOf: holding.asOf, id: holding.clientId, appId: holding.clientAppId,
                                                 displayName: holding.clientDisplayName, publisher: holding.publisher,
                                                 verifiedPublisherName: holding.verifiedPublisherName)))
        // A holding says nothing of its resource's publisher.
        let resource = Int(apps.number(of: HoldingRows.App(tenantId: holding.tenantId, asOf: holding.asOf, id: holding.resourceId,
                                                   appId: holding.resourceAppId, displayName: holding.resourceDisplayName)))
        let entry = Int(entries.number(of: HoldingRows.Entry(resource: resource, permission: holding.permission, permissionId: holding.permissionId,
                                                     kind: holding.kind, requiresAdminConsent: holding.requiresAdminConsent,
                                                     resolvedBy: holding.resolvedBy, privilegeLevel: holding.privilegeLevel)))
        var row = HoldingRows.Row(client: client, entry: entry, consentType: base.consentTypeNumber(holding.consentType, numbers: &consentTypes),
                                  principalCount: holding.principalCount)
        row.riskPlusOne = holding.risk.map { UInt32(risks.number(of: $0) + 1) } ?? 0
        row.firstSeenPlusOne = holding.firstSeen.map { UInt32(dates.number(of: $0) + 1) } ?? 0
        rows.append(row)
    }
}
