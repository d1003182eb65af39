import Foundation
import Testing
@testable import PermAuditStore

@Suite struct BoundedChannelTests {
    struct Stop: Error, Equatable {}

    @Test func valuesArriveInOrderThenTheEnd() throws {
        let channel = BoundedChannel<Int>.producing(capacity: 2) { channel in
            for value in 0..<1000 where !channel.send(value) { return }
        }
        defer { channel.closeAndWait() }
        var received: [Int] = []
        while let value = try channel.receive() { received.append(value) }
        #expect(received == Array(0..<1000))
    }

    @Test func theProducersErrorComesAfterTheValuesSentBeforeIt() throws {
        let channel = BoundedChannel<Int>.producing(capacity: 1) { channel in
            _ = channel.send(1)
            _ = channel.send(2)
            throw Stop()
        }
        defer { channel.closeAndWait() }
        #expect(try channel.receive() == 1)
        #expect(try channel.receive() == 2)
        #expect(throws: Stop.self) { try channel.receive() }
    }

    @Test func aConsumerThatStopsEarlyStopsTheProducer() throws {
        let sent = Counter()
        let channel = BoundedChannel<Int>.producing(capacity: 2) { channel in
            for value in 0..<1_000_000 {
                guard channel.send(value) else { return }
                sent.increment()
            }
        }
        #expect(try channel.receive() == 0)
        channel.closeAndWait()
        // The producer waited for room, then saw the channel closed: it sent a few values, not a million.
        #expect(sent.value <= 4)
    }

    /// A producer started ahead fills the larger buffer, then keeps to the smaller one it is limited to.
    @Test func aLimitedChannelHoldsNoMoreThanItsNewCapacity() throws {
        let sent = Counter()
        let channel = BoundedChannel<Int>.producing(capacity: 8) { channel in
            for value in 0..<100 {
                guard channel.send(value) else { return }
                sent.increment()
            }
        }
        defer { channel.closeAndWait() }
        while sent.value < 8 { Thread.sleep(forTimeInterval: 0.001) }
        channel.limit(to: 2)
        // The eight held drain first; after them the producer keeps at most two ahead of the consumer.
        for expected in 0..<20 {
            #expect(try channel.receive() == expected)
            Thread.sleep(forTimeInterval: 0.002)
            #expect(sent.value <= max(8, expected + 1 + 2 + 1))
        }
        var rest: [Int] = []
        while let value = try channel.receive() { rest.append(value) }
        #expect(rest == Array(20..<100))
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}
