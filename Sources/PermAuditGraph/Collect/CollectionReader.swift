import Foundation
import PermAuditStore

/// Reads one collection page by page into the run's staging, then judges it: complete only when the listing
/// ended without a nextLink, no request was abandoned, and the unique objects received lie between Graph's
/// counts at start and end. Otherwise it is read once more from the start, then recorded incomplete.
struct CollectionReader: Sendable {
    let client: GraphClient
    let database: AppDatabase
    let run: Int64
    var progress: SyncProgress?

    /// Reads after which a collection is given up (incomplete); page-token losses restart it up to this too.
    static let maxReads = 3
    /// Count mismatches tolerated before incomplete: the first one reads again.
    static let maxMismatchReads = 2

    /// Reads `spec` unless the run has it complete already; returns its final status.
    func read(_ spec: CollectionSpec) async throws -> String {
        try database.addSyncCollection(run: run, name: spec.name, firstUrl: spec.firstURL.absoluteString)
        var record = try current(spec)
        if ["complete", "vanished"].contains(record.status) { return record.status }
        if record.status == "incomplete" {
            try database.restartSyncCollection(run: run, collection: spec.name)
            record = try current(spec)
        }
        while true {
            let verdict: Verdict
            do {
                verdict = try await readOnce(spec)
            } catch let error as SyncError where error.kind == .pageTokenExpired && record.reads < Self.maxReads {
                try database.restartSyncCollection(run: run, collection: spec.name)
                record = try current(spec)
                continue
            } catch let error as SyncError where error.kind != .configuration {
                if spec.mayVanish && error.kind == .notFound {
                    try finish(spec, "vanished", unique: 0, end: nil, problem: nil)
                    return "vanished"
                }
                // The cursor stays where the last answered page left it: --resume continues from there.
                try finish(spec, "abandoned", unique: nil, end: nil, problem: error.description)
                return "abandoned"
            }
            if verdict.problem == nil {
                try finish(spec, "complete", unique: verdict.unique, end: verdict.end, problem: nil)
                return "complete"
            }
            if record.reads >= Self.maxMismatchReads {
                try finish(spec, "incomplete", unique: verdict.unique, end: verdict.end, problem: verdict.problem)
                return "incomplete"
            }
            try database.restartSyncCollection(run: run, collection: spec.name)
            record = try current(spec)
        }
    }

    /// Keeps a one-page collection already read (the organization, read first to learn the tenant) without reading it again.
    func keep(_ spec: CollectionSpec, page: GraphPage) throws {
        try database.addSyncCollection(run: run, name: spec.name, firstUrl: spec.firstURL.absoluteString)
        let record = try current(spec)
        guard record.status != "complete", page.nextLink == nil else { return }
        if record.pages > 0 { try database.restartSyncCollection(run: run, collection: spec.name) }
        try database.stageSyncPage(run: run, collection: spec.name, body: page.body, itemCount: page.itemCount, nextUrl: nil)
        try finish(spec, "complete", unique: Set(page.ids).count, end: nil, problem: nil)
    }

    /// The ids received, each kept as its 64-bit hash: a million grant ids take ~16 MB instead of ~100 MB. Two ids
    /// with one hash (for a million ids, about one chance in 40 million) would count once: short of Graph's count,
    /// so the collection reads as incomplete, the safe side.
    private struct UniqueIds {
        private var hashes: Set<Int> = []
        var count: Int { hashes.count }

        mutating func add(_ ids: [String]) {
            for id in ids { hashes.insert(id.hashValue) }
        }
    }

    private struct Verdict {
        var unique: Int
        var end: Int?
        var problem: String?
    }

    /// One pass from the saved cursor to the end of the listing.
    private func readOnce(_ spec: CollectionSpec) async throws -> Verdict {
        var record = try current(spec)
        if record.expectedStart == nil, let countURL = spec.countURL {
            let count = try await client.count(countURL, permission: spec.permission)
            try database.setSyncExpectedStart(run: run, collection: spec.name, count: count)
            record.expectedStart = count
        }
        var ids = UniqueIds()
        try database.forEachSyncPage(run: run, collection: spec.name) { ids.add(GraphPage(body: $0.body)?.ids ?? []) }
        var visited: Set<String> = []
        var next = record.nextUrl.flatMap(URL.init(string:))
        while let url = next {
            guard visited.insert(url.absoluteString).inserted else {
                throw SyncError(.remote, "\(spec.name): Graph sent the same next page twice, so the listing would never end")
            }
            let page = try await client.page(url, eventual: spec.eventual, permission: spec.permission)
            if spec.countInFirstPage, record.pages == 0, let count = page.count {
                try database.setSyncExpectedStart(run: run, collection: spec.name, count: count)
                record.expectedStart = count
            }
            try database.stageSyncPage(run: run, collection: spec.name, body: page.body, itemCount: page.itemCount,
                                       nextUrl: page.nextLink?.absoluteString)
            record.pages += 1
            ids.add(page.ids)
            await progress?.staged(page.itemCount, in: spec.name, tally: client.tally)
            next = page.nextLink
        }
        let end = try await endCount(spec, start: record.expectedStart)
        return Verdict(unique: ids.count, end: end, problem: Self.mismatch(unique: ids.count, start: record.expectedStart, end: end))
    }

    private func endCount(_ spec: CollectionSpec, start: Int?) async throws -> Int? {
        guard let countURL = spec.countURL else { return start }
        return try await client.count(countURL, permission: spec.permission)
    }

    /// Why the objects received do not match Graph's counts; nil when they do (or when Graph gave no count).
    static func mismatch(unique: Int, start: Int?, end: Int?) -> String? {
        guard let start, let end else { return nil }
        guard unique < min(start, end) || unique > max(start, end) else { return nil }
        let expected = start == end ? "\(start)" : "between \(min(start, end)) and \(max(start, end))"
        return "received \(unique) unique objects, Graph counts \(expected)"
    }

    private func current(_ spec: CollectionSpec) throws -> SyncCollectionRecord {
        guard let record = try database.syncCollection(run: run, name: spec.name) else {
            throw SyncError(.remote, "\(spec.name): its record is missing from the run")
        }
        return record
    }

    private func finish(_ spec: CollectionSpec, _ status: String, unique: Int?, end: Int?, problem: String?) throws {
        try database.finishSyncCollection(run: run, collection: spec.name, status: status, uniqueReceived: unique, expectedEnd: end, problem: problem)
    }
}
