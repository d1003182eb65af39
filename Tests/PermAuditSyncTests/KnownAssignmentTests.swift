import Foundation
@testable import PermAuditStore
import Testing
@testable import PermAuditSync

/// App role assignments remember their export elements too (migration 0032): an unchanged one is taken as its
/// stored version without decoding, and its holding is read from that version once the export is read. The
/// snapshots, holdings and checks must be those of a database that decoded every assignment.
@Suite struct KnownAssignmentTests {
    static let userReadAll = "df021288-bdef-4463-88db-98f22de89214"
    static let directoryReadAll = "7ab1d382-f21e-4acd-a863-ba3e13f7da61"

    static let servicePrincipals = Data(#"""
        {"@odata.context": "x#servicePrincipals", "value": [
        {"id": "graph", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "appRoles": [
            {"id": "df021288-bdef-4463-88db-98f22de89214", "value": "User.Read.All", "allowedMemberTypes": ["Application"], "isEnabled": true},
            {"id": "7ab1d382-f21e-4acd-a863-ba3e13f7da61", "value": "Directory.Read.All", "allowedMemberTypes": ["Application"], "isEnabled": true}]},
        {"id": "c1", "appId": "a1", "displayName": "App One"},
        {"id": "c2", "appId": "a2", "displayName": "App Two"},
        {"id": "c3", "appId": "a3", "displayName": "App Three"}
        ]}
        """#.utf8)

    static func assignment(_ id: String, principal: String, role: String = userReadAll, type: String = "ServicePrincipal") -> String {
        #"{"id": "\#(id)", "appRoleId": "\#(role)", "principalId": "\#(principal)", "principalType": "\#(type)", "resourceId": "graph"}"#
    }

    /// c1 holds User.Read.All; c2 holds it by two assignments (r2 and r8) and Directory.Read.All by r3; a user's
    /// assignment and one of the default role hold nothing.
    static let week1 = [
        assignment("r1", principal: "c1"), assignment("r2", principal: "c2"), assignment("r3", principal: "c2", role: directoryReadAll),
        assignment("r4", principal: "u1", type: "User"), assignment("r5", principal: "c3", role: "00000000-0000-0000-0000-000000000000"),
        assignment("r8", principal: "c2"),
    ]

    static func page(_ assignments: [String]) -> Data {
        Data((#"{"@odata.context": "x#appRoleAssignments", "value": ["# + assignments.joined(separator: ",") + "]}").utf8)
    }

    /// The week's service principals and assignments, read in this order: the assignments first (as files named
    /// by Graph's collections are read, in name order) or last.
    static func importWeek(_ database: AppDatabase, _ assignments: [String], asOf: String, assignmentsLast: Bool = false) throws -> TenantImportOutcome {
        let files = [(name: "appRoleAssignments.json", bytes: page(assignments)), (name: "servicePrincipals.json", bytes: servicePrincipals)]
        let report = try Importer(database: database).importInputs(assignmentsLast ? files.reversed() : files, asOf: asOf, tenantId: "t")
        return try #require(report.tenant)
    }

    /// The week's holdings, and those of a new database that decoded the same export: they must agree, the
    /// holdings stored at import (which the known assignments' rows were added to) as well as the view's.
    static func holdings(_ database: AppDatabase, _ assignments: [String], asOf: String) throws -> (kept: [[SQLValue]], decoded: [[SQLValue]]) {
        let decoded = try AppDatabase.inMemory()
        #expect(try importWeek(decoded, assignments, asOf: asOf).knownElementCount == 0)
        #expect(try storedHoldings(database, asOf: asOf) == storedHoldings(decoded, asOf: asOf))
        #expect(try storedHoldings(database, asOf: asOf).count == KnownElementTests.holdings(database, asOf: asOf).count)
        return (try KnownElementTests.holdings(database, asOf: asOf), try KnownElementTests.holdings(decoded, asOf: asOf))
    }

    /// The snapshot's stored holdings (not the `permissionHolding` view, which is worked out from the versions).
    static func storedHoldings(_ database: AppDatabase, asOf: String) throws -> [String] {
        guard case .integer(let snapshot)? = try database.query("SELECT id FROM tenantSnapshot WHERE asOf = '\(asOf)'").rows.first?.first else { return [] }
        return try database.permissionHoldings(snapshotId: snapshot).map {
            "\($0.clientId) \($0.permission ?? "?") \($0.consentType) \($0.principalCount.map(String.init) ?? "-")"
        }.sorted()
    }

    static func expectChecksPass(_ database: AppDatabase) throws {
        let problems = try database.check().filter { !$0.passed }
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Their holdings are added when the next file's first object comes, or, with the assignments last, once
    /// the export is read.
    @Test(arguments: [false, true])
    func unchangedAssignmentsAreKnownAndHoldTheirRoles(assignmentsLast: Bool) throws {
        let database = try AppDatabase.inMemory()
        #expect(try Self.importWeek(database, Self.week1, asOf: "2026-11-01", assignmentsLast: assignmentsLast).knownElementCount == 0)
        #expect(try database.query("SELECT count(*) FROM appRoleAssignmentElement").rows == [[.integer(6)]])
        let first = try KnownElementTests.holdings(database, asOf: "2026-11-01")
        #expect(first == [
            [.text("c1"), .text("User.Read.All"), .text("Application"), .null],
            [.text("c2"), .text("Directory.Read.All"), .text("Application"), .null],
            [.text("c2"), .text("User.Read.All"), .text("Application"), .null],
        ])
        // A week later r1 gave c1 another role, r2 went (c2 keeps User.Read.All by r8, a known assignment) and r6
        // came: four of the assignments and the four service principals are known, the rest decoded.
        let week2 = [Self.assignment("r1", principal: "c1", role: Self.directoryReadAll), Self.week1[2], Self.week1[3], Self.week1[4],
                     Self.week1[5], Self.assignment("r6", principal: "c3")]
        let second = try Self.importWeek(database, week2, asOf: "2026-11-08", assignmentsLast: assignmentsLast)
        #expect(second.knownElementCount == 8 && second.assignmentCount == 6)
        let changed = try Self.holdings(database, week2, asOf: "2026-11-08")
        #expect(changed.kept == changed.decoded)
        #expect(changed.kept == [
            [.text("c1"), .text("Directory.Read.All"), .text("Application"), .null],
            [.text("c2"), .text("Directory.Read.All"), .text("Application"), .null],
            [.text("c2"), .text("User.Read.All"), .text("Application"), .null],
            [.text("c3"), .text("User.Read.All"), .text("Application"), .null],
        ])
        // The first week's export again: every element known, r1's and r2's first versions back.
        #expect(try Self.importWeek(database, Self.week1, asOf: "2026-11-15", assignmentsLast: assignmentsLast).knownElementCount == 10)
        #expect(try KnownElementTests.holdings(database, asOf: "2026-11-15") == first)
        #expect(try Self.storedHoldings(database, asOf: "2026-11-15") == Self.storedHoldings(database, asOf: "2026-11-01"))
        let contents = try database.query("SELECT contentHash FROM tenantSnapshot ORDER BY asOf").rows
        #expect(contents[2] == contents[0])
        try Self.expectChecksPass(database)
    }

    /// Before the latest snapshot every holding is counted again, the known assignments' with the others.
    @Test func knownAssignmentsCountBeforeTheLatestSnapshot() throws {
        let database = try AppDatabase.inMemory()
        _ = try Self.importWeek(database, Self.week1, asOf: "2026-11-08")
        let earlier = [Self.week1[0], Self.week1[3], Self.assignment("r7", principal: "c2")]
        #expect(try Self.importWeek(database, earlier, asOf: "2026-11-01").knownElementCount == 6)
        let holdings = try Self.holdings(database, earlier, asOf: "2026-11-01")
        #expect(holdings.kept == holdings.decoded)
        #expect(holdings.kept.count == 2)
        #expect(try KnownElementTests.holdings(database, asOf: "2026-11-08").count == 3)
        try Self.expectChecksPass(database)
    }

    /// Assignments in two files around the service principals, one of which changed (decoded): the known
    /// assignments of the first file are counted when the service principals come, those of the second once the
    /// export is read.
    @Test func assignmentsOnBothSidesOfAnotherCollection() throws {
        let changed = Data(String(decoding: Self.servicePrincipals, as: UTF8.self).replacingOccurrences(of: "App Three", with: "App 3").utf8)
        func files(_ principals: Data) -> [(name: String, bytes: Data)] {
            [(name: "a.json", bytes: Self.page(Array(Self.week1.prefix(3)))), (name: "servicePrincipals.json", bytes: principals),
             (name: "b.json", bytes: Self.page(Array(Self.week1.dropFirst(3))))]
        }
        let database = try AppDatabase.inMemory()
        _ = try Importer(database: database).importInputs(files(Self.servicePrincipals), asOf: "2026-11-01", tenantId: "t")
        let report = try Importer(database: database).importInputs(files(changed), asOf: "2026-11-08", tenantId: "t")
        #expect(try #require(report.tenant).knownElementCount == 9)
        #expect(try Self.storedHoldings(database, asOf: "2026-11-08") == Self.storedHoldings(database, asOf: "2026-11-01"))
        #expect(try KnownElementTests.holdings(database, asOf: "2026-11-08") == KnownElementTests.holdings(database, asOf: "2026-11-01"))
        #expect(try KnownElementTests.holdings(database, asOf: "2026-11-08").count == 3)
        try Self.expectChecksPass(database)
    }

    /// A known assignment twice in one export is kept once; its id with other content is refused.
    @Test func aKnownAssignmentTwiceIsKeptOnce() throws {
        let database = try AppDatabase.inMemory()
        _ = try Self.importWeek(database, Self.week1, asOf: "2026-11-01")
        let twice = try Self.importWeek(database, Self.week1 + [Self.week1[0]], asOf: "2026-11-08")
        #expect(twice.assignmentCount == 6 && twice.knownElementCount == 10)
        #expect(try KnownElementTests.holdings(database, asOf: "2026-11-08") == KnownElementTests.holdings(database, asOf: "2026-11-01"))
        let error = try #require(throws: ImportError.self) {
            try Self.importWeek(database, Self.week1 + [Self.assignment("r1", principal: "c3")], asOf: "2026-11-15")
        }
        #expect(error.description.contains("object r1 differs from the one with the same id"), "\(error)")
        try Self.expectChecksPass(database)
    }
}
