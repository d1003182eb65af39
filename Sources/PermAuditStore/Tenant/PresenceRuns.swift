import GRDB

/// Keeps a presence table right (`tenantPresence` for objects, `holdingPresence` for holdings) when a
/// snapshot dated `asOf` joins a tenant's history, whatever the order snapshots are imported in. A run that
/// reaches the tenant's latest snapshot is open (lastSeen `open`, migration 0019).
///
/// A snapshot after the latest (`append`) writes only its changes: the runs of versions it no longer holds
/// are closed at the snapshot before it, and its new versions open runs. Any other (`record`) stages every
/// version it holds: they become present on `asOf`, joining the runs that end at the snapshot before or start
/// at the snapshot after; runs of other versions that spanned `asOf` are split around it. Every step is one
/// statement over the whole set.
struct PresenceRuns {
    /// The lastSeen of a run that reaches the latest snapshot: after every snapshot date.
    static let open = "9999-12-31"

    let db: Database
    let tenantId: String
    let table: String
    /// The key columns; with a collection, its first column is the collection's name.
    let key: [String]
    /// The temporary tables' names end with it: `stagedObject`, `openedObject`, `closedObject`.
    let staging: String

    static func objects(_ db: Database, tenantId: String) -> PresenceRuns {
        PresenceRuns(db: db, tenantId: tenantId, table: "tenantPresence", key: ["collection", "versionKey"], staging: "Object")
    }

    static func holdings(_ db: Database, tenantId: String) -> PresenceRuns {
        PresenceRuns(db: db, tenantId: tenantId, table: "holdingPresence", key: ["holdingKey"], staging: "Holding")
    }

    private var columns: String { key.joined(separator: ", ") }

    /// Empties the temporary tables; `stage` then fills them.
    func prepare() throws {
        let definition = key.count == 2 ? "(collection TEXT NOT NULL, versionKey INTEGER NOT NULL, PRIMARY KEY (collection, versionKey))"
                                        : "(holdingKey INTEGER PRIMARY KEY)"
        for kind in ["staged", "opened", "closed"] {
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS \(kind)\(staging) \(definition); DELETE FROM temp.\(kind)\(staging)")
        }
    }

    enum Stage: String { case staged, opened, closed }

    /// Adds keys (ascending, for appends to the temporary table's index) to one of the temporary tables.
    func stage(_ keys: [Int64], as stage: Stage, collection: String? = nil) throws {
        let statement = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.\(stage.rawValue)\(staging) (\(columns)) VALUES (\(collection == nil ? "?" : "?, ?"))")
        for key in keys {
            try statement.run(direct: collection.map { [.text($0), .integer(key)] } ?? [.integer(key)])
        }
    }

    /// A snapshot after the tenant's latest one (dated `previous`): the closed versions' runs end at
    /// `previous`, the opened ones start open runs on `date`.
    func append(asOf date: String, after previous: String) throws {
        try db.execute(sql: """
            UPDATE \(table) SET lastSeen = ?
            WHERE (\(columns)) IN (SELECT \(columns) FROM temp.closed\(staging)) AND tenantId = ? AND lastSeen = ?
            """, arguments: [previous, tenantId, Self.open])
        try db.execute(sql: """
            INSERT INTO \(table) (\(columns), tenantId, firstSeen, lastSeen) SELECT \(columns), ?, ?, ? FROM temp.opened\(staging)
            """, arguments: [tenantId, date, Self.open])
    }

    /// Any snapshot, with every version it holds staged.
    func record(asOf date: String) throws {
        let previous = try String.fetchOne(db, sql: "SELECT max(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf < ?", arguments: [tenantId, date])
        let next = try String.fetchOne(db, sql: "SELECT min(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf > ?", arguments: [tenantId, date])
        let isStaged = "EXISTS (SELECT 1 FROM temp.staged\(staging) s WHERE \(same("s", "p")))"
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
            if next == nil {
                // The latest snapshot until now: its runs are open, and those of versions absent now close.
                try db.execute(sql: "UPDATE \(table) AS p SET lastSeen = ? WHERE tenantId = ? AND lastSeen = ? AND NOT \(isStaged)",
                               arguments: [previous, tenantId, Self.open])
            } else {
                // Present before and now: the run goes on to this date.
                try db.execute(sql: "UPDATE \(table) AS p SET lastSeen = ? WHERE tenantId = ? AND lastSeen = ? AND \(isStaged)",
                               arguments: [date, tenantId, previous])
            }
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
        // Present now and in neither neighbour: a run of this date, open if it is the latest.
        try db.execute(sql: """
            INSERT INTO \(table) (\(columns), tenantId, firstSeen, lastSeen)
            SELECT \(key.map { "s.\($0)" }.joined(separator: ", ")), ?, ?, ? FROM temp.staged\(staging) s
            WHERE NOT EXISTS (SELECT 1 FROM \(table) p WHERE \(same("p", "s")) AND p.firstSeen <= ? AND p.lastSeen >= ?)
            """, arguments: [tenantId, date, next == nil ? Self.open : date, date, date])
    }

    /// `a` and `b` name the same version.
    private func same(_ a: String, _ b: String) -> String {
        key.map { "\(a).\($0) = \(b).\($0)" }.joined(separator: " AND ")
    }
}
