import GRDB
@testable import PermAuditStore
import Testing

@Suite struct BatchedReadTests {
    static let numbers = "SELECT value FROM json_each(?)"

    /// Every row reaches the consumer once, in the query's order, in batches of at most the size asked.
    @Test func rowsComeInOrderInBatches() throws {
        let values = Array(0..<10_000)
        var read: [Int64] = [], sizes: [Int] = []
        try DatabaseQueue().read { db in
            try db.forEachBatch(sql: Self.numbers, arguments: ["[" + values.map(String.init).joined(separator: ",") + "]"], batchSize: 1000,
                                read: { $0.int64(0) }, consume: { batch in
                read += batch
                sizes.append(batch.count)
            })
            try db.forEachBatch(sql: Self.numbers, arguments: ["[]"], read: { $0.int64(0) }, consume: { _ in Issue.record("no rows, no batch") })
        }
        #expect(read == values.map(Int64.init), "\(read.count) rows")
        #expect(sizes.allSatisfy { $0 <= 1000 } && sizes.count == 10)
    }

    /// An error of SQLite's in the middle of the rows is thrown, after the rows before it.
    @Test func anErrorWhileReadingIsThrown() throws {
        var read: [Int64] = []
        #expect(throws: DatabaseError.self) {
            try DatabaseQueue().read { db in
                try db.forEachBatch(sql: "SELECT CASE WHEN value = 2500 THEN json('not json') ELSE value END FROM json_each(?)",
                                    arguments: ["[" + (0..<5000).map(String.init).joined(separator: ",") + "]"], batchSize: 1000,
                                    read: { $0.int64(0) }, consume: { read += $0 })
            }
        }
        #expect(read.count == 2500 && read.last == 2499, "every row before the failing one")
    }

    /// When the consumer throws, its error comes out and the reading stops (the call returns).
    @Test func aConsumerErrorStopsTheReading() throws {
        struct Stop: Error {}
        var batches = 0
        #expect(throws: Stop.self) {
            try DatabaseQueue().read { db in
                try db.forEachBatch(sql: Self.numbers, arguments: ["[" + (0..<100_000).map(String.init).joined(separator: ",") + "]"],
                                    batchSize: 100, read: { $0.int64(0) }, consume: { _ in
                    batches += 1
                    throw Stop()
                })
            }
        }
        #expect(batches == 1)
    }
}
