import GRDB

/// Keeps a presence table right (`tenantPresence` for objects, `holdingPresence` for holdings) when a
/// snapshot dated `asOf` joins a tenant's history, whatever the order snapshots are imported in. A run that
/// reaches the tenant's latest snapshot is open (lastSeen `open`, migration 0019).
///
/// A snapshot after the latest (`append`) writes only its changes: the runs of versions it no longer holds
/// are closed at the snapshot before it, and its new versions open runs. One before the latest (`record`)
/// stages every version it holds: they become present on `asOf`, joining the runs that end at the snapshot before or start
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
    /// The staged table's name ends with it: `stagedObject`, `stagedHolding`.
    let staging: String

    static func objects(_ db: Database, tenantId: String) -> PresenceRuns {
        PresenceRuns(db: db, tenantId: tenantId, table: "tenantPresence", key: ["collection", "versionKey"], staging: "Object")
    }

    static func holdings(_ db: Database, tenantId: String) -> PresenceRuns {
        PresenceRuns(db: db, tenantId: tenantId, table: "holdingPresence", key: ["holdingKey"], staging: "Holding")
    }

    private var columns: String { key.joined(separator: ", ") }

    /// A snapshot after every other of the tenant (the first, or one after `previous`, the latest until now):
    /// the runs of the `closed` versions end at `previous`, the `opened` ones start open runs on `date`. Only
    /// these rows are written; the runs of the versions both snapshots hold stay open as they are.
    func append(asOf date: String, after previous: String?, opened: [Int64], closed: [Int64], collection: String? = nil) throws {
        // By the primary key: `+` keeps SQLite from the (tenantId, lastSeen) index, where every open run matches.
        let keyed = key.map { "\($0) = ?" }.joined(separator: " AND ")
        let close = try db.makeStatement(sql: "UPDATE \(table) SET lastSeen = ? WHERE \(keyed) AND +tenantId = ? AND +lastSeen = ?")
        for version in closed {
            try close.run(direct: [.text(previous)] + keyValues(version, collection) + [.text(tenantId), .text(Self.open)])
        }
        let open = try db.makeStatement(sql: """
            INSERT INTO \(table) (\(columns), tenantId, firstSeen, lastSeen) VALUES (\(key.map { _ in "?" }.joined(separator: ", ")), ?, ?, ?)
            """)
        for version in opened {
            try open.run(direct: keyValues(version, collection) + [.text(tenantId), .text(date), .text(Self.open)])
        }
    }

    /// With `append`: the versions this import added (those of `source` from `firstKey` on) open runs on
    /// `date`, in one statement: the first import of a million grants writes as many runs.
    func openRuns(ofVersionsIn source: String, from firstKey: Int64, asOf date: String, collection: String? = nil) throws {
        let version = key.last!
        try db.execute(sql: """
            INSERT INTO \(table) (\(columns), tenantId, firstSeen, lastSeen)
            SELECT \(collection == nil ? "" : "?, ")\(version), ?, ?, ? FROM \(source) WHERE \(version) >= ? ORDER BY \(version)
            """, arguments: StatementArguments((collection.map { [$0] } ?? []) as [any DatabaseValueConvertible] + [tenantId, date, Self.open, firstKey]))
    }

    private func keyValues(_ version: Int64, _ collection: String?) -> [DirectValue] {
        collection.map { [.text($0), .integer(version)] } ?? [.integer(version)]
    }

    /// Empties the staged table, which `stage` then fills for `record`.
    func prepare() throws {
        let definition = key.count == 2 ? "(collection TEXT NOT NULL, versionKey INTEGER NOT NULL, PRIMARY KEY (collection, versionKey))"
                                        : "(holdingKey INTEGER PRIMARY KEY)"
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS staged\(staging) \(definition); DELETE FROM temp.staged\(staging)")
    }

    /// Adds versions a snapshot holds (ascending, for appends to the staged table's index) for `record`.
    func stage(_ versions: [Int64], collection: String? = nil) throws {
        let statement = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.staged\(staging) (\(columns)) VALUES (\(collection == nil ? "?" : "?, ?"))")
        for version in versions {
            try statement.run(direct: keyValues(version, collection))
        }
    }

    /// A snapshot before the tenant's latest one (`next` is the snapshot after it, `previous` the one
    /// before, if any), with every version it holds staged.
    func record(asOf date: String, after previous: String?, before next: String) throws {
        let isStaged = "EXISTS (SELECT 1 FROM temp.staged\(staging) s WHERE \(same("s", "p")))"
        if let previous {
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
            // Present before and now: the run goes on to this date.
            try db.execute(sql: "UPDATE \(table) AS p SET lastSeen = ? WHERE tenantId = ? AND lastSeen = ? AND \(isStaged)",
                           arguments: [date, tenantId, previous])
        }
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
        // Present now and in neither neighbour: a run of this date alone.
        try db.execute(sql: """
            INSERT INTO \(table) (\(columns), tenantId, firstSeen, lastSeen)
            SELECT \(key.map { "s.\($0)" }.joined(separator: ", ")), ?, ?, ? FROM temp.staged\(staging) s
            WHERE NOT EXISTS (SELECT 1 FROM \(table) p WHERE \(same("p", "s")) AND p.firstSeen <= ? AND p.lastSeen >= ?)
            """, arguments: [tenantId, date, date, date, date])
    }

    /// `a` and `b` name the same version.
    private func same(_ a: String, _ b: String) -> String {
        key.map { "\(a).\($0) = \(b).\($0)" }.joined(separator: " AND ")
    }
}
