import PermAuditStore

/// A report or diff read from a snapshot that `sync --accept-incomplete` made says so, on stderr, whatever
/// --quiet says: its answer may be missing objects.
enum FlaggedSnapshotWarning {
    static func warn(_ database: AppDatabase, snapshots: [TenantSnapshotSummary]) throws {
        let flagged = try database.flaggedTenantSnapshots()
        guard !flagged.isEmpty else { return }
        for snapshot in snapshots {
            guard let problem = flagged[snapshot.id] else { continue }
            Console.error("warning: tenant snapshot \(snapshot.id) (\(snapshot.tenantId), \(snapshot.asOf)) was made by permaudit sync "
                + "from incomplete collections: \(problem)")
        }
    }

    /// The latest snapshot of each tenant: what a report reads.
    static func warnLatest(_ database: AppDatabase) throws {
        var latest: [String: TenantSnapshotSummary] = [:]
        for snapshot in try database.tenantSnapshots() { latest[snapshot.tenantId] = snapshot } // ordered by tenant, asOf
        try warn(database, snapshots: latest.values.sorted { $0.id < $1.id })
    }
}
