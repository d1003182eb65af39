import Foundation
import GRDB

extension AppDatabase {
    /// Every run, newest first; none in a database made before syncs existed (opened read-only, unmigrated).
    public func syncRuns() throws -> [SyncRunRecord] {
        try writer.read { db in
            guard try db.tableExists("syncRun") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM syncRun ORDER BY id DESC").map(Self.run)
        }
    }

    /// The newest run against `graphUrl` that did not make a snapshot: what `--resume` continues.
    public func resumableSyncRun(graphUrl: String) throws -> SyncRunRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM syncRun WHERE graphUrl = ? AND snapshotKey IS NULL AND status <> 'complete' ORDER BY id DESC LIMIT 1
                """, arguments: [graphUrl]).map(Self.run)
        }
    }

    /// A run's collections, in the order they were added.
    public func syncCollections(run: Int64) throws -> [SyncCollectionRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM syncCollection WHERE runKey = ? ORDER BY rowid", arguments: [run]).map(Self.collection)
        }
    }

    /// One collection of a run, if the run has it.
    public func syncCollection(run: Int64, name: String) throws -> SyncCollectionRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM syncCollection WHERE runKey = ? AND name = ?", arguments: [run, name]).map(Self.collection)
        }
    }

    private static func collection(_ row: Row) -> SyncCollectionRecord {
        SyncCollectionRecord(name: row["name"], firstUrl: row["firstUrl"], nextUrl: row["nextUrl"], pages: row["pages"],
                             received: row["received"], uniqueReceived: row["uniqueReceived"], expectedStart: row["expectedStart"],
                             expectedEnd: row["expectedEnd"], reads: row["reads"], status: row["status"], problem: row["problem"])
    }

    /// A run's staged pages of one collection, or of all (collection order, then page order), one at a time:
    /// a large tenant's pages are never all in memory.
    public func forEachSyncPage(run: Int64, collection: String? = nil, _ visit: (SyncPageRecord) throws -> Void) throws {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.collection, p.pageNumber, p.itemCount, p.body FROM syncPage p
                JOIN syncCollection c ON c.runKey = p.runKey AND c.name = p.collection
                WHERE p.runKey = ? AND (? IS NULL OR p.collection = ?)
                ORDER BY c.rowid, p.pageNumber
                """, arguments: [run, collection, collection])
            while let row = try rows.next() {
                try visit(SyncPageRecord(collection: row["collection"], pageNumber: row["pageNumber"], itemCount: row["itemCount"], body: row["body"]))
            }
        }
    }

    /// How many pages a run has staged (all of them are dropped once its snapshot is made).
    public func syncPageCount(run: Int64) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM syncPage WHERE runKey = ?", arguments: [run]) ?? 0 }
    }

    /// The tenant snapshots a sync made from incomplete collections (`--accept-incomplete`), with why; empty
    /// for a database made before syncs existed (opened read-only, unmigrated).
    public func flaggedTenantSnapshots() throws -> [Int64: String] {
        try writer.read { db in
            guard try db.tableExists("syncRun") else { return [:] }
            let rows = try Row.fetchAll(db, sql: "SELECT snapshotKey, problem FROM syncRun WHERE flagged = 1 AND snapshotKey IS NOT NULL")
            return Dictionary(rows.map { ($0["snapshotKey"], $0["problem"] ?? "incomplete") }) { first, _ in first }
        }
    }

    private static func run(_ row: Row) -> SyncRunRecord {
        SyncRunRecord(id: row["id"], graphUrl: row["graphUrl"], tenantId: row["tenantId"], asOf: row["asOf"], startedAt: row["startedAt"],
                      finishedAt: row["finishedAt"], status: row["status"], snapshotKey: row["snapshotKey"], flagged: row["flagged"],
                      problem: row["problem"], pid: row["pid"], host: row["host"])
    }
}
