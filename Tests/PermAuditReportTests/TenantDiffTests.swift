import Foundation
import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing
@testable import PermAuditReport

/// Drift between the sample tenant's two embedded weekly exports (Seeds/sample-tenant): the second was
/// made with known changes (scripts/generate-tenant.py, `next_week`), which the diff must list exactly.
@Suite struct TenantDiffTests {
    typealias Objects = [[String: Any]]

    static func page(_ name: String) throws -> Objects {
        let input = try #require(SampleTenant.weeks.joined().first { $0.name.hasSuffix(name) })
        return (try JSONSerialization.jsonObject(with: input.bytes) as! [String: Any])["value"] as! Objects
    }

    /// Built once and shared (the tests only read); a failure to build it fails each test that reads it
    /// instead of crashing the run.
    static let built = Result<AppDatabase, any Error> {
        let database = try SeededDatabase.copy()
        // The later export first: import order must not matter.
        for week in SampleTenant.weeks.reversed() { _ = try Importer(database: database).importInputs(week) }
        return database
    }

    static var database: AppDatabase { get throws { try built.get() } }

    static let made = Result<TenantDiff, any Error> { try TenantDiff.make(try database, tenantId: nil, from: .previous, to: .latest) }
    static var diff: TenantDiff { get throws { try made.get() } }

    static func describe(_ h: PermissionHolding) -> String {
        "\(h.clientDisplayName ?? h.clientId) \(h.permission ?? "role \(h.permissionId ?? "")") \(h.kind.rawValue) \(h.consentType)"
    }

    /// The scopes of Vendor App 00010's tenant-wide grant in the first week, read from the raw export.
    static func revokedVendorScopes() throws -> [String] {
        let vendor = try page("servicePrincipals-2026-11-01.json").first { $0["displayName"] as? String == "Vendor App 00010" }!["id"] as! String
        let grant = try page("oauth2PermissionGrants-2026-11-01.json").first {
            $0["clientId"] as? String == vendor && $0["consentType"] as? String == "AllPrincipals"
        }!
        return (grant["scope"] as! String).split(separator: " ").map(String.init)
    }

    /// Every app present in a snapshot, read through the `servicePrincipalAt` view.
    static func allApps(_ snapshotId: Int64) throws -> [TenantApp] {
        let result = try database.query("""
            SELECT json_group_array(json_object('id', id, 'appId', appId, 'displayName', displayName, 'publisher', publisher,
                                                'verifiedPublisherName', verifiedPublisherName))
            FROM (SELECT * FROM servicePrincipalAt WHERE snapshotKey = :snapshot ORDER BY id)
            """, parameters: ["snapshot": String(snapshotId)])
        guard case .text(let json) = result.rows.first?.first else { return [] }
        return try JSONDecoder().decode([TenantApp].self, from: Data(json.utf8))
    }

    /// The diff reads only the apps and holdings that can differ (HoldingChanges); the diff of the whole
    /// snapshots must be the same.
    @Test func readingOnlyWhatMayDifferGivesTheDiffOfTheWholeSnapshots() throws {
        let diff = try Self.diff
        let (old, new) = (diff.from.id, diff.to.id)
        let whole = TenantDiff(tenantId: diff.tenantId, from: diff.from, to: diff.to,
                               apps: (try Self.allApps(old), try Self.allApps(new)),
                               holdings: (try Self.database.permissionHoldings(snapshotId: old), try Self.database.permissionHoldings(snapshotId: new)))
        #expect(try Self.allApps(new).count > 20)
        var narrowed = diff
        narrowed.added = narrowed.added.map { var holding = $0; holding.risk = nil; return holding }
        narrowed.removed = narrowed.removed.map { var holding = $0; holding.risk = nil; return holding }
        narrowed.changed = narrowed.changed.map { var entry = $0; entry.holding.risk = nil; return entry }
        #expect(narrowed == whole)
    }

