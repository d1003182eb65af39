import Foundation
import PermAuditStore
import PermAuditSync

/// A sync: organization, then service principals and grants side by side, then the app role assignments of
/// each service principal that publishes app roles; a snapshot only when every collection is complete.
public struct GraphSync: Sendable {
    let client: GraphClient
    let database: AppDatabase
    let options: SyncOptions
    /// How many resources' assignments are read at once (requests are bounded by the client as well).
    let concurrency: Int
    let progress: SyncProgress?

    public init(client: GraphClient, database: AppDatabase, options: SyncOptions, concurrency: Int = 4, progress: SyncProgress? = nil) {
        self.client = client
        self.database = database
        self.options = options
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }

    public func run() async throws -> SyncOutcome {
        let organization = CollectionSpec.organization(client.endpoint)
        let organizationPage = try await client.page(organization.firstURL, eventual: false, permission: organization.permission)
        let identity = try TenantIdentity(page: organizationPage)
        try identity.check(given: options.tenant, token: client.token)
        let (run, resumed) = try startOrResume(tenantId: identity.id)
        let reader = CollectionReader(client: client, database: database, run: run.id, progress: progress)
        do {
            try reader.keep(organization, page: organizationPage)
            async let principals = reader.read(.servicePrincipals(client.endpoint))
            async let grants = reader.read(.grants(client.endpoint))
            if try await principals == "complete" {
                try await readAssignments(reader, run: run.id)
            }
            _ = try await grants
        } catch {
            try database.finishSyncRun(run.id, status: "failed", problem: (error as? SyncError)?.description ?? "\(error)")
            throw error
        }
        return try await finish(run, resumed: resumed)
    }

    /// The newest unfinished run of this Graph and tenant with `--resume`, else a new run dated today.
    private func startOrResume(tenantId: String) throws -> (SyncRunRecord, resumed: Bool) {
        let graphUrl = client.endpoint.base.absoluteString
        if options.resume, let run = try database.resumableSyncRun(graphUrl: graphUrl), run.tenantId == tenantId {
            if run.status == "running", SyncRunProcess.isAlive(run) {
                throw SyncError(.configuration, "sync run \(run.id) is still running (process \(run.pid ?? 0)): let it finish, or stop it first")
            }
            try database.resumeSyncRun(run.id, pid: SyncRunProcess.pid, host: SyncRunProcess.host)
            return (run, true)
        }
        let id = try database.startSyncRun(graphUrl: graphUrl, tenantId: tenantId, asOf: AsOfDate.today(),
                                           pid: SyncRunProcess.pid, host: SyncRunProcess.host)
        guard let run = try database.syncRuns().first(where: { $0.id == id }) else { throw SyncError(.remote, "sync run \(id) not recorded") }
        return (run, false)
    }

    /// One listing per service principal with app roles, `concurrency` at a time.
    private func readAssignments(_ reader: CollectionReader, run: Int64) async throws {
        let resources = try StagedPages(database: database, run: run).resourcesWithAppRoles()
        try await withThrowingTaskGroup(of: String.self) { group in
            var pending = resources.makeIterator()
            for _ in 0..<concurrency {
                guard let resource = pending.next() else { break }
                group.addTask { try await reader.read(.assignedTo(client.endpoint, resource: resource)) }
            }
            while try await group.next() != nil {
                guard let resource = pending.next() else { continue }
                group.addTask { try await reader.read(.assignedTo(client.endpoint, resource: resource)) }
            }
        }
    }

    /// Makes the snapshot when every collection is complete (or flagged, when incomplete ones are accepted).
    private func finish(_ run: SyncRunRecord, resumed: Bool) async throws -> SyncOutcome {
        let collections = try database.syncCollections(run: run.id)
        let incomplete = collections.filter { !["complete", "vanished"].contains($0.status) }
        var snapshot: TenantImportOutcome?
        let problem = incomplete.isEmpty ? nil : incomplete.map { "\($0.name): \($0.problem ?? $0.status)" }.joined(separator: "; ")
        if incomplete.isEmpty || options.acceptIncomplete {
            let staged = StagedPages(database: database, run: run.id)
            do {
                snapshot = try staged.importSnapshot(tenantId: run.tenantId, asOf: run.asOf, saveTo: options.saveJSON)
            } catch StoreError.tenantSnapshotConflict(let tenant, let asOf) {
                // One snapshot a tenant and date: today's is kept, and so are this run's pages.
                let problem = "tenant \(tenant) already has a different snapshot as of \(asOf) (synced or imported today); "
                    + "it is kept, and a sync tomorrow records the change"
                try database.finishSyncRun(run.id, status: "failed", problem: problem)
                throw SyncError(.configuration, problem)
            } catch {
                // Staged pages stay: the run can be imported once the cause is fixed.
                try database.finishSyncRun(run.id, status: "failed", problem: String(describing: error))
                throw error
            }
            try database.finishSyncRun(run.id, status: incomplete.isEmpty ? "complete" : "incomplete", snapshotKey: snapshot?.snapshotId,
                                       flagged: !incomplete.isEmpty, problem: problem)
        } else {
            try database.finishSyncRun(run.id, status: "incomplete", problem: problem)
        }
        let record = try database.syncRuns().first { $0.id == run.id } ?? run
        return SyncOutcome(run: record, collections: try database.syncCollections(run: run.id), snapshot: snapshot,
                           requests: await client.tally.requests, retries: await client.tally.retries, resumed: resumed)
    }
}
