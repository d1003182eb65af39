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

extension HoldingRowsTests {
    static func holding(_ permission: String, client: String = "c", count: Int? = nil) -> PermissionHolding {
        PermissionHolding(tenantId: "t", asOf: "2026-11-01", clientId: client, resourceId: "r", permission: permission, kind: .delegated,
                          consentType: count == nil ? "AllPrincipals" : "Principal", principalCount: count)
    }

    /// Texts equal to Swift but not in bytes ("é" as one scalar and as two) stay apart: each row keeps its own.
    @Test func rowsKeepTheirOwnBytes() {
        let holdings = [Self.holding("Caf\u{E9}.Read"), Self.holding("Cafe\u{301}.Read"), Self.holding("Caf\u{E9}.Read", client: "a\u{300}"),
                        Self.holding("Caf\u{E9}.Read", client: "\u{E0}")]
        let bytes = { (holdings: [PermissionHolding]) in holdings.map { [Array($0.permission!.utf8), Array($0.clientId.utf8)] } }
        #expect(bytes(Array(HoldingRows(holdings))) == bytes(holdings))
        var joined = HoldingRows(Array(holdings.prefix(1)))
        joined.append(contentsOf: HoldingRows(Array(holdings.dropFirst())))
        #expect(bytes(Array(joined)) == bytes(holdings))
    }

    /// A table whose entries repeat (two resolutions alike) keeps every row's entry when another is joined.
    @Test func joiningATableWithRepeatedEntriesKeepsItsRows() {
        var table = HoldingRows([Self.holding("A.Read"), Self.holding("B.Read")])
        table.entries.insert(table.entries[0], at: 0)
        table.rows = table.rows.map { HoldingRows.Row(client: Int($0.client), entry: Int($0.entry) + 1, consentType: $0.consentType, principalCount: nil) }
        table.rows.append(HoldingRows.Row(client: 0, entry: 0, consentType: 0, principalCount: nil))
        let before = Array(table)
        table.append(contentsOf: HoldingRows([Self.holding("C.Read"), Self.holding("A.Read")]))
        #expect(Array(table).map(\.permission) == before.map(\.permission) + ["C.Read", "A.Read"])
        #expect(before.map(\.permission) == ["A.Read", "B.Read", "A.Read"])
    }

    /// A user count of any size comes back as it went in.
    @Test func userCountsOfAnySizeComeBack() {
        let counts: [Int?] = [nil, 0, 1, Int(UInt32.max) + 5, .max]
        #expect(Array(HoldingRows(counts.map { Self.holding("A.Read", count: $0) })).map(\.principalCount) == counts)
    }
}