    @Test func listsExactlyTheChangesMade() throws {
        let diff = try Self.diff
        #expect([diff.from.asOf, diff.to.asOf] == ["2026-11-01", "2026-11-08"])
        #expect(diff.appsAdded.map(\.displayName) == ["Contoso Phish Catcher"])
        #expect(diff.appsRemoved.map(\.displayName) == ["Tailspin Legacy Connector"])
        #expect(diff.added.map(Self.describe) == [
            "Contoso Phish Catcher Directory.ReadWrite.All delegated AllPrincipals",
            "Contoso Phish Catcher Mail.Send delegated AllPrincipals",
        ])
        let vendor = try Self.revokedVendorScopes().map { "Vendor App 00010 \($0) delegated AllPrincipals" }
        #expect(!vendor.isEmpty)
        #expect(Set(diff.removed.map(Self.describe)) == Set(vendor + [
            "Fabrikam Mailbox Backup Mail.Read application Application",
            "Tailspin Legacy Connector User.Read delegated AllPrincipals",
            "Tailspin Legacy Connector Legacy.FullAccess delegated AllPrincipals",
            "Tailspin Legacy Connector role fbd08f20-5bfe-5d06-9bf6-58421f98f90c application Application",
        ]))
        #expect(diff.removed.count == vendor.count + 4)
        let changes = diff.changed.flatMap { entry in
            entry.changes.map { change -> String in
                guard case let .field(name, from, to) = change else { return "?" }
                return "\(Self.describe(entry.holding)): \(name) \(from ?? "-") -> \(to ?? "-")"
            }
        }
        #expect(Set(changes) == [
            "Adatum Survey User.Read delegated AllPrincipals: consentType Principal -> AllPrincipals",
            "Adatum Survey Mail.Read delegated AllPrincipals: consentType Principal -> AllPrincipals",
            "Adatum Survey openid delegated AllPrincipals: consentType Principal -> AllPrincipals",
            "Litware Reports User.Read delegated Principal: principalCount 12 -> 13",
            "Litware Reports Reports.Read.All delegated Principal: principalCount 12 -> 13",
        ])
        #expect(changes.count == 5)
        #expect(diff.summary.hasSuffix(": 1 app added, 1 removed; 2 holdings added, \(vendor.count + 4) removed, 5 changed"), "\(diff.summary)")
    }

    @Test func newAdminConsentHoldingsComeFirst() throws {
        let diff = try Self.diff
        #expect(diff.added.first?.permission == "Directory.ReadWrite.All")
        #expect(diff.added.first?.requiresAdminConsent == true)
        #expect(diff.added.last?.requiresAdminConsent == false)
    }

    @Test func jsonContract() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.diff.render(.json).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["tenantId", "from", "to", "appsAdded", "appsRemoved", "added", "removed", "changed"])
        let added = try #require((object["added"] as? [[String: Any]])?.first)
        for field in ["tenantId", "clientId", "clientAppId", "clientDisplayName", "resourceAppId", "permission", "kind", "consentType"] {
            #expect(added.keys.contains(field), "\(field)")
        }
        let changed = try #require((object["changed"] as? [[String: Any]])?.first)
        #expect(changed["changes"] is [[String: Any]])
    }

    @Test func reportSinceShowsOnlyNewAdminConsentHoldingsWithTheirFirstDate() throws {
        let rows = try AdminConsentReport.holdings(Self.database, filter: HoldingFilter(), since: .previous)
        #expect(rows.map(Self.describe) == ["Contoso Phish Catcher Directory.ReadWrite.All delegated AllPrincipals"])
        #expect(rows.map(\.firstSeen) == ["2026-11-08"])
        let byDate = try AdminConsentReport.holdings(Self.database, filter: HoldingFilter(), since: SnapshotRef("2026-11-07"))
        #expect(Array(byDate) == Array(rows))
        #expect(throws: HistoryError.self) {
            try AdminConsentReport.holdings(Self.database, filter: HoldingFilter(), since: SnapshotRef("2026-10-01"))
        }
    }
}
