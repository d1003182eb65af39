import Foundation

/// Maps items on helper threads and hands the values to the caller's thread in the items' order, as each
/// is ready: the caller writes value 1 while the helpers make values 2 and 3. At most `window` values are
/// made ahead of the one being consumed, so a report of a gigabyte is never held whole.
public enum OrderedPipeline {
    public static func run<Item: Sendable, Value: Sendable>(
        _ items: [Item], threads: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int = 4,
        _ transform: @escaping @Sendable (Item) -> Value, consume: (Value) -> Void
    ) {
        let state = State<Value>(count: items.count, window: max(window, 1))
        let helpers = (0..<max(1, min(threads, items.count))).map { _ in
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                while let index = state.take() { state.put(transform(items[index]), at: index) }
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
            return done
        }
        for index in items.indices { consume(state.value(at: index)) }
        for done in helpers { done.wait() }
    }

    /// Which item is next to make, the values made and not yet consumed, and how far the caller has got.
    private final class State<Value>: @unchecked Sendable {
        // Every field is read and written only with `condition` locked.
        private let condition = NSCondition()
        private let count: Int, window: Int
        private var next = 0, consumed = 0
        private var values: [Int: Value] = [:]

        init(count: Int, window: Int) {
            (self.count, self.window) = (count, window)
        }

        /// The next item to make, once it is within the window; nil when every item is taken.
        func take() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while next < count && next >= consumed + window { condition.wait() }
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }

        func put(_ value: Value, at index: Int) {
            condition.lock()
            values[index] = value
            condition.broadcast()
            condition.unlock()
        }

        /// Value `index`, once it is made; the window moves on.
        func value(at index: Int) -> Value {
            condition.lock()
            defer { condition.unlock() }
            while values[index] == nil { condition.wait() }
            consumed = index + 1
            condition.broadcast()
            return values.removeValue(forKey: index)!
        }
    }
}
