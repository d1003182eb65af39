import GRDB
@testable import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing

/// The report, diff and show pages compute holdings in Swift (SnapshotHoldings) for speed; the documented
/// views `permissionHolding` and `adminConsentHolding` stay the definition admins query. Both must give the
/// same rows, on both weeks of the sample tenant.
@Suite struct HoldingsMatchViewTests {
    /// Built once and shared (the tests only read); a failure to build it fails each test that reads it
    /// instead of crashing the run.
    static let built = Result<AppDatabase, any Error> {
        let database = try SeededDatabase.copy()
        for week in SampleTenant.weeks { _ = try Importer(database: database).importInputs(week) }
        return database
    }

    static var database: AppDatabase { get throws { try built.get() } }

    static let columns = """
        tenantId, asOf, clientId, clientAppId, clientDisplayName, publisher, verifiedPublisherName,
        resourceId, resourceAppId, resourceDisplayName, permission, permissionId, kind, consentType,
        principalCount, requiresAdminConsent, resolvedBy, privilegeLevel
        """

    func viewRows(_ sql: String, _ arguments: StatementArguments = []) throws -> [PermissionHolding] {
        try Self.database.writer.read { try PermissionHolding.fetchAll($0, sql: sql, arguments: arguments) }
    }

    /// A holding as text, to compare row multisets whatever their order.
    func sorted(_ rows: [PermissionHolding]) -> [String] {
        rows.map { "\($0)" }.sorted()
    }

    @Test func everySnapshotsHoldingsAreTheViewsRows() throws {
        let snapshots = try Self.database.tenantSnapshots()
        #expect(snapshots.count == 2)
        for snapshot in snapshots {
            let computed = try Self.database.permissionHoldings(snapshotId: snapshot.id)
            let view = try viewRows("SELECT \(Self.columns) FROM permissionHolding WHERE snapshotKey = ?", [snapshot.id])
            #expect(computed.count > 1000)
            #expect(Set(computed.map(\.resolvedBy)) .isSuperset(of: ["resourceServicePrincipal", nil]), "resolved, and unknown")
            #expect(sorted(computed) == sorted(view))
        }
    }

    @Test func theAdminConsentReportIsTheViewsRowsInTheViewsOrder() throws {
        let view = try viewRows("""
            SELECT \(Self.columns) FROM adminConsentHolding
            ORDER BY publisher <> 'thirdParty', privilegeLevel IS NULL, privilegeLevel DESC,
                     clientDisplayName, clientId, resourceDisplayName, permission, kind, consentType
            """)
        let computed = try Self.database.adminConsentHoldings()
        #expect(view.count > 100)
        #expect(computed == view)
    }

    /// Without the tenant's packed image (HoldingImageTests), a report reads the holdings of the pairs it
    /// keeps, or scans the snapshot's runs (HeldPairs decides); each way gives the view's rows, in every snapshot.
    @Test(arguments: [SnapshotHoldings.PairRead.always, .never, .whenFewer])
    func adminConsentHoldingsByPairsOrByRunsAreTheViewsRows(_ pairRead: SnapshotHoldings.PairRead) throws {
        for snapshot in try Self.database.tenantSnapshots() {
            let computed = try Self.database.writer.read { db in
                var holdings = SnapshotHoldings(db: db, snapshotId: snapshot.id)
                holdings.pairRead = pairRead
                holdings.imageRead = false
                return try holdings.fetch(adminConsentOnly: true)
            }
            let view = try viewRows("""
                SELECT \(Self.columns) FROM permissionHolding WHERE snapshotKey = ? AND (requiresAdminConsent = 1 OR requiresAdminConsent IS NULL)
                """, [snapshot.id])
            #expect(view.count > 100)
            #expect(sorted(computed) == sorted(view))
        }
    }

