import Foundation
import PermAuditStore
import PermAuditSync

/// `permaudit sync catalog`: each source downloaded (conditionally) and, when it changed, imported as a
/// snapshot of today by the ordinary importer, in a transaction of its own: a source that fails leaves the
/// others' snapshots made.
public struct CatalogSync: Sendable {
    let database: AppDatabase
    let fetcher: CatalogFetcher
    let feeds: [CatalogFeed]
    /// Signs in to read the tenant's Graph service principal, when its turn comes (a failed sign-in fails that
    /// source alone); nil without a way to sign in (that source is then skipped).
    let graph: (@Sendable () async throws -> GraphClient)?

    public init(database: AppDatabase, transport: any HTTPTransport, feeds: [CatalogFeed], graph: (@Sendable () async throws -> GraphClient)?,
                policy: RetryPolicy = RetryPolicy(), sleeper: @escaping ThrottleGate.Sleeper = { try await Task.sleep(for: $0) }) {
        self.database = database
        self.fetcher = CatalogFetcher(transport: transport, policy: policy, sleeper: sleeper)
        self.feeds = feeds
        self.graph = graph
    }

    /// Every source in turn, each with its outcome; none throws (a failure is its outcome).
    public func run() async -> [CatalogFeedOutcome] {
        let asOf = AsOfDate.today()
        var outcomes: [CatalogFeedOutcome] = []
        for feed in feeds {
            do {
                outcomes.append(try await sync(feed, asOf: asOf))
            } catch {
                let line = (error as? SyncError)?.description ?? String(describing: error)
                outcomes.append(CatalogFeedOutcome(feed: feed.kind, status: .failed, asOf: asOf, detail: line))
            }
        }
        return outcomes
    }

    private func sync(_ feed: CatalogFeed, asOf: String) async throws -> CatalogFeedOutcome {
        let url = feed.url.absoluteString
        let last = try database.catalogFetch(source: feed.kind.rawValue, url: url)
        let outcome = { (status: CatalogFeedOutcome.Status, detail: String) in
            CatalogFeedOutcome(feed: feed.kind, status: status, asOf: asOf, detail: detail)
        }
        guard let answer = try await download(feed, last: last) else {
            return outcome(.skipped, "needs a token (PERMAUDIT_GRAPH_TOKEN, --token-file or --client-id)")
        }
        guard case .body(let body, let etag, let lastModified) = answer else {
            try database.touchCatalogFetch(source: feed.kind.rawValue, url: url)
            return outcome(.unchanged, "not modified since \(last?.changedAt.prefix(10) ?? "?") (304)")
        }
        let sha = SHA256.hex(feed.kind == .servicePrincipal ? Self.canonical(body) : body)
        let (status, detail) = sha == last?.bodySha256
            ? (.unchanged, "same content as on \(last?.changedAt.prefix(10) ?? "?")") : try store(body, of: feed, asOf: asOf)
        // A source kept as it was today is downloaded again tomorrow: its validators are not recorded.
        if status != .kept {
            try database.recordCatalogFetch(source: feed.kind.rawValue, url: url, etag: etag, lastModified: lastModified, bodySha256: sha)
        }
        return outcome(status, detail)
    }

    /// The source's answer: conditional for a public file; the service principal with a token (nil without one).
    private func download(_ feed: CatalogFeed, last: CatalogFetchRecord?) async throws -> CatalogFetcher.Answer? {
        guard feed.kind == .servicePrincipal else { return try await fetcher.fetch(feed.url, etag: last?.etag, lastModified: last?.lastModified) }
        guard let graph else { return nil }
        return .body(try await graph().object(feed.url, permission: "Application.Read.All"), etag: nil, lastModified: nil)
    }

    /// Imports a changed body as today's snapshot, once the importer tells it to be what the source should give.
    private func store(_ body: Data, of feed: CatalogFeed, asOf: String) throws -> (CatalogFeedOutcome.Status, String) {
        let name = feed.fileName(asOf: asOf)
        let kind = try Importer.catalogKind(name: name, bytes: body)
        guard kind == feed.expectedKind else {
            throw SyncError(.remote, "\(feed.url.absoluteString) answered with \(kind.map { "a \($0) file" } ?? "something else"), "
                + "not a \(feed.expectedKind) file")
        }
        let report: ImportReport
        do {
            report = try Importer(database: database).importInputs([(name: name, bytes: body)], asOf: asOf)
        } catch StoreError.snapshotConflict {
            return (.kept, "changed since today's snapshot, which is kept; a run tomorrow records the change")
        }
        let stored = report.outcomes.first.map { $0.effect != .unchanged } ?? report.metadata.first?.created ?? false
        return stored ? (.created, Self.summary(report)) : (.unchanged, "same content as today's snapshot")
    }

    /// Graph's JSON with its keys sorted: Graph gives no validators for an object, and the same object may come
    /// with its properties in another order.
    private static func canonical(_ body: Data) -> Data {
        guard let object = try? JSONSerialization.jsonObject(with: body),
              let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return body }
        return sorted
    }

    /// What the import stored: the snapshot and its entries, or the document and its types.
    private static func summary(_ report: ImportReport) -> String {
        if let catalog = report.outcomes.first {
            return "snapshot \(catalog.snapshotId): \(Plural.count(catalog.entryCount, "entry")) (\(catalog.newVersionCount) new versions)"
        }
        if let metadata = report.metadata.first {
            return "metadata \(metadata.apiVersion) snapshot \(metadata.snapshotId): \(Plural.count(metadata.typeCount, "type"))"
        }
        return "nothing to store"
    }
}

/// How one source of `sync catalog` went.
public struct CatalogFeedOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Downloaded, changed, imported as today's snapshot.
        case created
        /// A 304, or the same bytes as last time: one small request, no snapshot.
        case unchanged
        /// Changed since today's snapshot: that one is kept (one snapshot a source and day).
        case kept
        /// Not read: the service principal without a token.
        case skipped
        case failed
    }

    public var feed: CatalogFeed.Kind
    public var status: Status
    public var asOf: String
    /// One line: what was stored, or why not.
    public var detail: String
}
