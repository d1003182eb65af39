import Foundation

/// One value handed from one thread to another that waits for it: given once, or withdrawn (the waiter then
/// gets nil).
public final class Handoff<Value: Sendable>: @unchecked Sendable {
    // Both stored properties are read and written only with `condition` locked.
    private let condition = NSCondition()
    private var value: Value?
    private var withdrawn = false

    public init() {}

    /// Gives the value, unless it was withdrawn first.
    public func give(_ value: Value) {
        condition.withLock {
            if self.value == nil && !withdrawn { self.value = value }
            condition.broadcast()
        }
    }

    /// Ends the wait with nil, and lets the value go (its memory is not kept to the handoff's end).
    public func withdraw() {
        condition.withLock {
            withdrawn = true
            value = nil
            condition.broadcast()
        }
    }

    /// The value once given; nil once withdrawn. The waiter keeps what it was given: `withdraw` comes when the
    /// value is no longer needed.
    public func wait() -> Value? {
        condition.withLock {
            while value == nil && !withdrawn { condition.wait() }
            return value
        }
    }
}
