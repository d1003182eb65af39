import GRDB

/// Keeps a run table right (`servicePrincipalRun`, `oauth2PermissionGrantRun`, `appRoleAssignmentRun` for
/// objects, `holdingRun` for holdings) when a snapshot dated `asOf` joins a tenant's history, whatever the
/// order snapshots are imported in. Runs are of day numbers (AsOfDate.dayNumber) and keyed by the tenant's
/// key (migration 0023); a run that reaches the tenant's latest snapshot is open (lastDay `open`).
///
/// A snapshot after the latest (`append`) writes only its changes: the runs of versions it no longer holds
/// are closed at the snapshot before it, and its new versions open runs. One before the latest (`record`)
/// stages every version it holds: they become present on `asOf`, joining the runs that end at the snapshot before or start
/// at the snapshot after; runs of other versions that spanned `asOf` are split around it. Every step is one
/// statement over the whole set. A holding's runs carry its number of users (migration 0030): a run is of a
/// holding with one count, so a run goes on or joins another only where the counts are equal.
struct PresenceRuns {
    /// The lastDay of a run that reaches the latest snapshot: 9999-12-31, after every snapshot date.
    static let open: Int64 = 2_932_896

    let db: Database
    let tenantKey: Int64
    let table: String
    /// The version key column: `versionKey`, `holdingKey`.
    let key: String
    /// The staged table's name ends with it: `stagedservicePrincipal`, `stagedHolding`.
    let staging: String
    /// Whether each run carries a count (`principalCount`, holdings').
    var counted = false

    private var countColumn: String { counted ? ", principalCount" : "" }

    /// Of runs (or staged rows) `a` and `b`: the same count, where runs carry one.
    private func sameCount(_ a: String, _ b: String) -> String {
        counted ? " AND \(a).principalCount = \(b).principalCount" : ""
    }

    /// The runs of one collection's versions (`servicePrincipal`, `oauth2PermissionGrant`, `appRoleAssignment`).
    static func objects(_ db: Database, tenantId: String, collection: String) throws -> PresenceRuns {
        PresenceRuns(db: db, tenantKey: try TenantKey.interned(db, tenantId: tenantId), table: collection + "Run", key: "versionKey",
                     staging: collection)
    }

    static func holdings(_ db: Database, tenantId: String) throws -> PresenceRuns {
        PresenceRuns(db: db, tenantKey: try TenantKey.interned(db, tenantId: tenantId), table: "holdingRun", key: "holdingKey",
                     staging: "Holding", counted: true)
    }

    /// A snapshot after every other of the tenant (the first, or one after `previous`, the latest until now):
    /// the runs of the `closed` versions end at `previous`, the `opened` ones start open runs on `date`. Only
    /// these rows are written; the runs of the versions both snapshots hold stay open as they are. Where runs
    /// carry a count, `counts` are the opened ones'.
    func append(asOf date: String, after previous: String?, opened: [Int64], counts: [Int64] = [], closed: [Int64]) throws {
        precondition(counts.count == (counted ? opened.count : 0), "a count for each opened run where runs carry one")
        let day = try Self.day(date)
        if let previous, !closed.isEmpty {
            // By the primary key: `+` keeps SQLite from the (tenantKey, lastDay) index, where every open run matches.
            let close = try db.makeStatement(sql: "UPDATE \(table) SET lastDay = ? WHERE \(key) = ? AND +tenantKey = ? AND +lastDay = ?")
            let previousDay = try Self.day(previous)
            for version in closed {
                try close.run(direct: [.integer(previousDay), .integer(version), .integer(tenantKey), .integer(Self.open)])
            }
        }
        let open = try db.makeStatement(sql: """
            INSERT INTO \(table) (\(key), tenantKey, firstDay, lastDay\(countColumn)) VALUES (?, ?, ?, ?\(counted ? ", ?" : ""))
            """)
        for (index, version) in opened.enumerated() {
            try open.run(direct: [.integer(version), .integer(tenantKey), .integer(day), .integer(Self.open)] + (counted ? [.integer(counts[index])] : []))
        }
    }

    /// With `append`: the versions this import added (those of `source` from `firstKey` on) open runs on
    /// `date`, in one statement: the first import of a million grants writes as many runs.
    func openRuns(ofVersionsIn source: String, from firstKey: Int64, asOf date: String) throws {
        precondition(!counted, "runs that carry a count are opened with theirs")
        try db.execute(sql: """
            INSERT INTO \(table) (\(key), tenantKey, firstDay, lastDay)
            SELECT \(key), ?, ?, ? FROM \(source) WHERE \(key) >= ? ORDER BY \(key)
            """, arguments: [tenantKey, try Self.day(date), Self.open, firstKey])
    }

