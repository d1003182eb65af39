import GRDB

/// A few service principals present in a tenant snapshot, found through servicePrincipal's indexes (its
/// tenant and object id, or its appId) and then checked against their runs. `servicePrincipalAt` starts
/// from every run of the snapshot whatever else a query asks: 30 ms for one app of a 50,000-app tenant.
struct PresentServicePrincipals {
    let db: Database
    let tenantId: String
    let day: Int64

    init(db: Database, tenantId: String, asOf: String) throws {
        (self.db, self.tenantId, day) = (db, tenantId, try PresenceRuns.day(asOf))
    }

    /// The snapshot's, given only its key.
    init(db: Database, snapshotKey: Int64) throws {
        let row = try Row.fetchOne(db, sql: "SELECT tenantId, asOf FROM tenantSnapshot WHERE id = ?", arguments: [snapshotKey])
        try self.init(db: db, tenantId: row?["tenantId"] ?? "", asOf: row?["asOf"] ?? "1970-01-01")
    }

    /// `columns` of `servicePrincipalVersion v` (with its `publisher`) for the present versions that meet
    /// `condition`, whose named arguments are `arguments`, in the order of `orderBy` if given.
    func forEach(_ columns: String, where condition: String, _ arguments: [String: any DatabaseValueConvertible],
                 orderBy: String? = nil, _ body: (DirectRow) throws -> Void) throws {
        var all = arguments
        (all["presentTenant"], all["presentDay"]) = (tenantId, day)
        try db.forEachRow(sql: """
            SELECT \(columns) FROM servicePrincipalVersion v
            WHERE v.tenantId = :presentTenant AND \(condition)
              AND EXISTS (SELECT 1 FROM servicePrincipalRun p WHERE p.versionKey = v.versionKey AND p.firstDay <= :presentDay AND p.lastDay >= :presentDay)
            \(orderBy.map { "ORDER BY \($0)" } ?? "")
            """, arguments: StatementArguments(all), body)
    }

    /// The object ids of the present service principals of this appId: an API's, usually one.
    func ids(appId: String) throws -> Set<String> {
        var ids: Set<String> = []
        try forEach("v.id", where: "v.appId = :appId", ["appId": appId]) { row in
            if let id = row.text(0) { ids.insert(id) }
        }
        return ids
    }
}
