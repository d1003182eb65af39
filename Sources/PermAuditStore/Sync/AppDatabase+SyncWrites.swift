import Foundation
import GRDB

/// A sync's staging: each write is one transaction, so a killed run keeps every page committed before it.
extension AppDatabase {
    /// Starts a run in process `pid` on `host`; returns its id.
    public func startSyncRun(graphUrl: String, tenantId: String, asOf: String, pid: Int32, host: String) throws -> Int64 {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO syncRun (graphUrl, tenantId, asOf, startedAt, status, pid, host) VALUES (?, ?, ?, ?, 'running', ?, ?)
                """, arguments: [graphUrl, tenantId, asOf, Self.now(), pid, host])
            return db.lastInsertedRowID
        }
    }

    /// Marks a run resumed by process `pid` on `host`: running again, its last problem cleared.
    public func resumeSyncRun(_ run: Int64, pid: Int32, host: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE syncRun SET status = 'running', problem = NULL, finishedAt = NULL, pid = ?, host = ? WHERE id = ?",
                           arguments: [pid, host, run])
        }
    }

    /// Adds a collection to read, unless the run has it already (a resumed run keeps its cursor).
    public func addSyncCollection(run: Int64, name: String, firstUrl: String) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO syncCollection (runKey, name, firstUrl, nextUrl, status) VALUES (?, ?, ?, ?, 'reading')
                ON CONFLICT (runKey, name) DO NOTHING
                """, arguments: [run, name, firstUrl, firstUrl])
        }
    }

    /// Graph's count before the listing, kept so a resumed read compares against the same start.
    public func setSyncExpectedStart(run: Int64, collection: String, count: Int) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE syncCollection SET expectedStart = ? WHERE runKey = ? AND name = ?",
                           arguments: [count, run, collection])
        }
    }

    /// Stores a page and moves the collection's cursor past it, in one transaction.
    public func stageSyncPage(run: Int64, collection: String, body: Data, itemCount: Int, nextUrl: String?) throws {
        try writer.write { db in
            let number = try Int.fetchOne(db, sql: "SELECT pages FROM syncCollection WHERE runKey = ? AND name = ?",
                                          arguments: [run, collection]) ?? 0
            try db.execute(sql: "INSERT INTO syncPage (runKey, collection, pageNumber, itemCount, body) VALUES (?, ?, ?, ?, ?)",
                           arguments: [run, collection, number + 1, itemCount, body])
            try db.execute(sql: """
                UPDATE syncCollection SET nextUrl = ?, pages = pages + 1, received = received + ? WHERE runKey = ? AND name = ?
                """, arguments: [nextUrl, itemCount, run, collection])
        }
    }

    /// Drops a collection's pages and points it at its first page again, for another read.
    public func restartSyncCollection(run: Int64, collection: String) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM syncPage WHERE runKey = ? AND collection = ?", arguments: [run, collection])
            try db.execute(sql: """
                UPDATE syncCollection SET nextUrl = firstUrl, pages = 0, received = 0, uniqueReceived = NULL, expectedStart = NULL,
                    expectedEnd = NULL, reads = reads + 1, status = 'reading', problem = NULL
                WHERE runKey = ? AND name = ?
                """, arguments: [run, collection])
        }
    }

    /// Records how a collection's read ended.
    public func finishSyncCollection(run: Int64, collection: String, status: String, uniqueReceived: Int?, expectedEnd: Int?,
                                     problem: String?) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE syncCollection SET status = ?, uniqueReceived = ?, expectedEnd = ?, problem = ? WHERE runKey = ? AND name = ?
                """, arguments: [status, uniqueReceived, expectedEnd, problem, run, collection])
        }
    }

    /// Ends a run; a run that made a snapshot drops its staged pages (the snapshot holds them now).
    public func finishSyncRun(_ run: Int64, status: String, snapshotKey: Int64? = nil, flagged: Bool = false, problem: String? = nil) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE syncRun SET status = ?, snapshotKey = ?, flagged = ?, problem = ?, finishedAt = ? WHERE id = ?
                """, arguments: [status, snapshotKey, flagged, problem, Self.now(), run])
            if snapshotKey != nil {
                try db.execute(sql: "DELETE FROM syncPage WHERE runKey = ?", arguments: [run])
            }
        }
    }

    private static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