    /// Empties the staged table, which `stage` then fills for `record`.
    func prepare() throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS staged\(staging) (\(key) INTEGER PRIMARY KEY\(counted ? ", principalCount INTEGER NOT NULL" : ""));
            DELETE FROM temp.staged\(staging)
            """)
    }

    /// Adds versions a snapshot holds (ascending, for appends to the staged table's index) for `record`, with
    /// their counts where runs carry one.
    func stage(_ versions: [Int64], counts: [Int64] = []) throws {
        precondition(counts.count == (counted ? versions.count : 0), "a count for each staged version where runs carry one")
        let statement = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO temp.staged\(staging) (\(key)\(countColumn)) VALUES (?\(counted ? ", ?" : ""))
            """)
        for (index, version) in versions.enumerated() {
            try statement.run(direct: [.integer(version)] + (counted ? [.integer(counts[index])] : []))
        }
    }

    /// A snapshot before the tenant's latest one (`next` is the snapshot after it, `previous` the one
    /// before, if any), with every version it holds staged.
    func record(asOf date: String, after previous: String?, before next: String) throws {
        let (day, next) = (try Self.day(date), try Self.day(next))
        // Staged with the run's count, where runs carry one: a run of another count ends as if it were absent.
        let isStaged = "EXISTS (SELECT 1 FROM temp.staged\(staging) s WHERE s.\(key) = p.\(key)\(sameCount("s", "p")))"
        if let previous = try previous.map(Self.day) {
            // Absent on this date: a run over it is cut in two.
            try db.execute(sql: """
                INSERT INTO \(table) (\(key), tenantKey, firstDay, lastDay\(countColumn))
                SELECT \(key), tenantKey, ?, lastDay\(countColumn) FROM \(table) p
                WHERE tenantKey = ? AND firstDay <= ? AND lastDay >= ? AND NOT \(isStaged)
                """, arguments: [next, tenantKey, previous, next])
            try db.execute(sql: """
                UPDATE \(table) AS p SET lastDay = ?
                WHERE tenantKey = ? AND firstDay <= ? AND lastDay >= ? AND NOT \(isStaged)
                """, arguments: [previous, tenantKey, previous, next])
            // Present before and now: the run goes on to this date.
            try db.execute(sql: "UPDATE \(table) AS p SET lastDay = ? WHERE tenantKey = ? AND lastDay = ? AND \(isStaged)",
                           arguments: [day, tenantKey, previous])
        }
        // Present now and after: the later run starts here, or the two runs become one.
        try db.execute(sql: """
            UPDATE \(table) AS p SET lastDay = (
                SELECT q.lastDay FROM \(table) q WHERE q.\(key) = p.\(key) AND q.firstDay = ?\(sameCount("q", "p")))
            WHERE tenantKey = ? AND lastDay = ? AND \(isStaged) AND EXISTS (
                SELECT 1 FROM \(table) q WHERE q.\(key) = p.\(key) AND q.firstDay = ?\(sameCount("q", "p")))
            """, arguments: [next, tenantKey, day, next])
        try db.execute(sql: """
            DELETE FROM \(table) AS p
            WHERE tenantKey = ? AND firstDay = ? AND EXISTS (
                SELECT 1 FROM \(table) q WHERE q.\(key) = p.\(key) AND q.firstDay < ? AND q.lastDay >= ?\(sameCount("q", "p")))
            """, arguments: [tenantKey, next, next, next])
        try db.execute(sql: "UPDATE \(table) AS p SET firstDay = ? WHERE tenantKey = ? AND firstDay = ? AND \(isStaged)",
                       arguments: [day, tenantKey, next])
        // Present now and in neither neighbour: a run of this date alone.
        try db.execute(sql: """
            INSERT INTO \(table) (\(key), tenantKey, firstDay, lastDay\(countColumn))
            SELECT s.\(key), ?, ?, ?\(counted ? ", s.principalCount" : "") FROM temp.staged\(staging) s
            WHERE NOT EXISTS (SELECT 1 FROM \(table) p WHERE p.\(key) = s.\(key) AND p.firstDay <= ? AND p.lastDay >= ?)
            """, arguments: [tenantKey, day, day, day, day])
    }

    /// A snapshot's date as the runs store it; the import validated it, so a failure here is a bug's.
    static func day(_ date: String) throws -> Int64 {
        guard let day = AsOfDate.dayNumber(date) else { throw StoreError.malformedSnapshotDate(date) }
        return day
    }
}
