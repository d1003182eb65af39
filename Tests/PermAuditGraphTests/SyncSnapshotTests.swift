import Foundation
import PermAuditGraph
import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing

/// A sync makes the same snapshot as `permaudit import` of the same data, whatever the paging.
@Suite struct SyncSnapshotTests {
    @Test func syncEqualsImportOfTheSameDataAcrossManySmallPages() async throws {
        let tenant = try FakeTenant.sample()
        let fake = try FakeGraph(tenant)
        defer { fake.stop() }
        fake.pageSize = 20
        fake.emptyMiddlePage = true
        let saved = try Fixtures.temporaryDirectory()
        let database = try AppDatabase.inMemory()
        let outcome = try await SyncHarness.sync(fake, into: database, options: SyncOptions(saveJSON: saved))

        #expect(outcome.isComplete)
        let snapshot = try #require(outcome.snapshot)
        #expect(snapshot.servicePrincipalCount == 61 && snapshot.grantCount == 2561 && snapshot.assignmentCount == 11)
        let collections = Dictionary(uniqueKeysWithValues: outcome.collections.map { ($0.name, $0) })
        #expect(try #require(collections["servicePrincipals"]).pages >= 3)
        #expect(try #require(collections["oauth2PermissionGrants"]).pages >= 3)
        #expect(outcome.collections.allSatisfy { $0.status == "complete" })

        // The same objects imported from an ordinary export, and the pages --save-json wrote, both give its content hash.
        let export = try Fixtures.temporaryDirectory()
        try tenant.writeExport(to: export, date: "2026-11-08")
        let imported = try AppDatabase.inMemory()
        _ = try Importer(database: imported).importPaths([export.path])
        let reimported = try AppDatabase.inMemory()
        _ = try Importer(database: reimported).importPaths([saved.path])
        let hash = try SyncHarness.snapshotHashes(database)
        #expect(hash.count == 1)
        #expect(try SyncHarness.snapshotHashes(imported) == hash)
        #expect(try SyncHarness.snapshotHashes(reimported) == hash)
        // Staged pages are gone once the snapshot holds them.
        #expect(try database.syncPageCount(run: outcome.run.id) == 0)
    }

    /// S service principals, G grants, R resources with app roles: ⌈S/999⌉ + ⌈G/999⌉ + R listings plus the
    /// organization and four counts. The request log also shows the header and query discipline.
    @Test func requestBudgetAndQueryDiscipline() async throws {
        let fake = try FakeGraph(try FakeTenant.sample())
        defer { fake.stop() }
        let outcome = try await SyncHarness.sync(fake)
        #expect(outcome.isComplete)
        let budget = 1 + 3 + 2 + 1 + 4
        #expect(fake.requests.count <= budget)
        #expect(fake.requests.allSatisfy { !$0.target.contains("$expand") && !$0.target.contains("keyCredentials") })
        #expect(fake.requests.allSatisfy { !$0.path.hasSuffix("/appRoleAssignments") })
        #expect(SyncHarness.requests(fake, path: "/appRoleAssignedTo").count == 2)
        let grantPages = SyncHarness.requests(fake, path: "/oauth2PermissionGrants")
        #expect(grantPages.count == 3 && grantPages.allSatisfy { $0.headers["consistencylevel"] == "eventual" })
        #expect(fake.requests.filter { $0.path.hasSuffix("/$count") }.count == 4)
        let firstPages = fake.requests.filter { !$0.path.hasSuffix("/$count") && !$0.path.hasSuffix("/organization") && $0.query["$skiptoken"] == nil }
        #expect(firstPages.count == 4 && firstPages.allSatisfy { $0.query["$top"] == "999" && $0.query["$select"] != nil })
    }

    @Test func aCountMismatchReadsAgainThenLeavesNoSnapshot() async throws {
        let fake = try FakeGraph(try FakeTenant.sample())
        defer { fake.stop() }
        fake.countOffset = ["servicePrincipals": 1]
        let database = try AppDatabase.inMemory()
        let outcome = try await SyncHarness.sync(fake, into: database)
        #expect(!outcome.isComplete && outcome.snapshot == nil)
        let principals = try #require(outcome.collections.first { $0.name == "servicePrincipals" })
        #expect(principals.status == "incomplete" && principals.reads == 2)
        #expect(principals.problem == "received 61 unique objects, Graph counts 62")
        #expect(try SyncHarness.snapshotHashes(database).isEmpty)
        #expect(outcome.run.status == "incomplete")
    }

    @Test func acceptIncompleteStoresAFlaggedSnapshot() async throws {
        let fake = try FakeGraph(try FakeTenant.sample())
        defer { fake.stop() }
        fake.countOffset = ["oauth2PermissionGrants": -5]
        let outcome = try await SyncHarness.sync(fake, options: SyncOptions(acceptIncomplete: true))
        #expect(outcome.snapshot != nil)
        #expect(outcome.run.flagged && outcome.run.status == "incomplete")
    }

    /// Snapshots are one per tenant and date: a changed tenant synced again the same day is refused, the
    /// first snapshot kept and the run recorded failed with its pages, rather than replacing history.
    @Test func aChangedTenantSyncedAgainTheSameDayIsRefusedAndTheFirstSnapshotKept() async throws {
        var tenant = try FakeTenant.sample()
        let database = try AppDatabase.inMemory()
        let first = try FakeGraph(tenant)
        defer { first.stop() }
        #expect(try await SyncHarness.sync(first, into: database).isComplete)
        tenant.grants.removeLast()
        let second = try FakeGraph(tenant)
        defer { second.stop() }
        let error = await #expect(throws: SyncError.self) { _ = try await SyncHarness.sync(second, into: database) }
        #expect(error?.kind == .configuration && error?.description.hasSuffix("it is kept, and a sync tomorrow records the change") == true)
        #expect(try SyncHarness.snapshotHashes(database).count == 1)
        #expect(try database.syncRuns().map(\.status) == ["failed", "complete"])
    }

    @Test func aTenantOtherThanTheTokensIsRefused() async throws {
        let fake = try FakeGraph(try FakeTenant.sample())
        defer { fake.stop() }
        let database = try AppDatabase.inMemory()
        await #expect(throws: SyncError.self) {
            _ = try await SyncHarness.sync(fake, into: database, options: SyncOptions(tenant: "fabrikam.example"))
        }
        #expect(try database.syncRuns().isEmpty)
    }
}
