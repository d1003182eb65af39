import Foundation
import PermAuditGraph
import PermAuditStore
import PermAuditTestSupport

/// The waits a sync asked for, taken instantly: a virtual clock, so no test sleeps for a Retry-After.
final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    var sleeps: [Duration] { lock.withLock { recorded } }

    func sleeper() -> ThrottleGate.Sleeper {
        { [self] duration in lock.withLock { recorded.append(duration) } }
    }
}

/// Runs a sync against a fake Graph over the real HTTP client, on loopback.
enum SyncHarness {
    static func sync(_ fake: FakeGraph, into database: AppDatabase? = nil, options: SyncOptions = SyncOptions(), maxAttempts: Int = 4,
                     deadline: Duration = .seconds(10), sleeps: SleepLog = SleepLog(), token: String = FakeGraph.token,
                     renewToken: (@Sendable () async -> AccessToken?)? = nil, progress: SyncProgress? = nil) async throws -> SyncOutcome {
        try await sync(baseURL: fake.baseURL, into: database, options: options, maxAttempts: maxAttempts, deadline: deadline, sleeps: sleeps,
                       token: token, renewToken: renewToken, progress: progress)
    }

    static func sync(baseURL: String, into database: AppDatabase? = nil, options: SyncOptions = SyncOptions(), maxAttempts: Int = 4,
                     deadline: Duration = .seconds(10), sleeps: SleepLog = SleepLog(), token: String = FakeGraph.token,
                     renewToken: (@Sendable () async -> AccessToken?)? = nil, progress: SyncProgress? = nil) async throws -> SyncOutcome {
        let database = try database ?? AppDatabase.inMemory()
        let transport = AsyncHTTPTransport()
        let client = GraphClient(endpoint: try GraphEndpoint(validating: baseURL, option: "--graph-url"), transport: transport,
                                 token: try AccessToken(token), renewToken: renewToken, policy: RetryPolicy(maxAttempts: maxAttempts, random: { 0.5 }),
                                 deadline: deadline, sleeper: sleeps.sleeper())
        do {
            let outcome = try await GraphSync(client: client, database: database, options: options, progress: progress).run()
            await transport.shutdown()
            return outcome
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    /// The content hash of each tenant snapshot in `database`.
    static func snapshotHashes(_ database: AppDatabase) throws -> [String] {
        try database.query("SELECT contentHash FROM tenantSnapshot ORDER BY id").rows.compactMap {
            if case .text(let text) = $0[0] { return text } else { return nil }
        }
    }

    /// The requests whose path ends with `suffix`.
    static func requests(_ fake: FakeGraph, path suffix: String) -> [FakeRequest] {
        fake.requests.filter { $0.path.hasSuffix(suffix) }
    }
}
