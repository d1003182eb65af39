import Foundation
import GRDB

/// Which holdings can differ between two snapshots of a tenant. A holding is stored as granted (HoldingWriter)
/// and resolved, when read, against its resource's service principal and the catalog (the same for both).
/// So a holding version present in both snapshots reads the same in both unless its resource's service
/// principal changed: a diff needs only the versions present in one of them, and every holding on the
/// resources that changed. On a million-grant tenant with 0.1% of changes this narrows hundreds of
/// thousands of holdings a snapshot down to a few thousand.
struct HoldingChanges {
    let db: Database

    /// The holdings that may differ between the two snapshots: the holding versions present in only one of
    /// them, and the service principals that changed (as resources). Changes are read from presence runs,
    /// not by comparing the snapshots' 100,000s of rows; a run that neither snapshot covers only widens the
    /// subset.
    func subset(between old: Int64, and new: Int64) throws -> HoldingSubset {
        let dates = try dates(old, new)
        let versions = try Int64.fetchSet(db, sql: changedVersions(in: "holdingRun", key: "holdingKey"), arguments: StatementArguments(dates))
        let resources = try db.wholeTexts(sql: """
            SELECT sp.id FROM servicePrincipal sp
            WHERE sp.versionKey IN (\(changedVersions(in: "servicePrincipalRun", key: "versionKey")))
            """, arguments: StatementArguments(dates))
        return HoldingSubset(versions: versions, resources: resources)
    }

    /// The apps of `snapshot` (one of the two) whose service principal changed between them: the only ones
    /// a diff can find added or removed.
    func appsThatMayDiffer(in snapshot: Int64, between old: Int64, and new: Int64) throws -> [TenantApp] {
        var apps: [TenantApp] = []
        try PresentServicePrincipals(db: db, snapshotKey: snapshot).forEach(
            "v.id, v.appId, v.displayName, v.publisher, v.verifiedPublisherName",
            where: "v.versionKey IN (\(changedVersions(in: "servicePrincipalRun", key: "versionKey")))", try dates(old, new), orderBy: "v.id"
        ) { apps.append(TenantApp($0)) }
        return apps
    }

    /// The tenant's key and the two snapshots' days, oldest first, as the arguments of `changedVersions`.
    private func dates(_ old: Int64, _ new: Int64) throws -> [String: any DatabaseValueConvertible] {
        let rows = try Row.fetchAll(db, sql: "SELECT tenantKey, day FROM tenantSnapshotDay WHERE snapshotKey IN (?, ?) ORDER BY day",
                                    arguments: [old, new])
        let (first, last) = (rows.first, rows.last)
        return ["tenant": first?["tenantKey"] ?? 0 as Int64, "older": first?["day"] ?? 0 as Int64, "newer": last?["day"] ?? 0 as Int64]
    }

    /// The versions (of a collection's run table, or of holdingRun) present on one of the two days and not
    /// on the other: the runs that overlap the days without covering both.
    private func changedVersions(in table: String, key: String) -> String {
        """
        SELECT p.\(key) FROM \(table) p
        WHERE p.tenantKey = :tenant
          AND p.lastDay >= :older AND p.firstDay <= :newer AND NOT (p.firstDay <= :older AND p.lastDay >= :newer)
        """
    }
}

/// Some holding versions, and every holding on some resources.
struct HoldingSubset {
    /// Keys of `holding` rows.
    var versions: Set<Int64>
    /// Service principals' object ids.
    var resources: Set<String>

    static func jsonArray(_ values: Set<String>) -> String {
        String(decoding: (try? JSONEncoder().encode(values.sorted())) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// Integer keys, sorted: SQLite visits them in its indexes' order.
    static func jsonArray(_ keys: [Int64]) -> String {
        "[" + keys.sorted().map(String.init).joined(separator: ",") + "]"
    }
}
