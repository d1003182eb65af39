import Foundation
import GRDB

/// What one import did: per catalog series, to the tenant, and per metadata document.
public struct ImportOutcomes: Sendable, Equatable {
    public var catalog: [CatalogImportOutcome]
    public var tenant: TenantImportOutcome?
    public var metadata: [MetadataImportOutcome]
    public var risk: [RiskImportOutcome]
    public var activity: ActivityImportOutcome?
    public var signIns: SignInImportOutcome?
}

extension AppDatabase {
    /// Records catalog snapshots, a tenant snapshot, metadata documents, risk lists and Graph activity in one transaction:
    /// all of it, or nothing. Risk lists come after the catalog, so that they are checked against the catalog
    /// this import brings. Derived data (API path resolutions, the search index) is brought up to date in the same
    /// transaction, so a reader never sees a catalog without them.
    public func importExports(catalog batches: [CatalogBatch], tenant: TenantStream?, metadata documents: [MetadataDocument] = [],
                              risk: [RiskListBatch] = [], activity: ActivityBatch? = nil, signIns: SignInBatch? = nil,
                              importedAt: Date = Date()) throws -> ImportOutcomes {
        let timestamp = ISO8601DateFormatter().string(from: importedAt)
        // No ANALYZE afterwards: partial statistics turned SQLite away from the automatic indexes the
        // report's views rely on (measured: 19 s without statistics, 3 min 42 s with them, 200k grants).
        let inAdvance = ResolutionsInAdvance(paths: ResolutionsInAdvance.paths(of: batches), documents: documents)
        return try writing { db in
            let lastPathSet = try ApiPathResolutions(db: db).lastPathSet()
            let catalog = try batches.map { try CatalogWriter(db: db, importedAt: timestamp).record($0) }
            let tenant = try tenant.map { try TenantWriter(db: db, importedAt: timestamp).record($0) }
            let lists = try RiskWriter(db: db, importedAt: timestamp).record(risk)
            var stored: [(id: Int64, created: Bool, document: MetadataDocument)] = []
            for document in documents {
                let (id, created) = try MetadataWriter(db: db, importedAt: timestamp).record(document)
                stored.append((id, created, document))
            }
            let catalogChanged = catalog.contains { $0.effect != .unchanged }
            if catalogChanged || stored.contains(where: \.created) {
                let known = Dictionary(stored.map { ($0.id, $0.document) }) { first, _ in first }
                let created = Set(stored.filter(\.created).map(\.id))
                let resolved = Dictionary(zip(stored.map(\.id), try inAdvance.wait())) { first, _ in first }
                try ApiPathResolutions(db: db).refresh(created: created, known: known, inAdvance: resolved, pathSetsAfter: lastPathSet)
            }
            let changedSnapshots = catalog.filter { $0.effect != .unchanged }.map(\.snapshotId)
            try CurrentCatalog(db: db).refresh(changedSnapshots: changedSnapshots)
            try PermissionSearchIndex(db: db).rebuild(changedSnapshots: changedSnapshots)
            let metadata = try stored.map { try Self.outcome($0.id, created: $0.created, $0.document, db) }
            let activity = try activity.map { try ActivityWriter(db: db, importedAt: timestamp).record($0) }
            let signIns = try signIns.map { batch in
                let (id, created) = try SignInWriter(db: db, importedAt: timestamp).record(batch)
                return SignInImportOutcome(id: id, created: created, apps: batch.apps.count)
            }
            return ImportOutcomes(catalog: catalog, tenant: tenant, metadata: metadata, risk: lists, activity: activity, signIns: signIns)
        }
    }

    /// One write transaction; a failure of the file itself (not of the data) becomes one clear error.
    private func writing<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(updates)
        } catch let error as DatabaseError {
            if let busy = StoreError(error, path: writer.path) { throw busy }
            guard [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) else { throw error }
            throw StoreError.cannotWrite(path: writer.path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    private static func outcome(_ id: Int64, created: Bool, _ document: MetadataDocument, _ db: Database) throws -> MetadataImportOutcome {
        let (paths, resolved) = try ApiPathResolutions(db: db).counts(snapshotKey: id)
        let properties = document.types.reduce(0) { $0 + $1.members.filter { $0.kind != .enumMember }.count }
        return MetadataImportOutcome(
            snapshotId: id, apiVersion: document.apiVersion, asOf: document.asOf, created: created,
            typeCount: document.types.count, propertyCount: properties, unplacedDescriptions: document.unplacedDescriptions,
            pathCount: paths, resolvedPathCount: resolved)
    }
}
