import Foundation
import GRDB

extension AppDatabase {
    /// The current Kibali catalog's claims on Microsoft Graph's calls, delegated (work scheme) and
    /// application: what request paths are matched against and what advice is computed from.
    public func catalogCallTemplates() throws -> [CatalogCallTemplate] {
        try writer.read { db in
            // A cursor: one Row reused for 40,000 rows, not 40,000 Row objects made and freed.
            let rows = try Row.fetchCursor(db, sql: """
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
            // 40,000 claims on 7,000 distinct paths: each path reduced once.
            var keys: [String: String] = [:]
            // By position, in the order selected (a lookup by name for each of 40,000 rows cost more than the query).
            return try Array(rows.map { row in
                let scheme: String = row[1]
                let path: String = row[3]
                let key = keys[path] ?? ApiTemplate.key(path)
                keys[path] = key
                let least: String? = row[4]
                let also: String? = row[5]
                return CatalogCallTemplate(
                    permission: row[0], scheme: scheme == "Application" ? .application : .delegated,
                    method: row[2], path: path, key: key,
                    least: least?.split(separator: ",").contains { $0 == scheme } ?? false,
                    alsoRequires: also?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } ?? [],
                    privilegeLevel: row[6], pathSetMethods: row[7] ?? 1)
            })
        }
    }

    /// The stored calls whose day lies in the window (inclusive; nil: open), per day; with `summed`, added
    /// up over the window and the API versions (`day` is then the first day, `apiVersion` the lowest), which
    /// is all advice needs. A window that holds all of the activity reads the imports' totals.
    public func graphCalls(from: String? = nil, through: String? = nil, summed: Bool = false) throws -> [GraphCall] {
        try writer.read { db in
            if summed, try Self.holdsAllActivity(db, from: from, through: through) {
                // Each import's totals are unique per call already; several imports are added up here, which
                // is cheaper than SQLite sorting every row for a GROUP BY.
                let totals = try Array(Row.fetchCursor(db, sql: """
                    SELECT firstDay, appId, scheme, method, apiVersion, template, matchKind, statusClass, calls, firstSeen, lastSeen
                    FROM graphCallTotal
                    """).map(Self.graphCall))
                let imports = try Int.fetchOne(db, sql: "SELECT count(DISTINCT importKey) FROM graphCallTotal") ?? 0
                return imports > 1 ? GraphCall.totals(totals) : totals
            }
            let key = summed ? "appId, scheme, method, template, matchKind, statusClass" : "day, appId, scheme, method, apiVersion, template, matchKind, statusClass"
            return try Array(Row.fetchCursor(db, sql: """
                SELECT min(day) AS day, appId, scheme, method, min(apiVersion) AS apiVersion, template, matchKind, statusClass,
                       sum(calls) AS calls, min(firstSeen) AS firstSeen, max(lastSeen) AS lastSeen
                FROM graphCall
                WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)
                GROUP BY \(key)
                """, arguments: [from, through]).map(Self.graphCall))
        }
    }

    /// Whether the window (nil: open) takes in every imported day.
    private static func holdsAllActivity(_ db: Database, from: String?, through: String?) throws -> Bool {
        guard from != nil || through != nil else { return true }
        let window = try activityWindow(db)
        return (from.map { $0 <= window?.first ?? $0 } ?? true) && (through.map { $0 >= window?.last ?? $0 } ?? true)
    }

    /// The first and last day of the imported activity, nil when none was imported.
    public func activityWindow() throws -> (first: String, last: String)? {
        try writer.read(Self.activityWindow)
    }

    /// From the imports' event windows: min(day) over graphCall read every row.
    private static func activityWindow(_ db: Database) throws -> (first: String, last: String)? {
        let row = try Row.fetchOne(db, sql: """
            SELECT substr(min(firstEventAt), 1, 10) AS first, substr(max(lastEventAt), 1, 10) AS last
            FROM activityImport WHERE EXISTS (SELECT 1 FROM graphCall WHERE importKey = activityImport.id)
            """)
        guard let first: String = row?["first"], let last: String = row?["last"] else { return nil }
        return (first, last)
    }

    /// By position, in the order every query above selects: looking columns up by name was most of the cost.
    private static func graphCall(_ row: Row) -> GraphCall {
        GraphCall(day: row[0], appId: row[1], scheme: GraphCall.Scheme(rawValue: row[2]) ?? .application,
                  method: row[3], apiVersion: row[4], template: row[5],
                  matchKind: GraphCall.MatchKind(rawValue: row[6]) ?? .unmatched, statusClass: row[7],
                  calls: row[8], firstSeen: row[9], lastSeen: row[10])
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
        let insertTotal = try db.makeStatement(sql: """
            INSERT INTO graphCallTotal (importKey, appId, scheme, method, template, matchKind, statusClass, firstDay, apiVersion, calls, firstSeen, lastSeen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for total in GraphCall.totals(batch.calls) {
            try insertTotal.execute(arguments: [id, total.appId, total.scheme.rawValue, total.method, total.template, total.matchKind.rawValue,
                                                total.statusClass, total.day, total.apiVersion, total.calls, total.firstSeen, total.lastSeen])
        }
        let insertUri = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO graphCallUri (importKey, appId, scheme, method, template, uri) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for request in batch.requestUris {
            try insertUri.execute(arguments: [id, request.appId, request.scheme.rawValue, request.method, request.template, request.uri])
        }
        return outcome(id, created: true, batch, unmatched)
    }

    private func outcome(_ id: Int64, created: Bool, _ batch: ActivityBatch, _ unmatched: Int) -> ActivityImportOutcome {
        ActivityImportOutcome(importId: id, created: created, recordsRead: batch.recordsRead, recordsDuplicate: batch.recordsDuplicate,
                              aggregates: batch.calls.count, unmatchedTemplates: unmatched, firstEventAt: batch.firstEventAt,
                              lastEventAt: batch.lastEventAt)
    }
}
