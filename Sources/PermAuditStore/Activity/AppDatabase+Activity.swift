import Foundation
import GRDB

extension AppDatabase {
    /// The current Kibali catalog's claims on Microsoft Graph's calls, delegated (work scheme) and
    /// application: what request paths are matched against and what advice is computed from.
    public func catalogCallTemplates() throws -> [CatalogCallTemplate] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                WITH methods AS (SELECT pathSetKey, count(DISTINCT method) AS n FROM apiPath GROUP BY pathSetKey),
                     levels AS (SELECT kind, permission, privilegeLevel FROM catalogPermission
                                WHERE resourceAppId = '00000003-0000-0000-c000-000000000000')
                SELECT p.value AS permission, v.scheme, a.method, a.path, a.leastPrivilegeSchemes, a.alsoRequires,
                       l.privilegeLevel, m.n AS pathSetMethods
                FROM latestCatalogSnapshot s
                JOIN catalogSnapshotEntry e ON e.snapshotKey = s.id
                JOIN permissionVersion v ON v.id = e.versionKey AND v.source = 'kibali'
                JOIN permission p ON p.id = v.permissionKey
                JOIN apiPath a ON a.pathSetKey = v.pathSetKey
                JOIN methods m ON m.pathSetKey = v.pathSetKey
                LEFT JOIN levels l ON l.kind = p.kind AND l.permission = p.value
                WHERE p.resourceAppId = '00000003-0000-0000-c000-000000000000' AND v.scheme IN ('Application', 'DelegatedWork')
                """)
            return rows.map { row in
                let scheme: String = row["scheme"]
                let least: String? = row["leastPrivilegeSchemes"]
                let also: String? = row["alsoRequires"]
                return CatalogCallTemplate(
                    permission: row["permission"], scheme: scheme == "Application" ? .application : .delegated,
                    method: row["method"], path: row["path"],
                    least: least?.split(separator: ",").contains { $0 == scheme } ?? false,
                    alsoRequires: also?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } ?? [],
                    privilegeLevel: row["privilegeLevel"], pathSetMethods: row["pathSetMethods"] ?? 1)
            }
        }
    }

    /// The stored calls whose day lies in the window (inclusive; nil: open), per day; with `summed`, added
    /// up over the window and the API versions (`day` is then the first day, `apiVersion` the lowest), which
    /// is all advice needs and a tenth of the rows.
    public func graphCalls(from: String? = nil, through: String? = nil, summed: Bool = false) throws -> [GraphCall] {
        let key = summed ? "appId, scheme, method, template, matchKind, statusClass" : "day, appId, scheme, method, apiVersion, template, matchKind, statusClass"
        return try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT min(day) AS day, appId, scheme, method, min(apiVersion) AS apiVersion, template, matchKind, statusClass,
                       sum(calls) AS calls, min(firstSeen) AS firstSeen, max(lastSeen) AS lastSeen
                FROM graphCall
                WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)
                GROUP BY \(key)
                """, arguments: [from, through]).map(Self.graphCall)
        }
    }

    /// The first and last day of the imported activity, nil when none was imported.
    public func activityWindow() throws -> (first: String, last: String)? {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT min(day) AS first, max(day) AS last FROM graphCall")
            guard let first: String = row?["first"], let last: String = row?["last"] else { return nil }
            return (first, last)
        }
    }

    private static func graphCall(_ row: Row) -> GraphCall {
        GraphCall(day: row["day"], appId: row["appId"], scheme: GraphCall.Scheme(rawValue: row["scheme"]) ?? .application,
                  method: row["method"], apiVersion: row["apiVersion"], template: row["template"],
                  matchKind: GraphCall.MatchKind(rawValue: row["matchKind"]) ?? .unmatched, statusClass: row["statusClass"],
                  calls: row["calls"], firstSeen: row["firstSeen"], lastSeen: row["lastSeen"])
    }
}

/// The steps of one activity import, inside the transaction `importExports` opened.
struct ActivityWriter {
    let db: Database
    let importedAt: String

    /// The same set of files imported again is recorded once: nothing changes.
    func record(_ batch: ActivityBatch) throws -> ActivityImportOutcome {
        let unmatched = Set(batch.calls.filter { $0.matchKind == .unmatched }.map(\.template)).count
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM activityImport WHERE fileSetHash = ?", arguments: [batch.fileSetHash]) {
            return outcome(id, created: false, batch, unmatched)
        }
        try db.execute(sql: """
            INSERT INTO activityImport (tenantId, fileSetHash, format, firstEventAt, lastEventAt, recordsRead, recordsDuplicate, importedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [batch.tenantId, batch.fileSetHash, batch.formats.joined(separator: ","), batch.firstEventAt,
                             batch.lastEventAt, batch.recordsRead, batch.recordsDuplicate, importedAt])
        let id = db.lastInsertedRowID
        let insert = try db.makeStatement(sql: """
            INSERT INTO graphCall (importKey, day, appId, scheme, method, apiVersion, template, matchKind, statusClass, calls, firstSeen, lastSeen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // The calls come in the table's key order: appended, they need no more than SQLite's default cache.
        for call in batch.calls {
            try insert.execute(arguments: [id, call.day, call.appId, call.scheme.rawValue, call.method, call.apiVersion, call.template,
                                           call.matchKind.rawValue, call.statusClass, call.calls, call.firstSeen, call.lastSeen])
        }
        return outcome(id, created: true, batch, unmatched)
    }

    private func outcome(_ id: Int64, created: Bool, _ batch: ActivityBatch, _ unmatched: Int) -> ActivityImportOutcome {
        ActivityImportOutcome(importId: id, created: created, recordsRead: batch.recordsRead, recordsDuplicate: batch.recordsDuplicate,
                              aggregates: batch.calls.count, unmatchedTemplates: unmatched, firstEventAt: batch.firstEventAt,
                              lastEventAt: batch.lastEventAt)
    }
}
