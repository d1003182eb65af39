import Foundation
import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing
@testable import PermAuditReport

/// Diffs and timelines on cuts of the real catalog files (Tests/Fixtures/history).
@Suite struct CatalogHistoryTests {
    static let kibaliFiles = ["2026-07-22", "2026-07-28", "2026-07-31", "2026-08-07"].map { "history/kibali-\($0).json" }
    static let servicePrincipalFiles = ["2025-09-17", "2026-03-10"].map { "history/serviceprincipal-scopes-\($0).json" }

    static func database(_ files: [String]) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        for file in files { _ = try Importer(database: database).importPaths([Fixtures.path(file)]) }
        return database
    }

    static func diff(_ database: AppDatabase, _ source: CatalogSource = .kibali, from: String, to: String) throws -> CatalogDiff {
        try CatalogDiff.make(database, source: source, resourceAppId: WellKnownApp.microsoftGraph,
                             from: SnapshotRef(from)!, to: SnapshotRef(to)!)
    }

    /// The fixture's own account of the rebase, read from the raw files: name to (old, new) application level.
    static func rawLevelChanges() throws -> [String: [Int]] {
        func levels(_ file: String) throws -> [String: Int] {
            let object = try JSONSerialization.jsonObject(with: Fixtures.data(file)) as! [String: [String: [String: Any]]]
            return object["permissions"]!.compactMapValues { (($0["schemes"] as? [String: [String: Any]])?["Application"]?["privilegeLevel"]) as? Int }
        }
        let (before, after) = (try levels(kibaliFiles[0]), try levels(kibaliFiles[1]))
        return Dictionary(uniqueKeysWithValues: before.compactMap { name, level in
            after[name].flatMap { $0 == level ? nil : (name, [level, $0]) }
        })
    }

    @Test func thePrivilegeLevelRebase() throws {
        let diff = try Self.diff(Self.database(Self.kibaliFiles), from: "2026-07-22", to: "2026-07-28")
        let levelChanges = diff.changed.filter { $0.key.kind == .application }.flatMap { entry in
            entry.changes.compactMap { change -> (String, [Int])? in
                guard case let .field("privilegeLevel", from?, to?) = change else { return nil }
                return (entry.key.permission, [Int(from)!, Int(to)!])
            }
        }
        let expected = try Self.rawLevelChanges()
        #expect(expected.count >= 9)
        #expect(Dictionary(uniqueKeysWithValues: levelChanges) == expected)
        #expect(levelChanges.allSatisfy { $0.1 == [4, 3] || $0.1 == [5, 4] })
        #expect(diff.added.map(\.key) == [.init(permission: "Calls.ReportSyntheticMedia.All", kind: .application)])
        #expect(diff.removed.isEmpty)
    }

    @Test func aPermissionRemovedAndPathsDropped() throws {
        let diff = try Self.diff(Self.database(Self.kibaliFiles), from: "2026-07-28", to: "2026-07-31")
        #expect(diff.removed.map(\.key.permission) == ["Calls.ReportSyntheticMedia.All"])
        let reports = try #require(diff.changed.first { $0.key == .init(permission: "Reports.Read.All", kind: .delegated) })
        #expect(reports.changes == [.apiPaths(added: [], removed: ["GET /reports/enforcementNotices"])])
    }

    @Test func servicePrincipalConsentFlips() throws {
        let diff = try Self.diff(Self.database(Self.servicePrincipalFiles), .servicePrincipal, from: "2025-09-17", to: "2026-03-10")
        func flip(_ name: String) -> [CatalogDiff.FieldChange]? {
            diff.changed.first { $0.key.permission == name }?.changes.filter {
                if case .field("type", _, _) = $0 { return true }
                return false
            }
        }
        #expect(flip("ThreatSubmission.Read") == [.field(name: "type", from: "User", to: "Admin")])
        #expect(flip("ThreatSubmission.ReadWrite") == [.field(name: "type", from: "User", to: "Admin")])
        for name in ["FileStorageContainer.Selected", "FileStorageContainerType.Manage.All", "FileStorageContainerTypeReg.Manage.All"] {
            #expect(flip(name) == [.field(name: "type", from: "Admin", to: "User")], "\(name)")
        }
        #expect(diff.changed.allSatisfy { $0.key.permission.hasPrefix("ThreatSubmission") || $0.key.permission.hasPrefix("FileStorage") })
    }

    @Test func importOrderDoesNotMatter() throws {
        let forward = try Self.diff(Self.database(Self.kibaliFiles), from: "2026-07-22", to: "2026-08-07")
        let backward = try Self.diff(Self.database(Self.kibaliFiles.reversed()), from: "2026-07-22", to: "2026-08-07")
        #expect(forward.added == backward.added)
        #expect(forward.removed == backward.removed)
        #expect(forward.changed == backward.changed)
        #expect(forward.json.text().replacingOccurrences(of: #""id": \d+"#, with: "", options: .regularExpression)
            == backward.json.text().replacingOccurrences(of: #""id": \d+"#, with: "", options: .regularExpression))
    }

    @Test func defaultsArePreviousAndLatest() throws {
        let diff = try CatalogDiff.make(Self.database(Self.kibaliFiles), source: .kibali, resourceAppId: WellKnownApp.microsoftGraph,
                                        from: .previous, to: .latest)
        #expect([diff.from.asOf, diff.to.asOf] == ["2026-07-31", "2026-08-07"])
        #expect(diff.added.map(\.key.permission) == ["Calls.ReportSyntheticMedia.All"])
    }

    @Test func unknownReferencesSaySo() throws {
        let database = try Self.database(Self.kibaliFiles)
        #expect(throws: HistoryError.noSnapshot(ref: .onOrBefore("2020-01-01"), series: "kibali", count: 4)) {
            try Self.diff(database, from: "2020-01-01", to: "latest")
        }
    }

    /// With fewer than two snapshots there is nothing to compare: the error says where a second one comes from.
    @Test func aLoneSnapshotSaysHowToGetASecond() {
        #expect(HistoryError.noSnapshot(ref: .previous, series: "kibali", count: 1).description
            == "no previous snapshot in the kibali series (it has 1 snapshot); import a newer catalog file of the series: "
            + "permaudit import permissions.json --as-of YYYY-MM-DD")
        #expect(HistoryError.noSnapshot(ref: .previous, series: "tenant T", count: 1).description
            == "no previous snapshot in the tenant T series (it has 1 snapshot); import a newer export of the tenant: "
            + "permaudit import EXPORT-FOLDER --as-of YYYY-MM-DD")
        #expect(HistoryError.noSnapshot(ref: .id(9), series: "kibali", count: 4).description == "no snapshot #9 in the kibali series (it has 4 snapshots)")
    }

    @Test func historyShowsTheFlap() throws {
        let history = try PermissionHistory.make(Self.database(Self.kibaliFiles), permission: "Calls.ReportSyntheticMedia.All", kind: nil)
        let events = history.timelines.flatMap { $0.events.map { "\($0.what.rawValue) \($0.asOf)" } }
        #expect(events == ["firstSeen 2026-07-28", "removed 2026-07-31", "returned 2026-08-07"])
    }

    @Test func historyListsEachChange() throws {
        let database = try Self.database(Self.kibaliFiles)
        let name = try #require(try Self.rawLevelChanges().keys.sorted().first)
        let history = try PermissionHistory.make(database, permission: name, kind: .application)
        let events = try #require(history.timelines.first?.events)
        #expect(events.map(\.what) == [.firstSeen, .changed])
        #expect(events[1].asOf == "2026-07-28")
        #expect(events[1].changes.contains { if case .field("privilegeLevel", _, _) = $0 { true } else { false } })
        #expect(throws: HistoryError.unknownPermission("Nope.Read")) { try PermissionHistory.make(database, permission: "Nope.Read", kind: nil) }
    }

    @Test func jsonContract() throws {
        let diff = try Self.diff(Self.database(Self.kibaliFiles), from: "2026-07-28", to: "2026-07-31")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.render(.json).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["from", "to", "added", "removed", "changed"])
        let changed = try #require(object["changed"] as? [[String: Any]])
        #expect(Set(changed[0].keys) == ["permission", "kind", "changes"])
        let removed = try #require((object["removed"] as? [[String: Any]])?.first)
        #expect(removed["permission"] as? String == "Calls.ReportSyntheticMedia.All")
        #expect(removed["privilegeLevel"] is Int)
    }
}

