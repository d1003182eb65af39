import Foundation
import GRDB

/// What an import did to a tenant's snapshots.
public struct TenantImportOutcome: Sendable, Equatable {
    public var snapshotId: Int64
    public var tenantId: String
    public var asOf: String
    /// False when the same content was already this tenant's snapshot of that date: nothing was written.
    public var created: Bool
    public var servicePrincipalCount: Int
    public var grantCount: Int
    public var assignmentCount: Int
    /// Of these objects, how many came from export elements read before, byte for byte, and so were not
    /// decoded (migration 0028); 0 when nothing was written.
    public var knownElementCount = 0
}

/// The steps of one tenant import, inside the transaction `importExports` opened.
struct TenantWriter {
    let db: Database
    let importedAt: String

    func record(_ stream: TenantStream) throws -> TenantImportOutcome {
        let (tenantId, asOf) = (stream.tenantId, stream.asOf)
        // The same files again, byte for byte: nothing to parse.
        if let stored = try Row.fetchOne(db, sql: "SELECT * FROM tenantSnapshot WHERE tenantId = ? AND asOf = ?", arguments: [tenantId, asOf]),
           (stored["fileSetHash"] as String?) == (try stream.fileSetHash()) {
            return try unchanged(stored)
        }
        return try db.withLargeCache { try write(stream) }
    }

    private func write(_ stream: TenantStream) throws -> TenantImportOutcome {
        let (tenantId, asOf) = (stream.tenantId, stream.asOf)
        let sink = try sink(for: stream)
        try stream.write(sink)
        let previous = try String.fetchOne(db, sql: "SELECT max(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf < ?", arguments: [tenantId, asOf])
        let next = try String.fetchOne(db, sql: "SELECT min(asOf) FROM tenantSnapshot WHERE tenantId = ? AND asOf > ?", arguments: [tenantId, asOf])
        // Whether the latest snapshot, whose presence runs are open, is the one before this.
        let latest = try String.fetchOne(db, sql: "SELECT max(asOf) FROM tenantSnapshot WHERE tenantId = ?", arguments: [tenantId])
        try sink.finishReading(followsLatest: latest.map { $0 < asOf } ?? false)
        let hash = sink.contentHash.hex
        if let stored = try Row.fetchOne(db, sql: "SELECT * FROM tenantSnapshot WHERE tenantId = ? AND asOf = ?", arguments: [tenantId, asOf]) {
            guard stored["contentHash"] as String == hash else {
                throw StoreError.tenantSnapshotConflict(tenantId: tenantId, asOf: asOf)
            }
            // The same content from other files: the snapshot is already there.
            return try unchanged(stored)
        }
        try recordPresence(of: sink, asOf: asOf, after: previous, before: next)
        sink.releaseStoredVersions()
        try HoldingWriter(db: db, tenantId: tenantId).record(&sink.holdings, asOf: asOf, after: previous, before: next)
        try db.execute(sql: """
            INSERT INTO tenantSnapshot (tenantId, asOf, contentHash, importedAt, fileSetHash) VALUES (?, ?, ?, ?, ?)
            """, arguments: [tenantId, asOf, hash, importedAt, try stream.fileSetHash()])
        let snapshotId = db.lastInsertedRowID
        return TenantImportOutcome(
            snapshotId: snapshotId, tenantId: tenantId, asOf: asOf, created: true,
            servicePrincipalCount: sink.servicePrincipalCount, grantCount: sink.grantCount, assignmentCount: sink.assignmentCount,
            knownElementCount: sink.knownElementCount)
    }

    /// The remembered elements are loaded first, and handed over: the export's reader waits for them and reads
    /// while the rest loads, and the sink frees them once the export is read (none is kept here meanwhile).
    private func sink(for stream: TenantStream) throws -> TenantSink {
        let elements = try StoredElements(db, tenantId: stream.tenantId)
        stream.elementsLoaded(elements)
        return try TenantSink(db: db, tenantId: stream.tenantId, elements: elements)
    }

    /// After every other snapshot of the tenant, only the changes are written: the versions the latest held
    /// and this one does not, and the ones this one holds that the latest did not (new, or back). Before the
    /// latest, every version it holds is staged.
    private func recordPresence(of sink: TenantSink, asOf: String, after previous: String?, before next: String?) throws {
        for versions in [sink.servicePrincipals, sink.grants, sink.assignments] {
            let presence = try PresenceRuns.objects(db, tenantId: sink.tenantId, collection: versions.collection)
            if let next {
                try presence.prepare()
                try presence.stage(versions.held + added(versions))
                try presence.record(asOf: asOf, after: previous, before: next)
            } else {
                try presence.append(asOf: asOf, after: previous, opened: versions.reopened, closed: versions.closed)
                try presence.openRuns(ofVersionsIn: versions.table, from: versions.firstNewKey, asOf: asOf)
            }
        }
    }

    /// The versions this import added to the collection.
    private func added(_ versions: StoredVersions) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT versionKey FROM \(versions.collection) WHERE versionKey >= ? ORDER BY versionKey",
                           arguments: [versions.firstNewKey])
    }

    private func unchanged(_ snapshot: Row) throws -> TenantImportOutcome {
        let key: Int64 = snapshot["id"]
        func count(_ collection: String) throws -> Int {
            // From the collection's runs: tenantSnapshotObject would make every collection's rows to filter one.
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM tenantSnapshotDay s
                JOIN \(collection)Run p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
                WHERE s.snapshotKey = ?
                """, arguments: [key]) ?? 0
        }
        return TenantImportOutcome(
            snapshotId: key, tenantId: snapshot["tenantId"], asOf: snapshot["asOf"], created: false,
            servicePrincipalCount: try count("servicePrincipal"), grantCount: try count("oauth2PermissionGrant"),
            assignmentCount: try count("appRoleAssignment"))
    }
}
