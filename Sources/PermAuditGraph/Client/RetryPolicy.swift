import Foundation

/// How often and how long to retry a request: `Retry-After` when Graph gives one, else exponential backoff
/// with full jitter (a random wait between zero and base·2ⁿ, capped), so workers do not retry in step.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var base: Duration
    public var cap: Duration
    /// A number in 0..<1; injectable so tests know the wait.
    public var random: @Sendable () -> Double

    public init(maxAttempts: Int = 8, base: Duration = .seconds(2), cap: Duration = .seconds(60),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = maxAttempts
        self.base = base
        self.cap = cap
        self.random = random
    }

    /// Statuses worth another try: throttling and the server-side failures Graph documents as transient.
    public static func isRetryable(status: Int) -> Bool {
        [429, 500, 502, 503, 504, 509].contains(status)
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1) when Graph named none.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let ceiling = min(cap, base * Int(pow(2.0, Double(min(attempt - 1, 30)))))
        return ceiling * random()
    }

    /// `Retry-After` in seconds, or an HTTP date; nil when absent or unreadable.
    public static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value), seconds >= 0 { return .seconds(min(seconds, 3600)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(max(0, min(3600, Int(date.timeIntervalSince(now).rounded(.up)))))
    }
}
