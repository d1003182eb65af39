import PermAuditStore

/// A report or diff read from a snapshot that `sync --accept-incomplete` made says so, on stderr, whatever
/// --quiet says: its answer may be missing objects. The flagged snapshots are returned: `--fail-on` fails on them.
enum FlaggedSnapshotWarning {
    @discardableResult
    static func warn(_ database: AppDatabase, snapshots: [TenantSnapshotSummary]) throws -> [TenantSnapshotSummary] {
        let flagged = try database.flaggedTenantSnapshots()
        guard !flagged.isEmpty else { return [] }
        var warned: [TenantSnapshotSummary] = []
        for snapshot in snapshots {
            guard let problem = flagged[snapshot.id], !warned.contains(where: { $0.id == snapshot.id }) else { continue }
            Console.error("warning: tenant snapshot \(snapshot.id) (\(snapshot.tenantId), \(snapshot.asOf)) was made by permaudit sync "
                + "from incomplete collections: \(problem)")
            warned.append(snapshot)
        }
        return warned
    }

    /// The latest snapshot of each tenant: what a report reads.
    @discardableResult
    static func warnLatest(_ database: AppDatabase) throws -> [TenantSnapshotSummary] {
        var latest: [String: TenantSnapshotSummary] = [:]
        for snapshot in try database.tenantSnapshots() { latest[snapshot.tenantId] = snapshot } // ordered by tenant, asOf
        return try warn(database, snapshots: latest.values.sorted { $0.id < $1.id })
    }

    /// `--fail-on` cannot pass on a snapshot that may be missing objects: one line, exit 1.
    static func refuse(_ flagged: [TenantSnapshotSummary], failOn: [String]) throws {
        guard !failOn.isEmpty, let first = flagged.first else { return }
        throw GateFailure(message: "--fail-on: tenant snapshot \(first.id) (\(first.tenantId), \(first.asOf)) is flagged incomplete "
            + "(permaudit sync --accept-incomplete), so no rule can pass on it; sync the tenant again, complete")
    }
}