@Suite struct CatalogImpactTests {
    /// A tenant whose app holds ThreatSubmission.Read by one user's consent, before it became admin-only.
    static let tenant = """
        {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals", "value": [
          {"id": "graph-sp", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a"},
          {"id": "app-sp", "appId": "app", "displayName": "Phish Reporter", "appOwnerOrganizationId": "vendor"}]}
        """
    static let grants = """
        {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#oauth2PermissionGrants", "value": [
          {"id": "g1", "clientId": "app-sp", "consentType": "Principal", "principalId": "u1", "resourceId": "graph-sp", "scope": "ThreatSubmission.Read Mail.Read"}]}
        """

    @Test func aScopeThatBecameAdminOnlyWhileHeldByUserConsent() throws {
        let database = try CatalogHistoryTests.database(CatalogHistoryTests.servicePrincipalFiles)
        _ = try Importer(database: database).importInputs(
            [(name: "sp.json", bytes: Data(Self.tenant.utf8)), (name: "grants.json", bytes: Data(Self.grants.utf8))],
            asOf: "2026-03-15", tenantId: "t")
        let diff = try CatalogHistoryTests.diff(database, .servicePrincipal, from: "2025-09-17", to: "2026-03-10")
        let impact = try CatalogImpact.make(database, diff: diff, tenantId: nil)
        #expect(impact.entries.map(\.key.permission) == ["ThreatSubmission.Read"])
        let entry = try #require(impact.entries.first)
        #expect(entry.changes.contains(.field(name: "type", from: "User", to: "Admin")))
        #expect(entry.heldBy.map { "\($0.clientDisplayName ?? "") \($0.consentType) \($0.principalCount ?? 0)" } == ["Phish Reporter Principal 1"])
        #expect(impact.render(OutputStyle(.table, width: 160)).contains("Phish Reporter (1 user)"))
    }
}
