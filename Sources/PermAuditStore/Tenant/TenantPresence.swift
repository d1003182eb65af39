import GRDB

/// Keeps `tenantPresence` right when a snapshot dated `asOf` joins a tenant's history, whatever the order
/// snapshots are imported in: the staged versions (this snapshot's objects) become present on `asOf`,
/// joining the runs that end at the snapshot before or start at the snapshot after; runs of other
/// versions that spanned `asOf` are split around it. Only changes write rows.
struct TenantPresence {
    let db: Database
    let tenantId: String

    func record(asOf date: String) throws {
        let previous = try String.fetchOne(db, sql: "SELECT max(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf < ?", arguments: [tenantId, date])
        let next = try String.fetchOne(db, sql: "SELECT min(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf > ?", arguments: [tenantId, date])
        let staged = "EXISTS (SELECT 1 FROM temp.stagedObject s WHERE s.collection = p.collection AND s.versionKey = p.versionKey)"
        if let previous, let next {
            // Absent on this date: a run over it is cut in two.
            try db.execute(sql: """
                INSERT INTO tenantPresence (collection, versionKey, tenantId, firstSeen, lastSeen)
                SELECT collection, versionKey, tenantId, ?, lastSeen FROM tenantPresence p
                WHERE tenantId = ? AND firstSeen <= ? AND lastSeen >= ? AND NOT \(staged)
                """, arguments: [next, tenantId, previous, next])
            try db.execute(sql: """
                UPDATE tenantPresence AS p SET lastSeen = ?
                WHERE tenantId = ? AND firstSeen <= ? AND lastSeen >= ? AND NOT \(staged)
                """, arguments: [previous, tenantId, previous, next])
        }
        if let previous {
            // Present before and now: the run goes on to this date.
            try db.execute(sql: "UPDATE tenantPresence AS p SET lastSeen = ? WHERE tenantId = ? AND lastSeen = ? AND \(staged)",
                           arguments: [date, tenantId, previous])
        }
        if let next {
            // Present now and after: the later run starts here, or the two runs become one.
            try db.execute(sql: """
                UPDATE tenantPresence AS p SET lastSeen = (
                    SELECT q.lastSeen FROM tenantPresence q
                    WHERE q.collection = p.collection AND q.versionKey = p.versionKey AND q.firstSeen = ?)
                WHERE tenantId = ? AND lastSeen = ? AND \(staged) AND EXISTS (
                    SELECT 1 FROM tenantPresence q WHERE q.collection = p.collection AND q.versionKey = p.versionKey AND q.firstSeen = ?)
                """, arguments: [next, tenantId, date, next])
            try db.execute(sql: """
                DELETE FROM tenantPresence AS p
                WHERE tenantId = ? AND firstSeen = ? AND EXISTS (
                    SELECT 1 FROM tenantPresence q WHERE q.collection = p.collection AND q.versionKey = p.versionKey
                    AND q.firstSeen < ? AND q.lastSeen >= ?)
                """, arguments: [tenantId, next, next, next])
            try db.execute(sql: "UPDATE tenantPresence AS p SET firstSeen = ? WHERE tenantId = ? AND firstSeen = ? AND \(staged)",
                           arguments: [date, tenantId, next])
        }
        // Present now and in neither neighbour: a run of one date.
        try db.execute(sql: """
            INSERT INTO tenantPresence (collection, versionKey, tenantId, firstSeen, lastSeen)
            SELECT s.collection, s.versionKey, ?, ?, ? FROM temp.stagedObject s
            WHERE NOT EXISTS (SELECT 1 FROM tenantPresence p WHERE p.collection = s.collection AND p.versionKey = s.versionKey
                              AND p.firstSeen <= ? AND p.lastSeen >= ?)
            """, arguments: [tenantId, date, date, date, date])
    }
}
