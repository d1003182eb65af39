import Testing
import PermAuditStore

/// The inputs of an import are read on several threads: each keeps its own result, in the inputs' order.
@Suite struct ParallelMapTests {
    struct Odd: Error, Equatable {
        var value: Int
    }

    @Test(arguments: [1, 2, 4])
    func valuesAndErrorsKeepTheOrderOfTheItems(threads: Int) {
        let results: [Result<Int, Odd>] = ParallelMap.map(Array(0..<500), threads: threads) { value in
            value.isMultiple(of: 2) ? .success(value * 3) : .failure(Odd(value: value))
        }
        #expect(results.count == 500)
        for (value, result) in results.enumerated() {
            #expect(result == (value.isMultiple(of: 2) ? .success(value * 3) : .failure(Odd(value: value))))
        }
    }

    @Test func noItemsMakeNoValues() {
        #expect(ParallelMap.map([Int](), threads: 2) { $0 }.isEmpty)
    }

    /// Two jobs of different types, each value in its place.
    @Test func bothRunsTwoJobs() {
        let (text, number) = ParallelMap.both({ String(repeating: "a", count: 3) }, { (1...100).reduce(0, +) })
        #expect(text == "aaa" && number == 5050)
    }
}
