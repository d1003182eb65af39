import Foundation
@testable import PermAuditStore
import Testing
@testable import PermAuditSync

/// A snapshot after the latest counts only the holdings its changes touch (TenantSink's `countOnlyChanges`) and
/// applies them to the latest snapshot's: every snapshot's holdings must be what counting all its grants gives,
/// whichever grants changed, went, came back, or were imported out of date order.
@Suite struct ChangedHoldingsTests {
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

    @Test func changedHoldingsAreTheHoldingsOfAllTheGrants() throws {
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

    /// Changes are applied to the latest snapshot's stored holdings: when a hand edit left those unlike its
    /// grants, a change that cannot apply (a user leaving a holding that has none) stops the import, which
    /// writes nothing.
    @Test func holdingsUnlikeTheirGrantsStopTheImport() throws {
        let database = try AppDatabase.inMemory()
        _ = try Week.importWeek(database, Self.weeks[0].grants, asOf: "2026-11-01")
        try database.writer.write { db in
            try db.execute(sql: """
                DELETE FROM holdingRun WHERE holdingKey IN (
                    SELECT h.holdingKey FROM holding h JOIN tenantObject c ON c.objectKey = h.clientKey
                    JOIN heldPermission p ON p.permissionKey = h.permissionKey
                    WHERE c.id = 'c1' AND p.name = 'Mail.Read')
                """)
        }
        #expect(try database.check().contains { !$0.passed })
        let error = try #require(throws: (any Error).self) { try Week.importWeek(database, [Self.g1, Self.g3, Self.g4], asOf: "2026-11-08") }
        #expect("\(error)".contains("the latest snapshot's holdings are not its grants'"))
        #expect(try database.query("SELECT count(*) FROM tenantSnapshot").rows == [[.integer(1)]])
    }

    /// Random weeks (a fixed seed) over a few apps, users, scopes and roles, so that groups share users, pairs
    /// hold tenant-wide and per-user grants at once, and assignments come, go and repeat: after each week, the
    /// holdings are those of a database that imported only that week.
    @Test(arguments: [1, 2, 3])
    func randomWeeksHoldWhatTheirGrantsHold(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let scopes = ["User.Read", "Mail.Read", "Files.Read", "Calendars.Read"]
        let roles = ["df021288-bdef-4463-88db-98f22de89214", "00000000-0000-0000-0000-000000000000"]
        func randomGrant(_ number: Int) -> String {
            let picked = scopes.filter { _ in random.next() % 2 == 0 }
            let user = random.next() % 4 == 0 ? nil : "u\(random.next() % 3)"
            let scope = picked.isEmpty ? (random.next() % 2 == 0 ? " " : "User.Read") : picked.joined(separator: " ")
            return Week.grant("g\(number)", client: "c\(random.next() % 3)", user: user, scope: scope)
        }
        func randomAssignment(_ number: Int) -> String {
            #"{"id": "a\#(number)", "appRoleId": "\#(roles[Int(random.next() % 2)])", "principalId": "c\#(random.next() % 3)", "principalType": "\#(random.next() % 4 == 0 ? "User" : "ServicePrincipal")", "resourceId": "graph"}"#
        }
        var grants = (0..<24).map(randomGrant)
        var assignments = (0..<6).map(randomAssignment)
        let database = try AppDatabase.inMemory()
        for day in 1...8 {
            // Each week a few grants and assignments change, go, or come.
            for _ in 0..<4 { grants[Int(random.next() % UInt64(grants.count))] = randomGrant(Int(random.next() % 40)) }
            if random.next() % 2 == 0 { grants.removeLast() }
            if random.next() % 2 == 0 { assignments[Int(random.next() % UInt64(assignments.count))] = randomAssignment(Int(random.next() % 10)) }
            // Ids are unique within a week: the last of each id is kept; one grant is on two pages.
            var week = Dictionary(grants.map { (String($0.split(separator: ",")[0]), $0) }, uniquingKeysWith: { $1 }).values.sorted()
            week.append(week[Int(random.next() % UInt64(week.count))])
            let roleWeek = Dictionary(assignments.map { (String($0.split(separator: ",")[0]), $0) }, uniquingKeysWith: { $1 }).values.sorted()
            let asOf = String(format: "2026-11-%02d", day)
            _ = try Self.importWeek(database, week, roleWeek, asOf: asOf)
            #expect(try database.check().filter { !$0.passed }.isEmpty, "seed \(seed), \(asOf)")
            let alone = try AppDatabase.inMemory()
            _ = try Self.importWeek(alone, week, roleWeek, asOf: asOf)
            #expect(try Week.holdings(database, asOf: asOf) == (try Week.holdings(alone, asOf: asOf)), "seed \(seed), \(asOf)")
        }
    }

    /// When more versions come and go than `changeLimit`, every holding is counted again and compared with the
    /// latest snapshot's: the same holdings.
    @Test func manyChangesCountEveryHolding() throws {
        let users = (0..<2500).map { "u\($0 % 40)" }
        let week1 = users.enumerated().map { Week.grant("g\($0.offset)", client: "c\($0.offset % 3)", user: $0.element, scope: $0.offset % 2 == 0 ? "User.Read" : "User.Read Mail.Read") }
        let week2 = users.enumerated().map { Week.grant("h\($0.offset)", client: "c\($0.offset % 3)", user: $0.element, scope: $0.offset % 5 == 0 ? "Mail.Read" : "User.Read") }
        let database = try AppDatabase.inMemory()
        for (grants, asOf) in [(week1, "2026-11-01"), (week2, "2026-11-08")] {
            _ = try Week.importWeek(database, grants, asOf: asOf)
            #expect(try database.check().filter { !$0.passed }.isEmpty, "\(asOf)")
            let alone = try AppDatabase.inMemory()
            _ = try Week.importWeek(alone, grants, asOf: asOf)
            #expect(try Week.holdings(database, asOf: asOf) == (try Week.holdings(alone, asOf: asOf)), "\(asOf)")
        }
        // 5,000 versions came or went: more than the limit for 2,500 grants.
        #expect(5000 > max(TenantSink.changeLimitFloor, 2500 / 8))
    }

    static func importWeek(_ database: AppDatabase, _ grants: [String], _ assignments: [String], asOf: String) throws -> TenantImportOutcome {
        let roles = Data((#"{"@odata.context": "x#appRoleAssignments", "value": ["# + assignments.joined(separator: ",") + "]}").utf8)
        let report = try Importer(database: database).importInputs(
            [(name: "servicePrincipals.json", bytes: Week.servicePrincipals), (name: "grants.json", bytes: Week.page(grants)),
             (name: "appRoleAssignments.json", bytes: roles)], asOf: asOf, tenantId: "t")
        return try #require(report.tenant)
    }
}
