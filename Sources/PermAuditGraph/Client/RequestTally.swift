/// Counts what a run sent, for its record and its progress line.
public actor RequestTally {
    public private(set) var requests = 0
    public private(set) var retries = 0
    public private(set) var throttledWaits: [Duration] = []

    func request(retry: Bool) {
        requests += 1
        if retry { retries += 1 }
    }

    func throttled(_ wait: Duration) {
        throttledWaits.append(wait)
    }
}