    /// A holding whose permission or resource key names nothing fails the report whichever way it is read:
    /// the pairs' read skips most holdings unread, and must not skip a broken one unsaid.
    @Test(arguments: [SnapshotHoldings.PairRead.always, .never])
    func aBrokenHoldingFailsTheReportWhicheverWayItIsRead(_ pairRead: SnapshotHoldings.PairRead) throws {
        for breakage in ["UPDATE holding SET permissionKey = 999999 WHERE holdingKey = (SELECT min(holdingKey) FROM holding)",
                         "UPDATE holding SET resourceKey = 999999 WHERE holdingKey = (SELECT min(holdingKey) FROM holding)"] {
            let database = try SeededDatabase.copy()
            for week in SampleTenant.weeks { _ = try Importer(database: database).importInputs(week) }
            try database.writer.write { try $0.execute(sql: breakage) }
            let snapshot = try #require(try database.tenantSnapshots().last).id
            #expect(throws: StoreError.self, "\(breakage)") {
                try database.writer.read { db in
                    var holdings = SnapshotHoldings(db: db, snapshotId: snapshot)
                    holdings.pairRead = pairRead
                    holdings.imageRead = false
                    return try holdings.fetch(adminConsentOnly: true)
                }
            }
        }
    }

    @Test func heldPairsAreTheHoldingsDistinctPairsAndTheirCountsDecide() throws {
        try Self.database.writer.read { db in
            let pairs = HeldPairs(db: db)
            let resources = try pairs.resources()
            #expect(resources == (try Int64.fetchAll(db, sql: "SELECT DISTINCT resourceKey FROM holding ORDER BY 1")))
            let all = try pairs.all(on: resources)
            let distinct = try Row.fetchAll(db, sql: "SELECT DISTINCT resourceKey, permissionKey FROM holding ORDER BY 1, 2")
            #expect(all.count > 10)
            #expect(all.map { [$0.resourceKey, $0.permissionKey] } == distinct.map { [$0[0], $0[1]] as [Int64] })
            func count(_ side: ArraySlice<HeldPair>) throws -> Int {
                try side.reduce(0) { total, pair in
                    try total + (Int.fetchOne(db, sql: "SELECT count(*) FROM holding WHERE resourceKey = ? AND permissionKey = ?",
                                              arguments: [pair.resourceKey, pair.permissionKey]) ?? 0)
                }
            }
            let (few, many) = (all.prefix(all.count / 4), all.dropFirst(all.count / 4))
            let (fewCount, manyCount) = (try count(few), try count(many))
            #expect(fewCount != manyCount)
            #expect(try pairs.fewerHoldings(Array(few), than: Array(many)) == (fewCount < manyCount))
            #expect(try pairs.fewerHoldings(Array(many), than: Array(few)) == (manyCount < fewCount))
            // Kept pairs with as many holdings as the limit are read by the runs, whatever the others.
            #expect(try !pairs.fewerHoldings(Array(few), than: Array(many), limit: fewCount))
        }
    }

    /// `show` and the report read some apps through servicePrincipalVersion and their runs instead of
    /// servicePrincipalAt: the same apps, with the same publishers.
    @Test func presentServicePrincipalsAreTheSnapshotsApps() throws {
        try Self.database.writer.read { db in
            for snapshot in try Row.fetchAll(db, sql: "SELECT id, tenantId, asOf FROM tenantSnapshot") {
                let present = try PresentServicePrincipals(db: db, tenantId: snapshot[1], asOf: snapshot[2])
                let view = try Row.fetchAll(db, sql: "SELECT id, versionKey, publisher FROM servicePrincipalAt WHERE snapshotKey = ? ORDER BY id",
                                            arguments: [snapshot[0] as Int64]).map { "\($0[0] as String)|\($0[1] as Int64)|\($0[2] as String)" }
                let ids = try String.fetchAll(db, sql: "SELECT id FROM servicePrincipal WHERE tenantId = ?", arguments: [snapshot[1] as String])
                var read: [String] = []
                try present.forEach("v.id, v.versionKey, v.publisher", where: "v.id IN (SELECT value FROM json_each(:ids))",
                                    ["ids": HoldingSubset.jsonArray(Set(ids))]) { read.append("\($0.text(0) ?? "")|\($0.int64(1))|\($0.text(2) ?? "")") }
                #expect(view.count > 10)
                #expect(read.sorted() == view)
                let graph = try String.fetchSet(db, sql: """
                    SELECT id FROM servicePrincipalAt WHERE snapshotKey = ? AND appId = '00000003-0000-0000-c000-000000000000'
                    """, arguments: [snapshot[0] as Int64])
                #expect(graph.count == 1)
                #expect(try present.ids(appId: "00000003-0000-0000-c000-000000000000") == graph)
            }
        }
    }

    @Test func filtersSelectWhatTheirSQLWouldSelect() throws {
        var filter = HoldingFilter()
        filter.kind = .application
        filter.publisher = "thirdParty"
        let view = try viewRows("SELECT \(Self.columns) FROM adminConsentHolding WHERE kind = 'application' AND publisher = 'thirdParty'")
        #expect(!view.isEmpty)
        #expect(sorted(try Self.database.adminConsentHoldings(filter)) == sorted(view))
        filter = HoldingFilter()
        filter.app = "Northwind Call Assistant"
        filter.permissions = ["CallDelegation.ReadWrite"]
        #expect(try Self.database.adminConsentHoldings(filter).map(\.clientDisplayName) == ["Northwind Call Assistant"])
    }

    @Test func currentHoldersAreTheViewsRowsInTheViewsOrder() throws {
        let graph = "00000003-0000-0000-c000-000000000000"
        let view = try viewRows("""
            SELECT h.tenantId, h.asOf, clientId, clientAppId, clientDisplayName, publisher, verifiedPublisherName,
                   resourceId, resourceAppId, resourceDisplayName, permission, permissionId, kind, consentType,
                   principalCount, requiresAdminConsent, resolvedBy, privilegeLevel
            FROM permissionHolding h JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
            WHERE h.resourceAppId = ? AND h.kind = 'delegated' AND h.permission = 'User.Read'
            ORDER BY h.tenantId, publisher <> 'thirdParty', clientDisplayName, clientId, consentType
            """, [graph])
        #expect(view.count > 10)
        #expect(try Self.database.currentHolders(resourceAppId: graph, kind: .delegated, permission: "User.Read") == view)
        // Resolved against the permission's own catalog entry, as `show` asks: the same rows.
        let entry = try #require(try Self.database.permissionDetails(named: "User.Read", kind: .delegated).first { $0.permission.resourceAppId == graph })
        #expect(try Self.database.currentHolders(resourceAppId: graph, kind: .delegated, permission: "User.Read", catalogEntry: entry.permission) == view)
    }

    /// App roles are held by id: every application permission held on Graph, resolved against its own
    /// catalog entry, has the view's holders.
    @Test func currentHoldersOfAppRolesAgainstTheirOwnEntryAreTheViewsRows() throws {
        let graph = "00000003-0000-0000-c000-000000000000"
        let names = try Self.database.writer.read {
            try String.fetchAll($0, sql: "SELECT DISTINCT permission FROM permissionHolding WHERE resourceAppId = ? AND kind = 'application' AND permission IS NOT NULL",
                                arguments: [graph])
        }
        #expect(names.count > 3)
        for name in names {
            let view = try viewRows("""
                SELECT h.tenantId, h.asOf, clientId, clientAppId, clientDisplayName, publisher, verifiedPublisherName,
                       resourceId, resourceAppId, resourceDisplayName, permission, permissionId, kind, consentType,
                       principalCount, requiresAdminConsent, resolvedBy, privilegeLevel
                FROM permissionHolding h JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
                WHERE h.resourceAppId = ? AND h.kind = 'application' AND h.permission = ?
                ORDER BY h.tenantId, publisher <> 'thirdParty', clientDisplayName, clientId, consentType
                """, [graph, name])
            let entry = try Self.database.permissionDetails(named: name, kind: .application).first { $0.permission.resourceAppId == graph }
            #expect(try Self.database.currentHolders(resourceAppId: graph, kind: .application, permission: name, catalogEntry: entry?.permission) == view, "\(name)")
        }
    }
}
