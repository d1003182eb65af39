import Foundation
@testable import PermAuditStore
import Testing
@testable import PermAuditSync

/// An import takes an export element it has read before, byte for byte, as the stored version it made, without
/// decoding it (migration 0028): the snapshot, its holdings and every check must be as if it had decoded it.
@Suite struct KnownElementTests {
    static func grant(_ id: String, client: String = "c1", user: String? = "u1", scope: String = "User.Read") -> String {
        let principal = user.map { #""\#($0)""# } ?? "null"
        return #"{"id": "\#(id)", "clientId": "\#(client)", "consentType": "\#(user == nil ? "AllPrincipals" : "Principal")", "principalId": \#(principal), "resourceId": "graph", "scope": "\#(scope)"}"#
    }

    static func page(_ elements: [String]) -> Data {
        Data((#"{"@odata.context": "x#oauth2PermissionGrants", "value": ["# + elements.joined(separator: ",") + "]}").utf8)
    }

    static let servicePrincipals = Data(#"""
        {"@odata.context": "x#servicePrincipals", "value": [
        {"id": "graph", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "oauth2PermissionScopes": [
            {"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "value": "User.Read", "type": "User", "isEnabled": true},
            {"id": "570282fd-fa5c-430d-a7fd-fc8dc98a9dca", "value": "Mail.Read", "type": "User", "isEnabled": true}], "appRoles": [
            {"id": "df021288-bdef-4463-88db-98f22de89214", "value": "User.Read.All", "allowedMemberTypes": ["Application"], "isEnabled": true}]},
        {"id": "c1", "appId": "a1", "displayName": "App One"},
        {"id": "c2", "appId": "a2", "displayName": "App Two", "appRoleAssignments": [
            {"id": "r1", "appRoleId": "df021288-bdef-4463-88db-98f22de89214", "principalId": "c2", "principalType": "ServicePrincipal", "resourceId": "graph"}]}
        ]}
        """#.utf8)

    static let week1 = [grant("g1"), grant("g2", user: "u2"), grant("g3", client: "c2", user: nil, scope: "User.Read Mail.Read")]

    static func importWeek(_ database: AppDatabase, _ grants: [String], asOf: String, tenant: String = "t") throws -> TenantImportOutcome {
        let report = try Importer(database: database).importInputs(
            [(name: "servicePrincipals.json", bytes: servicePrincipals), (name: "grants.json", bytes: page(grants))], asOf: asOf, tenantId: tenant)
        return try #require(report.tenant)
    }

    static func holdings(_ database: AppDatabase, asOf: String) throws -> [[SQLValue]] {
        try database.query("""
            SELECT clientId, permission, consentType, principalCount FROM permissionHolding
            WHERE asOf = '\(asOf)' ORDER BY 1, 2, 3
            """).rows
    }

    @Test func unchangedElementsAreTakenAsTheirStoredVersions() throws {
        let database = try AppDatabase.inMemory()
        let first = try Self.importWeek(database, Self.week1, asOf: "2026-11-01")
        #expect(first.knownElementCount == 0)
        // A week later g2 changed its scope: the two service principals without inlined assignments and the two
        // unchanged grants are known; g2 and the app with an inlined assignment (never remembered) are decoded.
        let week2 = [Self.week1[0], Self.grant("g2", user: "u2", scope: "Mail.Read"), Self.week1[2]]
        let second = try Self.importWeek(database, week2, asOf: "2026-11-08")
        #expect(second.knownElementCount == 4)
        #expect((second.servicePrincipalCount, second.grantCount, second.assignmentCount) == (3, 3, 1))
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrant").rows == [[.integer(4)]])
        #expect(try database.query("SELECT id, scope FROM oauth2PermissionGrantAt WHERE asOf = '2026-11-08' ORDER BY id").rows == [
            [.text("g1"), .text("User.Read")], [.text("g2"), .text("Mail.Read")], [.text("g3"), .text("User.Read Mail.Read")],
        ])
        #expect(try Self.holdings(database, asOf: "2026-11-08") == [
            [.text("c1"), .text("Mail.Read"), .text("Principal"), .integer(1)],
            [.text("c1"), .text("User.Read"), .text("Principal"), .integer(1)],
            [.text("c2"), .text("Mail.Read"), .text("AllPrincipals"), .null],
            [.text("c2"), .text("User.Read"), .text("AllPrincipals"), .null],
            [.text("c2"), .text("User.Read.All"), .text("Application"), .null],
        ])
        // As a database that decoded the same export holds them.
        let decoded = try AppDatabase.inMemory()
        #expect(try Self.importWeek(decoded, week2, asOf: "2026-11-08").knownElementCount == 0)
        #expect(try Self.holdings(decoded, asOf: "2026-11-08") == Self.holdings(database, asOf: "2026-11-08"))
        #expect(try database.check().filter { !$0.passed }.isEmpty)
        // The same content as another date's, whether decoded or known, is one snapshot content.
        let stored = try database.query("SELECT contentHash FROM tenantSnapshot ORDER BY asOf").rows
        let third = try Self.importWeek(database, Self.week1, asOf: "2026-11-15")
        #expect(third.knownElementCount == 5)
        #expect(try database.query("SELECT contentHash FROM tenantSnapshot WHERE asOf = '2026-11-15'").rows == [stored[0]])
    }

    @Test func theElementRememberedIsTheLastOneRead() throws {
        let database = try AppDatabase.inMemory()
        _ = try Self.importWeek(database, Self.week1, asOf: "2026-11-01")
        let stored = try database.query("SELECT count(*) FROM oauth2PermissionGrantElement").rows
        #expect(stored == [[.integer(3)]])
        #expect(try database.query("SELECT count(*) FROM servicePrincipalElement").rows == [[.integer(2)]])
        // Each remembered digest is the SHA-256 of the element's bytes, its first eight bytes the first word.
        let element = Self.week1[0]
        let words = try database.query("""
            SELECT printf('%016x%016x%016x%016x', e.digest0, e.digest1, e.digest2, e.digest3) FROM oauth2PermissionGrantElement e
            JOIN oauth2PermissionGrant g USING (versionKey) WHERE g.id = 'g1'
            """).rows
        #expect(words == [[.text(SHA256.hex(Data(element.utf8)))]])
        // The same grants written otherwise (other spacing): the same versions, now remembered by these elements,
        // which the next import knows.
        let respaced = Self.week1.map { $0.replacingOccurrences(of: ", ", with: ",") }
        let reformatted = try Self.importWeek(database, respaced, asOf: "2026-11-08")
        #expect(reformatted.knownElementCount == 2)
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrant").rows == [[.integer(3)]])
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrantElement").rows == [[.integer(3)]])
        #expect(try Self.importWeek(database, respaced, asOf: "2026-11-15").knownElementCount == 5)
        // Versions stored before migration 0028 have no element: decoded, then remembered.
        try database.writer.write { try $0.execute(sql: "DELETE FROM oauth2PermissionGrantElement") }
        #expect(try Self.importWeek(database, respaced, asOf: "2026-11-22").knownElementCount == 2)
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrantElement").rows == [[.integer(3)]])
        #expect(try database.check().filter { !$0.passed }.isEmpty)
    }

    /// The stored grants' scope sets are numbered from their stored values, read one by one when they are few
    /// and in one pass from 4,096 on; a scope set without values (an empty scope string) is numbered either way.
    @Test(arguments: [10, 4200])
    func storedScopeSetsAreNumberedFromTheirValues(count: Int) throws {
        let database = try AppDatabase.inMemory()
        let grants = (0..<count).map { Self.grant("g\($0)", user: "u\($0)", scope: "Scope.\($0)") } + [Self.grant("empty", user: "u", scope: " ")]
        _ = try Self.importWeek(database, grants, asOf: "2026-11-01")
        #expect(try Self.importWeek(database, grants, asOf: "2026-11-08").knownElementCount == grants.count + 2)
        let holdings = try Self.holdings(database, asOf: "2026-11-08")
        #expect(holdings.count == count + 1)  // each scope once, and c2's app role; the empty scope holds nothing
        #expect(holdings == (try Self.holdings(database, asOf: "2026-11-01")))
    }

    /// Known elements are looked for after the last one found first: in any other order they are found all the same.
    @Test func knownElementsAreFoundInAnyOrder() throws {
        let database = try AppDatabase.inMemory()
        let grants = (0..<50).map { Self.grant("g\($0)", user: "u\($0 % 7)", scope: $0 % 3 == 0 ? "User.Read" : "Mail.Read") }
        _ = try Self.importWeek(database, grants, asOf: "2026-11-01")
        var shuffled = grants.reversed() as [String]
        shuffled.swapAt(3, 40)
        let second = try Self.importWeek(database, shuffled, asOf: "2026-11-08")
        #expect(second.knownElementCount == grants.count + 2)
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrant").rows == [[.integer(50)]])
        let contents = try database.query("SELECT contentHash FROM tenantSnapshot ORDER BY asOf").rows
        #expect(contents[0] == contents[1])
        // The one after the last is taken only when it is the element.
        let (a, b, c) = (ElementDigest(of: Data("a".utf8)), ElementDigest(of: Data("b".utf8)), ElementDigest(of: Data("c".utf8)))
        let known = KnownElements(StoredElements(servicePrincipals: .init(), grants: .init(keys: [7, 9], digests: [a.digest, b.digest])))
        #expect(known.index(of: b, in: .grants, after: 0) == 1)
        #expect(known.index(of: a, in: .grants, after: 0) == 0)
        #expect(known.index(of: a, in: .grants, after: 1) == 0)
        #expect(known.index(of: c, in: .grants, after: 0) == nil)
    }

    /// Two tenants' exports with the same bytes: each tenant's elements are known as its own versions only.
    @Test func anotherTenantsElementsAreNotItsOwn() throws {
        let database = try AppDatabase.inMemory()
        _ = try Self.importWeek(database, Self.week1, asOf: "2026-11-01")
        #expect(try Self.importWeek(database, Self.week1, asOf: "2026-11-01", tenant: "u").knownElementCount == 0)
        let again = try Self.importWeek(database, Self.week1, asOf: "2026-11-08", tenant: "u")
        #expect(again.knownElementCount == (try Self.importWeek(database, Self.week1, asOf: "2026-11-08")).knownElementCount)
        #expect(again.knownElementCount > 0)
        let snapshots = try database.query("SELECT tenantId, asOf, contentHash FROM tenantSnapshot ORDER BY tenantId, asOf").rows
        #expect(snapshots.count == 4 && snapshots.allSatisfy { $0[2] == snapshots[0][2] })
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrant").rows == [[.integer(6)]])
        let problems = try database.check().filter { !$0.passed }
        #expect(problems.isEmpty, "\(problems)")
    }

    /// A week whose only file is its grants, as NDJSON lines with the same bytes: they are known all the same
    /// (the service principals, which load once the export is read, are no longer held).
    @Test func aWeekOfOnlyGrantsAsLinesIsKnown() throws {
        let database = try AppDatabase.inMemory()
        _ = try Self.importWeek(database, Self.week1, asOf: "2026-11-01")
        let report = try Importer(database: database).importInputs(
            [(name: "grants.ndjson", bytes: Data(Self.week1.joined(separator: "\n").utf8))], asOf: "2026-11-08", tenantId: "t")
        let outcome = try #require(report.tenant)
        #expect(outcome.knownElementCount == 3 && outcome.grantCount == 3 && outcome.servicePrincipalCount == 0)
        let problems = try database.check().filter { !$0.passed }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func aKnownElementTwiceIsKeptOnce() throws {
        let database = try AppDatabase.inMemory()
        _ = try Self.importWeek(database, Self.week1, asOf: "2026-11-01")
        let outcome = try Self.importWeek(database, Self.week1 + [Self.week1[1]], asOf: "2026-11-08")
        #expect(outcome.grantCount == 3)
        #expect(try Self.holdings(database, asOf: "2026-11-08") == Self.holdings(database, asOf: "2026-11-01"))
    }

    /// One id with two contents in an export is refused, whichever of the two were known and whichever came
    /// first: a known element and a decoded one, or two known ones (both contents stored on earlier dates).
    @Test(arguments: [false, true], [false, true])
    func oneIdWithTwoContentsIsRefusedWhenKnown(bothKnown: Bool, changedFirst: Bool) throws {
        let database = try AppDatabase.inMemory()
        let changed = Self.grant("g1", scope: "Mail.Read")
        _ = try Self.importWeek(database, Self.week1, asOf: "2026-11-01")
        if bothKnown { _ = try Self.importWeek(database, [changed], asOf: "2026-11-08") }
        let error = try #require(throws: ImportError.self) {
            try Self.importWeek(database, changedFirst ? [changed] + Self.week1 : Self.week1 + [changed], asOf: "2026-11-15")
        }
        let (second, first) = changedFirst ? ("$.value[1]", "$.value[0]") : ("$.value[3]", "$.value[0]")
        #expect(error.description.hasPrefix("grants.json: \(second): object g1 differs from the one with the same id at grants.json: \(first)"))
        #expect(try database.query("SELECT count(*) FROM tenantSnapshot").rows == [[.integer(bothKnown ? 2 : 1)]])
    }
}
