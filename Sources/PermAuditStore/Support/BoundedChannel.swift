import Foundation

/// Hands values from a producer thread to the thread that consumes them, holding at most `capacity` at a
/// time: a fast producer waits for a slow consumer instead of filling memory. Values arrive in the order
/// sent; a producer's error arrives after them. A consumer that stops early closes the channel, and the
/// producer's next `send` returns false.
public final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    // Every stored property below is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var capacity: Int
    private var items: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private var closed = false
    private let producerDone = DispatchSemaphore(value: 0)

    private init(capacity: Int) {
        self.capacity = capacity
    }

    /// Runs `produce` on a thread of its own, sending into the channel returned.
    public static func producing(capacity: Int, _ produce: @escaping @Sendable (BoundedChannel) throws -> Void) -> BoundedChannel {
        let channel = BoundedChannel(capacity: capacity)
        let thread = Thread {
            do {
                try produce(channel)
                channel.finish(throwing: nil)
            } catch {
                channel.finish(throwing: error)
            }
            channel.producerDone.signal()
        }
        // Producers may recurse (the import's decoders into nested JSON): the main thread's stack size.
        thread.stackSize = 8 << 20
        thread.start()
        return channel
    }

    /// False when the consumer has closed the channel: the producer should stop.
    public func send(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next value; nil once the producer is done. Throws the producer's error in its place.
    public func receive() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard items.isEmpty else {
            condition.broadcast()
            return items.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Holds at most `capacity` values from now on: a producer started ahead of its consumer may fill a
    /// larger buffer first, then keep to a small one. Values already held stay.
    public func limit(to capacity: Int) {
        condition.lock()
        self.capacity = capacity
        condition.unlock()
    }

    /// Stops the producer (its next `send` returns false) and waits until it has returned.
    public func closeAndWait() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        producerDone.wait()
    }

    private func finish(throwing error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }
}
