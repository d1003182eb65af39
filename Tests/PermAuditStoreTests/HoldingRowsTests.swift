@testable import PermAuditStore
import Testing

@Suite struct HoldingRowsTests {
    /// Counted into buckets (keys of a small span) or compared (a wide span), the order is the keys' order
    /// with ties in index order.
    @Test(arguments: [10, 1 << 20, Int.max])
    func stableOrderSortsByKeyThenIndex(span: Int) {
        var generator = SystemRandomNumberGenerator()
        let keys = (0..<5000).map { _ in Int.random(in: -span...span, using: &generator) / 3 } + (span == .max ? [.min, .max] : [])
        let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        #expect(HoldingRows.stableOrder(keys) == expected)
        #expect(HoldingRows.stableOrder([]).isEmpty)
    }

    /// Several keys compare in turn, as a tuple would.
    @Test func rowsSortBySeveralKeysInTurn() {
        let holdings = (0..<300).map { index in
            PermissionHolding(tenantId: "t", asOf: "2026-11-01", clientId: "c\(index % 7)", resourceId: "r\(index % 3)",
                              permission: "p\(index % 5)", kind: .delegated, consentType: "AllPrincipals")
        }
        let rows = HoldingRows(holdings)
        let first = (0..<300).map { $0 % 4 }, second = (0..<300).map { -($0 % 9) }
        let sorted = rows.sorted(byKeys: [first, second])
        let expected = (0..<300).sorted { (first[$0], second[$0], $0) < (first[$1], second[$1], $1) }.map { holdings[$0] }
        #expect(Array(sorted) == expected)
    }
}
