/// One pause shared by every worker: Graph's limits are per app and tenant, so when one request is told to
/// wait, all of them wait, once, instead of each hammering Graph again.
public actor ThrottleGate {
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    private let sleeper: Sleeper
    private var pause: Task<Void, Never>?
    /// Every wait taken, for the run's record and for tests.
    public private(set) var waits: [Duration] = []

    public init(sleeper: @escaping Sleeper) {
        self.sleeper = sleeper
    }

    /// Starts a pause of `duration` unless one is already running, then waits for it to end.
    public func pause(for duration: Duration) async {
        if pause == nil {
            waits.append(duration)
            let sleeper = sleeper
            pause = Task { try? await sleeper(duration) }
        }
        await waitIfPaused()
    }

    /// Waits for the running pause, if any.
    public func waitIfPaused() async {
        guard let running = pause else { return }
        await running.value
        if pause == running { pause = nil }
    }
}
