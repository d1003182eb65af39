@testable import PermAuditStore
import Testing

/// An empty filter lets the report skip filtering: any field set must make it non-empty.
@Suite struct HoldingFilterTests {
    @Test func everyFieldSetMakesTheFilterNonEmpty() {
        #expect(HoldingFilter().isEmpty)
        // A field added to HoldingFilter must be added to `isEmpty` and here.
        #expect(Mirror(reflecting: HoldingFilter()).children.count == 6)
        var filters = Array(repeating: HoldingFilter(), count: 6)
        filters[0].tenantIds = ["t"]
        filters[1].permissions = ["User.Read"]
        filters[2].kind = .delegated
        filters[3].consentType = "Principal"
        filters[4].publisher = "thirdParty"
        filters[5].app = "Graph Explorer"
        #expect(filters.allSatisfy { !$0.isEmpty })
    }
}
