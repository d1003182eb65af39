/// Counts what a run sent, for its record and its progress line.
public actor RequestTally {
    public private(set) var requests = 0
    public private(set) var retries = 0
    public private(set) var throttledWaits: [Duration] = []
    /// Whether Graph has accepted the token once: a 401 after that is a token that expired during the run.
    public private(set) var accepted = false

    func request(retry: Bool) {
        requests += 1
        if retry { retries += 1 }
    }

    func answered() {
        accepted = true
    }

    func throttled(_ wait: Duration) {
        throttledWaits.append(wait)
    }
}
