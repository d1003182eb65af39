import Foundation
@testable import PermAuditStore
import Testing
@testable import PermAuditSync

/// A snapshot after the latest counts only the grants of the (client, resource) pairs whose grants changed and
/// carries the other pairs' holdings over (ChangedPairs): every snapshot's holdings must be what counting all
/// its grants gives, whichever pairs changed, went, came back, or were imported out of date order.
@Suite struct CarriedHoldingsTests {
    typealias Week = KnownElementTests

    static let g1 = Week.grant("g1", user: "u1")
    static let g2 = Week.grant("g2", user: "u2", scope: "User.Read Mail.Read")
    static let g3 = Week.grant("g3", client: "c2", user: nil, scope: "User.Read Mail.Read")
    static let g4 = Week.grant("g4", client: "c3", user: "u1", scope: "Mail.Read")
    static let g5 = Week.grant("g5", client: "c3", user: "u2", scope: "Mail.Read")

    /// Each week's grants by date, in the order they are imported: c1 loses a user and a scope, c3 gains a
    /// user, c2 goes and comes back, everything comes back, and a week lands between two stored ones.
    static let weeks: [(asOf: String, grants: [String])] = [
        ("2026-11-01", [g1, g2, g3, g4]),
        ("2026-11-08", [g1, g3, g4, g5]),
        ("2026-11-15", [g1, g4, g5]),
        ("2026-11-22", [g1, g2, g3, g4]),
        ("2026-11-04", [g1, g2, g4]),
    ]

    @Test func carriedHoldingsAreTheHoldingsOfAllTheGrants() throws {
        let database = try AppDatabase.inMemory()
        for week in Self.weeks {
            _ = try Week.importWeek(database, week.grants, asOf: week.asOf)
            #expect(try database.check().filter { !$0.passed }.isEmpty, "\(week.asOf)")
            let alone = try AppDatabase.inMemory()
            _ = try Week.importWeek(alone, week.grants, asOf: week.asOf)
            let holdings = try Week.holdings(database, asOf: week.asOf)
            #expect(holdings.count >= 3)
            #expect(holdings == (try Week.holdings(alone, asOf: week.asOf)), "\(week.asOf)")
        }
        // c1's Mail.Read went with g2 and came back with it; c3's users went from one to two.
        let c3 = try database.query("SELECT asOf, principalCount FROM permissionHolding WHERE clientId = 'c3' ORDER BY asOf").rows
        #expect(c3 == [("2026-11-01", 1), ("2026-11-04", 1), ("2026-11-08", 2), ("2026-11-15", 2), ("2026-11-22", 1)].map { [.text($0), .integer($1)] })
        let c1MailRead = try database.query("""
            SELECT asOf FROM permissionHolding WHERE clientId = 'c1' AND permission = 'Mail.Read' ORDER BY asOf
            """).rows
        #expect(c1MailRead == ["2026-11-01", "2026-11-04", "2026-11-22"].map { [.text($0)] })
    }
}
