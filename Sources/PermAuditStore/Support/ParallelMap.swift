import Foundation

/// Maps items on several threads at once, the caller's among them, and returns the values in the items'
/// order. Each extra thread gets the main thread's stack size: decoders recurse into nested input.
public enum ParallelMap {
    public static func map<Item: Sendable, Value: Sendable>(
        _ items: [Item], threads: Int = ProcessInfo.processInfo.activeProcessorCount, _ transform: @escaping @Sendable (Item) -> Value
    ) -> [Value] {
        let work = Work(items: items, transform: transform)
        let helpers = (0..<max(0, min(threads, items.count) - 1)).map { _ in
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                work.run()
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
            return done
        }
        work.run()
        for done in helpers { done.wait() }
        return work.values()
    }

    /// `first` and `second` at once, on two threads.
    public static func both<A: Sendable, B: Sendable>(_ first: @escaping @Sendable () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
        let values = map([true, false]) { isFirst in isFirst ? Either<A, B>.first(first()) : .second(second()) }
        guard case .first(let a) = values[0], case .second(let b) = values[1] else { preconditionFailure("values come in the items' order") }
        return (a, b)
    }

    private enum Either<A: Sendable, B: Sendable>: Sendable {
        case first(A)
        case second(B)
    }

    /// The items not yet taken and the values made so far.
    private final class Work<Item: Sendable, Value: Sendable>: @unchecked Sendable {
        // `next` and `results` are read and written only with `lock` held.
        private let lock = NSLock()
        private let items: [Item]
        private let transform: @Sendable (Item) -> Value
        private var next = 0
        private var results: [Value?]

        init(items: [Item], transform: @escaping @Sendable (Item) -> Value) {
            self.items = items
            self.transform = transform
            results = Array(repeating: nil, count: items.count)
        }

        /// Takes items one at a time until none is left.
        func run() {
            while let index = take() {
                let value = transform(items[index])
                lock.withLock { results[index] = value }
            }
        }

        func values() -> [Value] {
            lock.withLock { results.map { $0! } }
        }

        private func take() -> Int? {
            lock.withLock {
                guard next < items.count else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }
}
