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
        let versions = try Int64.fetchSet(db, sql: changedVersions(in: "holdingPresence", key: "holdingKey"), arguments: dates)
        let resources = try db.wholeTexts(sql: """
            SELECT sp.id FROM servicePrincipal sp
            WHERE sp.versionKey IN (\(changedVersions(in: "tenantPresence", key: "versionKey", collection: "servicePrincipal")))
            """, arguments: dates)
        return HoldingSubset(versions: versions, resources: resources)
    }

    /// The apps of `snapshot` (one of the two) whose service principal changed between them: the only ones
    /// a diff can find added or removed.
    func appsThatMayDiffer(in snapshot: Int64, between old: Int64, and new: Int64) throws -> [TenantApp] {
        try TenantApp.fetchAll(db, sql: """
            SELECT id, appId, displayName, publisher, verifiedPublisherName FROM servicePrincipalAt
            WHERE snapshotKey = :snapshot AND versionKey IN (\(changedVersions(in: "tenantPresence", key: "versionKey", collection: "servicePrincipal")))
            ORDER BY id
            """, arguments: try dates(old, new, with: ["snapshot": snapshot]))
    }

    /// The tenant and the two dates, oldest first, as the arguments of `changedVersions`, with `others`.
    private func dates(_ old: Int64, _ new: Int64, with others: [String: Int64] = [:]) throws -> StatementArguments {
        let rows = try Row.fetchAll(db, sql: "SELECT tenantId, asOf FROM tenantSnapshot WHERE id IN (?, ?) ORDER BY asOf",
                                    arguments: [old, new])
        let (first, last) = (rows.first, rows.last)
        var values: [String: any DatabaseValueConvertible] = [
            "tenant": first?["tenantId"] as String? ?? "", "older": first?["asOf"] as String? ?? "", "newer": last?["asOf"] as String? ?? "",
        ]
        values.merge(others) { _, other in other }
        return StatementArguments(values)
    }

    /// The versions (of a collection of tenantPresence, or of holdingPresence) present on one of the two
    /// dates and not on the other: the runs that overlap the dates without covering both.
    private func changedVersions(in table: String, key: String, collection: String? = nil) -> String {
        """
        SELECT p.\(key) FROM \(table) p
        WHERE p.tenantId = :tenant \(collection.map { "AND p.collection = '\($0)'" } ?? "")
          AND p.lastSeen >= :older AND p.firstSeen <= :newer AND NOT (p.firstSeen <= :older AND p.lastSeen >= :newer)
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
}
