import GRDB

/// Keeps a presence table right (`tenantPresence` for objects, `holdingPresence` for holdings) when a
/// snapshot dated `asOf` joins a tenant's history, whatever the order snapshots are imported in: the staged
/// versions (this snapshot's) become present on `asOf`, joining the runs that end at the snapshot before or
/// start at the snapshot after; runs of other versions that spanned `asOf` are split around it. Only changes
/// write rows, and every step is one statement over the whole set.
struct PresenceRuns {
    let db: Database
    let tenantId: String
    /// The presence table and the staged table (this snapshot's versions), both keyed by `key`.
    let table: String
    let staged: String
    let key: [String]

    static func objects(_ db: Database, tenantId: String) -> PresenceRuns {
        PresenceRuns(db: db, tenantId: tenantId, table: "tenantPresence", staged: "temp.stagedObject", key: ["collection", "versionKey"])
    }

    static func holdings(_ db: Database, tenantId: String) -> PresenceRuns {
        PresenceRuns(db: db, tenantId: tenantId, table: "holdingPresence", staged: "temp.stagedHolding", key: ["holdingKey"])
    }

    func record(asOf date: String) throws {
        let previous = try String.fetchOne(db, sql: "SELECT max(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf < ?", arguments: [tenantId, date])
        let next = try String.fetchOne(db, sql: "SELECT min(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf > ?", arguments: [tenantId, date])
        let isStaged = "EXISTS (SELECT 1 FROM \(staged) s WHERE \(same("s", "p")))"
        let columns = key.joined(separator: ", ")
        if let previous, let next {
            // Absent on this date: a run over it is cut in two.
            try db.execute(sql: """
                INSERT INTO \(table) (\(columns), tenantId, firstSeen, lastSeen)
                SELECT \(columns), tenantId, ?, lastSeen FROM \(table) p
                WHERE tenantId = ? AND firstSeen <= ? AND lastSeen >= ? AND NOT \(isStaged)
                """, arguments: [next, tenantId, previous, next])
            try db.execute(sql: """
                UPDATE \(table) AS p SET lastSeen = ?
                WHERE tenantId = ? AND firstSeen <= ? AND lastSeen >= ? AND NOT \(isStaged)
                """, arguments: [previous, tenantId, previous, next])
        }
        if let previous {
            // Present before and now: the run goes on to this date.
            try db.execute(sql: "UPDATE \(table) AS p SET lastSeen = ? WHERE tenantId = ? AND lastSeen = ? AND \(isStaged)",
                           arguments: [date, tenantId, previous])
        }
        if let next {
            // Present now and after: the later run starts here, or the two runs become one.
            try db.execute(sql: """
                UPDATE \(table) AS p SET lastSeen = (
                    SELECT q.lastSeen FROM \(table) q WHERE \(same("q", "p")) AND q.firstSeen = ?)
                WHERE tenantId = ? AND lastSeen = ? AND \(isStaged) AND EXISTS (
                    SELECT 1 FROM \(table) q WHERE \(same("q", "p")) AND q.firstSeen = ?)
                """, arguments: [next, tenantId, date, next])
            try db.execute(sql: """
                DELETE FROM \(table) AS p
                WHERE tenantId = ? AND firstSeen = ? AND EXISTS (
                    SELECT 1 FROM \(table) q WHERE \(same("q", "p")) AND q.firstSeen < ? AND q.lastSeen >= ?)
                """, arguments: [tenantId, next, next, next])
            try db.execute(sql: "UPDATE \(table) AS p SET firstSeen = ? WHERE tenantId = ? AND firstSeen = ? AND \(isStaged)",
                           arguments: [date, tenantId, next])
        }
        // Present now and in neither neighbour: a run of one date.
        try db.execute(sql: """
            INSERT INTO \(table) (\(columns), tenantId, firstSeen, lastSeen)
            SELECT \(key.map { "s.\($0)" }.joined(separator: ", ")), ?, ?, ? FROM \(staged) s
            WHERE NOT EXISTS (SELECT 1 FROM \(table) p WHERE \(same("p", "s")) AND p.firstSeen <= ? AND p.lastSeen >= ?)
            """, arguments: [tenantId, date, date, date, date])
    }

    /// `a` and `b` name the same version.
    private func same(_ a: String, _ b: String) -> String {
        key.map { "\(a).\($0) = \(b).\($0)" }.joined(separator: " AND ")
    }
}
