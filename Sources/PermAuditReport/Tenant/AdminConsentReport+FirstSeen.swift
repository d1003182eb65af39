import PermAuditStore

extension AdminConsentReport {
    /// Every holding of the tenant's latest snapshot (any consent requirement), classified, most dangerous first,
    /// each with the date of the tenant's first snapshot that held it: what each app holds, and since when.
    public static func currentHoldingsSinceFirstSeen(_ database: AppDatabase, tenantId: String,
                                                     classifier: RiskClassifier) throws -> [PermissionHolding] {
        let series = try database.tenantSnapshots().filter { $0.tenantId == tenantId }
        guard let latest = series.max(by: { ($0.asOf, $0.id) < ($1.asOf, $1.id) }) else { return [] }
        let firstSeen = try firstSeen(database, series: series)
        return mostDangerousFirst(classifier.classified(try database.permissionHoldings(snapshotId: latest.id)).map { holding in
            var holding = holding
            holding.firstSeen = firstSeen[HoldingIdentity(holding)]
            return holding
        })
    }
}
