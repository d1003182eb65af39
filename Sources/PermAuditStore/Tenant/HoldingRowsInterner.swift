/// Builds a `HoldingRows` from `PermissionHolding` values, storing each app, entry, risk and date once,
/// told apart by their bytes (`ExactNumbering`): each row keeps its own texts.
struct HoldingRowsInterner {
    private var base: HoldingRows
    private var apps: ExactNumbering<HoldingRows.App>
    private var entries: ExactNumbering<HoldingRows.Entry>
    private var risks: ExactNumbering<HoldingRisk>
    private var dates: ExactNumbering<String>

    /// Adding to `table`'s rows, its tables kept as they are.
    init(table: HoldingRows = HoldingRows()) {
        base = table
        apps = ExactNumbering(table.apps, key: ExactKey.init)
        entries = ExactNumbering(table.entries, key: ExactKey.init)
        risks = ExactNumbering(table.risks, key: ExactKey.init)
        dates = ExactNumbering(table.dates) { ExactKey([$0]) }
    }

    var table: HoldingRows {
        var table = base
        (table.apps, table.entries, table.risks, table.dates) = (apps.values, entries.values, risks.values, dates.values)
        return table
    }

    mutating func append(_ holding: PermissionHolding) {
        let client = apps.number(of: HoldingRows.App(tenantId: holding.tenantId, asOf: holding.asOf, id: holding.clientId,
                                                     appId: holding.clientAppId, displayName: holding.clientDisplayName,
                                                     publisher: holding.publisher, verifiedPublisherName: holding.verifiedPublisherName))
        // A holding says nothing of its resource's publisher.
        let resource = apps.number(of: HoldingRows.App(tenantId: holding.tenantId, asOf: holding.asOf, id: holding.resourceId,
                                                       appId: holding.resourceAppId, displayName: holding.resourceDisplayName))
        let entry = entries.number(of: HoldingRows.Entry(resource: resource, permission: holding.permission, permissionId: holding.permissionId,
                                                         kind: holding.kind, requiresAdminConsent: holding.requiresAdminConsent,
                                                         resolvedBy: holding.resolvedBy, privilegeLevel: holding.privilegeLevel))
        var row = HoldingRows.Row(client: client, entry: entry, consentType: base.consentTypeNumber(holding.consentType),
                                  principalCount: holding.principalCount)
        row.riskPlusOne = holding.risk.map { UInt32(risks.number(of: $0) + 1) } ?? 0
        row.firstSeenPlusOne = holding.firstSeen.map { UInt32(dates.number(of: $0) + 1) } ?? 0
        base.rows.append(row)
    }
}

extension ExactKey {
    init(_ app: HoldingRows.App) {
        self.init([app.tenantId, app.asOf, app.id, app.appId, app.displayName, app.publisher, app.verifiedPublisherName])
    }

    init(_ entry: HoldingRows.Entry) {
        self.init([String(entry.resource), entry.permission, entry.permissionId, entry.kind.rawValue, entry.requiresAdminConsent.map { "\($0)" },
                   entry.resolvedBy, entry.privilegeLevel.map(String.init)])
    }

    public init(_ risk: HoldingRisk) {
        let exception = risk.exception
        self.init([risk.level?.rawValue, risk.levelSource?.rawValue, risk.tier.map(String.init), risk.tierSource?.rawValue,
                   exception?.location, exception?.app, exception?.permission, exception?.kind?.rawValue, exception?.resourceAppId,
                   exception?.reason, exception?.owner, exception?.expires, risk.exceptionValid.map { "\($0)" }])
    }
}
