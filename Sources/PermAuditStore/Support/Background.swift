import Foundation

/// A value worked out on a thread of its own while the caller goes on; `value()` waits for it.
public final class Background<Value: Sendable>: Sendable {
    private let result = Handoff<Result<Value, any Error>>()

    public init(_ work: @escaping @Sendable () throws -> Value) {
        let result = result
        Thread { result.give(Result { try work() }) }.start()
    }

    /// The value, or the error the work threw.
    public func value() throws -> Value {
        try result.wait()!.get()
    }
}
