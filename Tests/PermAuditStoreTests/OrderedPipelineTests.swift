import Foundation
@testable import PermAuditStore
import Testing

@Suite struct OrderedPipelineTests {
    /// Values reach the caller in the items' order, however long each takes, and none is made more than
    /// the window ahead of the one being consumed.
    @Test func valuesComeInOrderWithinTheWindow() {
        let made = Counter()
        var consumed: [Int] = []
        OrderedPipeline.run(Array(0..<200), threads: 3, window: 4, { item in
            made.increment()
            if item % 7 == 0 { usleep(200) }
            return item * 2
        }, consume: { value in
            #expect(made.value <= value / 2 + 1 + 4)
            consumed.append(value)
        })
        #expect(consumed == (0..<200).map { $0 * 2 })
        var none: [Int] = []
        OrderedPipeline.run([Int](), { $0 }, consume: { none.append($0) })
        #expect(none.isEmpty)
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}
