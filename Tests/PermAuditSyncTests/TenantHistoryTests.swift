import Foundation
import PermAuditStore
import Testing
@testable import PermAuditSync

/// Tenant history is stored as runs of presence; whatever order snapshots arrive in, each snapshot must
/// hold exactly the objects its export had, and storage must grow with change only.
@Suite struct TenantHistoryTests {
    /// A grants page of the given ids; `changed` ids get a different scope (a new version of the object).
    static func export(_ ids: [Int], changed: Set<Int> = []) -> Data {
        let grants = ids.map { id in
            #"{"id": "g\#(id)", "clientId": "c\#(id % 3)", "consentType": "AllPrincipals", "principalId": null, "resourceId": "r", "scope": "\#(changed.contains(id) ? "Mail.Read" : "User.Read")"}"#
        }
        return Data((#"{"@odata.context": "x#oauth2PermissionGrants", "value": ["# + grants.joined(separator: ",") + "]}").utf8)
    }

    static func held(_ database: AppDatabase) throws -> [String: Set<String>] {
        let rows = try database.query("SELECT asOf, id || ':' || scope FROM oauth2PermissionGrantAt").rows
        var held: [String: Set<String>] = [:]
        for row in rows {
            guard case .text(let date) = row[0], case .text(let grant) = row[1] else { continue }
            held[date, default: []].insert(grant)
        }
        return held
    }

    static let days: [(String, [Int], Set<Int>)] = [
        ("2026-01-01", [1, 2, 3], []),
        ("2026-01-02", [1, 3, 4], []),
        ("2026-01-03", [1, 2, 4], [4]),
        ("2026-01-04", [2, 4], []),
        ("2026-01-05", [1, 2, 3, 4], [4]),
    ]

    static func expected() -> [String: Set<String>] {
        Dictionary(uniqueKeysWithValues: days.map { date, ids, changed in
            (date, Set(ids.map { "g\($0):\(changed.contains($0) ? "Mail.Read" : "User.Read")" }))
        })
    }

    /// Scope strings Swift deems equal (a composed and a decomposed "é") are two stored strings, each grant
    /// keeping its own bytes, and check still passes.
    @Test func canonicallyEqualScopeStringsAreStoredApart() throws {
        let database = try AppDatabase.inMemory()
        let (composed, decomposed) = ("Caf\u{E9}.Read", "Cafe\u{301}.Read")
        let grants = [("g1", composed), ("g2", decomposed)].map { id, scope in
            #"{"id": "\#(id)", "clientId": "c", "consentType": "AllPrincipals", "principalId": null, "resourceId": "r", "scope": "\#(scope)"}"#
        }
        let page = Data((#"{"value": ["# + grants.joined(separator: ",") + "]}").utf8)
        _ = try Importer(database: database).importInputs([(name: "grants.json", bytes: page)], asOf: "2026-01-01", tenantId: "t")
        let stored = try database.query("SELECT id, hex(scope) FROM oauth2PermissionGrantAt ORDER BY id").rows
        let hex = { (text: String) in text.utf8.map { String(format: "%02X", $0) }.joined() }
        #expect(stored == [[.text("g1"), .text(hex(composed))], [.text("g2"), .text(hex(decomposed))]])
        #expect(try database.query("SELECT count(*) FROM scopeSet").rows == [[.integer(2)]])
        let checks = try database.check()
        #expect(checks.filter { !$0.passed }.isEmpty)
    }

    /// Ids, users and scopes that Swift's String equality holds equal (a composed and a decomposed "é") are two
    /// apps, two users and two scopes, as SQLite stores them; the holdings count them apart and check agrees.
    @Test func canonicallyEqualIdsUsersAndScopesAreCountedApart() throws {
        let database = try AppDatabase.inMemory()
        let (composed, decomposed) = ("caf\u{E9}", "cafe\u{301}")
        let grants = [("g1", composed, "u-\(composed)"), ("g2", decomposed, "u-\(decomposed)"), ("g3", composed, "u-\(decomposed)")].map { id, client, user in
            #"{"id": "\#(id)", "clientId": "\#(client)", "consentType": "Principal", "principalId": "\#(user)", "resourceId": "r", "scope": "S.\#(composed) S.\#(decomposed)"}"#
        }
        let page = Data((#"{"value": ["# + grants.joined(separator: ",") + "]}").utf8)
        _ = try Importer(database: database).importInputs([(name: "grants.json", bytes: page)], asOf: "2026-01-01", tenantId: "t")
        let held = try database.query("""
            SELECT hex(c.id), hex(p.name), r.principalCount FROM holding h JOIN holdingRun r USING (holdingKey)
            JOIN tenantObject c ON c.objectKey = h.clientKey JOIN heldPermission p USING (permissionKey) ORDER BY 1, 2
            """).rows
        let hex = { (text: String) in text.utf8.map { String(format: "%02X", $0) }.joined() }
        let (app1, app2, scope1, scope2) = (hex(composed), hex(decomposed), hex("S.\(composed)"), hex("S.\(decomposed)"))
        // The composed app has both users, the decomposed one its one; each holds both scopes. In hex order:
        // the decomposed texts ("...65CC81") before the composed ones ("...C3A9").
        #expect(held == [[.text(app2), .text(scope2), .integer(1)], [.text(app2), .text(scope1), .integer(1)],
                         [.text(app1), .text(scope2), .integer(2)], [.text(app1), .text(scope1), .integer(2)]])
        #expect(try database.query("SELECT count(*) FROM scopeSetValue").rows == [[.integer(2)]])
        let checks = try database.check()
        #expect(checks.filter { !$0.passed }.isEmpty, "\(checks)")
    }

    @Test(arguments: [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 4, 2], [3, 4, 0, 2, 1]])
    func everySnapshotHoldsItsExportWhateverTheImportOrder(order: [Int]) throws {
        let database = try AppDatabase.inMemory()
        for index in order {
            let (date, ids, changed) = Self.days[index]
            _ = try Importer(database: database).importInputs([(name: "grants.json", bytes: Self.export(ids, changed: changed))],
                                                              asOf: date, tenantId: "t")
        }
        #expect(try Self.held(database) == Self.expected())
        // Each snapshot's stored holdings, kept by the same runs, are its grants' (what check recomputes).
        let holdings = try database.check().first { $0.name == "holdings" }
        #expect(holdings?.passed == true, "\(String(describing: holdings))")
        #expect(try database.query("SELECT count(*) FROM holdingPresence").rows.first != [.integer(0)])
        // The runs that reach the latest snapshot are open, and only those: its four grants, and no run ends on its date.
        #expect(try database.query("SELECT count(*) FROM tenantPresence WHERE lastSeen = '9999-12-31'").rows == [[.integer(4)]])
        #expect(try database.query("SELECT count(*) FROM tenantPresence WHERE lastSeen = '2026-01-05'").rows == [[.integer(0)]])
        #expect(try database.query("SELECT count(*) FROM holdingPresence WHERE lastSeen = '2026-01-05'").rows == [[.integer(0)]])
    }

    /// Principal grants: the users behind a holding change as users come and go, and each new latest snapshot
    /// writes only the holdings whose users changed (a new version; the old one's run closes the day before).
    @Test func principalCountsFollowTheUsers() throws {
        func export(_ users: [String]) -> Data {
            let grants = users.map { user in
                #"{"id": "p\#(user)", "clientId": "app", "consentType": "Principal", "principalId": "\#(user)", "resourceId": "r", "scope": "\#(user == "u1" ? "User.Read Mail.Read" : "User.Read")"}"#
            }
            return Data((#"{"@odata.context": "x#oauth2PermissionGrants", "value": ["# + grants.joined(separator: ",") + "]}").utf8)
        }
        let database = try AppDatabase.inMemory()
        for (date, users) in [("2026-02-01", ["u1", "u2"]), ("2026-02-02", ["u1", "u2", "u3"]), ("2026-02-03", ["u1", "u2", "u3"]), ("2026-02-04", ["u2"])] {
            _ = try Importer(database: database).importInputs([(name: "grants.json", bytes: export(users))], asOf: date, tenantId: "t")
        }
        #expect(try database.query("""
            SELECT p.name || ' ' || hp.principalCount || ' ' || hp.firstSeen || '..' || hp.lastSeen
            FROM holdingPresence hp JOIN holding h USING (holdingKey) JOIN heldPermission p USING (permissionKey)
            ORDER BY p.name, hp.firstSeen
            """).rows == [
                [.text("Mail.Read 1 2026-02-01..2026-02-03")],
                [.text("User.Read 2 2026-02-01..2026-02-01")],
                [.text("User.Read 3 2026-02-02..2026-02-03")],
                [.text("User.Read 1 2026-02-04..9999-12-31")],
            ])
        #expect(try database.check().first { $0.name == "holdings" }?.passed == true)
    }

    @Test func storageGrowsWithChangeOnly() throws {
        let database = try AppDatabase.inMemory()
        for day in 1...30 {
            let date = String(format: "2026-01-%02d", day)
            _ = try Importer(database: database).importInputs([(name: "grants.json", bytes: Self.export(Array(1...100), changed: day >= 20 ? [7] : []))],
                                                              asOf: date, tenantId: "t")
        }
        // 30 daily snapshots of 100 grants, one of which changed once: 101 versions, 101 runs.
        #expect(try database.query("SELECT count(*) FROM oauth2PermissionGrant").rows == [[.integer(101)]])
        #expect(try database.query("SELECT count(*) FROM tenantPresence").rows == [[.integer(101)]])
        #expect(try database.query("SELECT count(*) FROM tenantSnapshot").rows == [[.integer(30)]])
        #expect(try database.query("SELECT firstSeen, lastSeen FROM tenantPresence p JOIN oauth2PermissionGrant g USING (versionKey) WHERE g.id = 'g7' ORDER BY firstSeen").rows
            == [[.text("2026-01-01"), .text("2026-01-19")], [.text("2026-01-20"), .text("9999-12-31")]])
        // Their holdings: three apps' User.Read all month, and c1's Mail.Read from the change on: 4 versions, 4 runs.
        #expect(try database.query("SELECT count(*) FROM holding").rows == [[.integer(4)]])
        #expect(try database.query("SELECT count(*) FROM holdingPresence").rows == [[.integer(4)]])
        #expect(try database.query("""
            SELECT p.name, hp.firstSeen, hp.lastSeen FROM holdingPresence hp JOIN holding h USING (holdingKey)
            JOIN heldPermission p USING (permissionKey) JOIN tenantObject c ON c.objectKey = h.clientKey
            WHERE c.id = 'c1' ORDER BY p.name
            """).rows == [[.text("Mail.Read"), .text("2026-01-20"), .text("9999-12-31")], [.text("User.Read"), .text("2026-01-01"), .text("9999-12-31")]])
    }
}
